import Foundation
import GRDB
import NokoriCore

#if canImport(Glibc)
  import Glibc
#endif

/// The embedded SQLite store: runs, their file inventories and findings. One file, mode
/// 0600, write-ahead logging; the scanner is its only writer and writes in batches.
public final class FindingStore: Sendable {
  let queue: DatabaseQueue
  public let path: String

  /// Opens (creating if needed) the store at `path`; a new store and its folder are made
  /// readable by the owner only, since findings say where personal data lies.
  /// - Throws: ``StoreError`` when the file cannot be created or is not a Nokori store.
  public init(path: String) throws {
    self.path = path
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    if !FileManager.default.fileExists(atPath: folder) {
      do {
        try FileManager.default.createDirectory(
          atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
      } catch {
        throw StoreError.cannotOpen(path: path, reason: "cannot create folder \(folder)")
      }
    }
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
    close(fd)
    var configuration = Configuration()
    configuration.busyMode = .timeout(10)
    configuration.foreignKeysEnabled = true
    configuration.prepareDatabase { db in
      try db.execute(sql: "PRAGMA journal_mode = WAL")
      try db.execute(sql: "PRAGMA synchronous = NORMAL")
      try db.execute(sql: "PRAGMA cache_size = -16384")
    }
    let migrator = StoreSchema.migrator()
    do {
      queue = try DatabaseQueue(path: path, configuration: configuration)
    } catch {
      throw StoreError.cannotOpen(path: path, reason: "\(error)")
    }
    // Checked before migrating: an older binary must not write into a schema it does not know.
    let unknown: Set<String>
    do {
      unknown = try queue.read { db in
        try db.tableExists("grdb_migrations")
          ? migrator.appliedIdentifiers(db).subtracting(migrator.migrations) : []
      }
    } catch {
      throw StoreError.cannotOpen(path: path, reason: "\(error)")
    }
    if !unknown.isEmpty { throw StoreError.newerSchema(path: path, unknownMigrations: unknown.sorted()) }
    do {
      try migrator.migrate(queue)
    } catch {
      throw StoreError.cannotOpen(path: path, reason: "\(error)")
    }
  }

  // MARK: - Writing

  /// Records the start of a run and returns its id.
  public func beginRun(_ start: RunStart, startedAt: Date = Date()) throws -> Int64 {
    try queue.write { db in
      try db.execute(
        sql: """
          INSERT INTO runs (started_at, status, host, user, tool_version, pattern_digest, key_id, roots, options)
          VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          Self.timestamp(startedAt), start.host, start.user, start.toolVersion, start.patternDigest, start.keyID,
          Self.json(start.roots), Self.json(start.options),
        ])
      return db.lastInsertedRowID
    }
  }

  /// Appends file reports and their findings to run `run` in one transaction.
  public func append(_ reports: [FileReport], run: Int64) throws {
    guard !reports.isEmpty else { return }
    try queue.write { db in
      let insertFile = try db.cachedStatement(
        sql: """
          INSERT INTO files (run_id, path, size, mtime, inode, device, outcome, detail, format, encoding, sha256,
                             categories, category_counts, finding_count, max_confidence, ctime, reused_from, allowed)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """)
      let insertFinding = try FindingRowInserter(db)
      for report in reports {
        // Hand-built: a JSONEncoder per file showed in profiles of trees of small files.
        let counts =
          "{" + report.findingCounts.sorted { $0.key < $1.key }.map { "\"\($0.key.rawValue)\":\($0.value)" }
          .joined(separator: ",") + "}"
        try insertFile.execute(arguments: [
          run, report.path, report.size, report.mtime, report.inode.map { Int64(bitPattern: $0) },
          report.device.map { Int64(bitPattern: $0) }, report.outcome.rawValue, report.detail, report.format,
          report.encoding, report.sha256, report.categories.map(\.rawValue).joined(separator: ","),
          counts, report.findingCounts.values.reduce(0, +), report.maxConfidence?.rawValue,
          report.ctime, report.reusedFrom, report.allowed,
        ])
        let fileID = db.lastInsertedRowID
        for finding in report.findings { try insertFinding.insert(finding, run: run, fileID: fileID) }
      }
    }
  }

  /// Records the end of run `run` with its totals and exit code.
  public func finishRun(_ run: Int64, totals: RunTotals, status: String, exitCode: Int32, at date: Date = Date())
    throws
  {
    try queue.write { db in
      try db.execute(
        sql: """
          UPDATE runs SET finished_at = ?, status = ?, files_seen = ?, files_scanned = ?, files_flagged = ?,
                          files_incomplete = ?, findings = ?, bytes_scanned = ?, exit_code = ?
          WHERE id = ?
          """,
        arguments: [
          Self.timestamp(date), status, totals.filesSeen, totals.filesScanned, totals.filesFlagged,
          totals.filesIncomplete, totals.findings, totals.bytesScanned, Int(exitCode), run,
        ])
    }
  }

  // MARK: - Reading

  /// Every run, newest first.
  public func runs() throws -> [RunRecord] {
    try queue.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY id DESC").map(Self.runRecord)
    }
  }

  /// Run `id`, if it exists.
  public func run(_ id: Int64) throws -> RunRecord? {
    try queue.read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [id]).map(Self.runRecord)
    }
  }

  /// The findings of run `run` at or above `minimum`, in file order.
  public func findings(run: Int64, minimum: Confidence = .low) throws -> [StoredFinding] {
    let levels = Confidence.allCases.filter { $0 >= minimum }.map(\.rawValue)
    return try queue.read { db in
      let placeholders = levels.map { _ in "?" }.joined(separator: ",")
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT f.*, files.path AS path FROM run_findings f JOIN files ON files.id = f.file_id
          WHERE f.run_id = ? AND f.confidence IN (\(placeholders)) ORDER BY f.file_id, f.id
          """,
        arguments: StatementArguments([run] as [any DatabaseValueConvertible] + levels))
      return rows.map(Self.storedFinding)
    }
  }

  /// The file inventory of run `run`, optionally only files with outcome `outcome`.
  public func files(run: Int64, outcome: String? = nil) throws -> [StoredFile] {
    try queue.read { db in
      var sql = "SELECT * FROM run_files WHERE run_id = ?"
      var arguments: [any DatabaseValueConvertible] = [run]
      if let outcome {
        sql += " AND outcome = ?"
        arguments.append(outcome)
      }
      sql += " ORDER BY id"
      return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map(Self.storedFile)
    }
  }

  // MARK: - Helpers

  static func storedFinding(_ row: Row) -> StoredFinding {
    StoredFinding(
      run: row["run_id"], path: row["path"],
      finding: Finding(
        category: Category(row["category"] as String), detector: row["detector"],
        confidence: Confidence(rawValue: row["confidence"]) ?? .low,
        location: Location(
          line: row["line"], column: row["col"], offset: row["byte_offset"], field: row["field"],
          member: row["member"], page: row["page"]),
        masked: row["masked"], fingerprint: row["fingerprint"]))
  }

  static func storedFile(_ row: Row) -> StoredFile {
    let categories: String = row["categories"]
    return StoredFile(
      id: row["id"], run: row["run_id"], path: row["path"], size: row["size"], mtime: row["mtime"],
      inode: row["inode"], outcome: row["outcome"], detail: row["detail"], format: row["format"],
      encoding: row["encoding"], sha256: row["sha256"],
      categories: categories.split(separator: ",").map(String.init), findingCount: row["finding_count"],
      maxConfidence: row["max_confidence"], reused: (row["reused_from"] as Int64?) != nil,
      allowed: row["allowed"] ?? false)
  }

  static func runRecord(_ row: Row) -> RunRecord {
    let roots: String = row["roots"]
    return RunRecord(
      id: row["id"], startedAt: row["started_at"], finishedAt: row["finished_at"], status: row["status"],
      host: row["host"], user: row["user"], toolVersion: row["tool_version"], patternDigest: row["pattern_digest"],
      keyID: row["key_id"],
      roots: (try? JSONDecoder().decode([String].self, from: Data(roots.utf8))) ?? [],
      filesSeen: row["files_seen"], filesScanned: row["files_scanned"], filesFlagged: row["files_flagged"],
      filesIncomplete: row["files_incomplete"], findings: row["findings"], bytesScanned: row["bytes_scanned"],
      exitCode: row["exit_code"])
  }

  static func timestamp(_ date: Date) -> String {
    date.formatted(.iso8601)
  }

  static func json<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
  }
}

/// The store could not be used: a configuration error that stops the run before it starts.
public enum StoreError: Error, CustomStringConvertible {
  case cannotOpen(path: String, reason: String)
  case noSuchRun(Int64)
  case newerSchema(path: String, unknownMigrations: [String])

  public var description: String {
    switch self {
    case .newerSchema(let path, let unknown):
      "the store \(path) was written by a newer Nokori (schema \(unknown.joined(separator: ", ")) is unknown to "
        + "this version); use that version or a newer one — this one will not change it"
    case .cannotOpen(let path, let reason): "cannot open the store \(path): \(reason)"
    case .noSuchRun(let id): "no run \(id) in the store"
    }
  }
}
