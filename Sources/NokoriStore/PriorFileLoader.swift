import GRDB
import GRDBSQLite
import NokoriCore

extension FindingStore {
  /// Earlier verdicts for a sweep carrying from `sources`: the completed sweep's rows (its
  /// base's, less its exclusions, then its own), then each stopped sweep's own rows; a later
  /// row replaces an earlier one's. Rows of `sources.base` are marked ``PriorFile/inBase``
  /// and loaded without their descriptive columns.
  public func priorFiles(_ sources: CarrySources) throws -> PriorFiles {
    if let completed = sources.completed, let base = sources.base, sources.stopped.isEmpty,
      let indexed = try priorFiles(index: CarryIndexFile.path(forStore: path), completed: completed, base: base, sources: sources)
    {
      return indexed
    }
    var result = PriorFiles()
    try queue.read { db in
      var layers: [(run: Int64, excludedBy: Int64?)] = []
      if let completed = sources.completed {
        if let completedBase = try Int64.fetchOne(
          db, sql: "SELECT carry_base FROM runs WHERE id = ?", arguments: [completed])
        {
          layers.append((completedBase, completed))
        }
        layers.append((completed, nil))
      }
      layers += sources.stopped.map { ($0, nil) }
      if let first = layers.first,
        let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM files WHERE run_id = ?", arguments: [first.run])
      {
        result.reserve(count + count / 8)
      }
      for layer in layers {
        try Self.loadLayer(db, run: layer.run, excludedBy: layer.excludedBy, inBase: layer.run == sources.base, into: &result)
      }
    }
    return result
  }

  /// Earlier verdicts from the base's carry index: its records, then — when the completed
  /// sweep kept them by reference — that sweep's exclusions as base rows not to keep, and
  /// its own rows with their descriptive columns and findings (the verdicts that would be
  /// copied). Nil when the index is missing, is another run's or digest's, or is torn.
  private func priorFiles(index: String, completed: Int64, base: Int64, sources: CarrySources) throws -> PriorFiles? {
    guard let mapped = MappedCarryIndex(path: index, run: base, verdictDigest: sources.verdictDigest) else {
      return nil
    }
    var result = PriorFiles()
    result.source = "index"
    guard result.attach(mapped, base: base) else { return nil }
    guard completed != base else { return result }
    try queue.read { db in
      result.excludeBaseRows(
        try Int64.fetchAll(db, sql: "SELECT file_id FROM carry_exclusions WHERE run_id = ?", arguments: [completed]))
      try Self.loadLayer(db, run: completed, excludedBy: nil, inBase: false, into: &result)
    }
    return result
  }

  /// Run `run`'s own rows as carry-index records, in row order.
  public func carryIndexRecords(ofRun run: Int64) throws -> [CarryIndexFile.Record] {
    var own: [CarryIndexFile.Record] = []
    try queue.read { db in
      guard
        let range = try Row.fetchOne(db, sql: "SELECT min(id), max(id) FROM files WHERE run_id = ?", arguments: [run]),
        let first = range[0] as Int64?, let last = range[1] as Int64?
      else { return }
      // By id, as `loadLayer` reads: the run_id index is ordered by outcome within a run.
      let statement = try db.makeStatement(
        sql: """
          SELECT id, path, size, mtime, ctime, inode, device, outcome, finding_count
          FROM files NOT INDEXED WHERE id BETWEEN ? AND ? AND run_id = ?
          """)
      try statement.setArguments([first, last, run])
      var outcomes = OutcomeColumn()
      try Self.forEachRow(statement) { raw in
        let outcome = outcomes.read(raw, 7)
        own.append(
          CarryIndexFile.Record(
            pathHash: PathHash.of(Self.bytes(raw, 1)), fileID: sqlite3_column_int64(raw, 0), rowRun: run,
            size: Self.int64(raw, 2), mtime: Self.double(raw, 3), ctime: Self.double(raw, 4),
            inode: Self.int64(raw, 5), device: Self.int64(raw, 6), findingCount: Int(sqlite3_column_int64(raw, 8)),
            outcome: outcome))
      }
    }
    return own
  }

  /// Where this store's carry index lives.
  public var carryIndexPath: String { CarryIndexFile.path(forStore: path) }

  /// Reads one run's rows through SQLite's column functions: GRDB's `Row` made a third of a
  /// 200,000-file sweep's start-up (a `String` per path and a boxed value per column). The
  /// rows are read in id order between the run's first and last (NOT INDEXED), and the
  /// exclusions, a few thousand, are looked up here: through the run_id index and a
  /// correlated NOT EXISTS the same read took three times as long.
  private static func loadLayer(
    _ db: Database, run: Int64, excludedBy: Int64?, inBase: Bool, into result: inout PriorFiles
  ) throws {
    guard
      let range = try Row.fetchOne(db, sql: "SELECT min(id), max(id) FROM files WHERE run_id = ?", arguments: [run]),
      let first = range[0] as Int64?, let last = range[1] as Int64?
    else { return }
    let excluded =
      try excludedBy.map {
        try Set(Int64.fetchAll(db, sql: "SELECT file_id FROM carry_exclusions WHERE run_id = ?", arguments: [$0]))
      } ?? []
    let statement = try db.makeStatement(
      sql: """
        SELECT id, path, size, mtime, ctime, inode, device, outcome, finding_count,
               detail, format, encoding, sha256, category_counts
        FROM files NOT INDEXED WHERE id BETWEEN ? AND ? AND run_id = ?
        """)
    try statement.setArguments([first, last, run])
    var outcomes = OutcomeColumn()
    try Self.forEachRow(statement) { raw in
      let fileID = sqlite3_column_int64(raw, 0)
      if !excluded.isEmpty, excluded.contains(fileID) {
        if inBase { result.noteBaseRowNotKept(fileID) }
        return
      }
      // Entries with no file identity (links, special files, unreadable ones) are reported
      // again by the walk, never carried.
      guard sqlite3_column_type(raw, 5) != SQLITE_NULL else {
        if inBase { result.noteBaseRowNotKept(fileID) }
        return
      }
      let pathHash = PathHash.of(Self.bytes(raw, 1))
      let outcome = outcomes.read(raw, 7)
      let file = PriorFile(
        fileID: fileID, size: Self.int64(raw, 2), mtime: Self.double(raw, 3), ctime: Self.double(raw, 4),
        inode: Self.int64(raw, 5), device: Self.int64(raw, 6), outcome: outcome,
        findingCount: Int(sqlite3_column_int64(raw, 8)), inBase: inBase)
      let details =
        inBase
        ? nil
        : PriorDetails(
          detail: Self.text(raw, 9), format: Self.text(raw, 10), encoding: Self.text(raw, 11),
          sha256: Self.text(raw, 12), categoryCounts: Self.text(raw, 13) ?? "{}")
      result.insert(file, details: details, pathHash: pathHash)
    }
    guard !inBase else { return }
    let findings = try Row.fetchCursor(
      db, sql: "SELECT f.*, '' AS path FROM findings f WHERE f.run_id = ? ORDER BY f.id", arguments: [run])
    while let row = try findings.next() {
      let fileID: Int64 = row["file_id"]
      if excluded.contains(fileID) { continue }
      result.addFinding(Self.storedFinding(row).finding, fileID: fileID)
    }
  }

  /// Steps `statement` to its end, handing each row (as SQLite's statement) to `body`.
  private static func forEachRow(_ statement: Statement, _ body: (OpaquePointer) throws -> Void) throws {
    let raw = statement.sqliteStatement
    while true {
      let code = sqlite3_step(raw)
      if code == SQLITE_DONE { return }
      guard code == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
      try body(raw)
    }
  }

  /// An outcome column read row after row: each distinct text is looked up once.
  private struct OutcomeColumn {
    var known: [String: Outcome?] = [:]

    mutating func read(_ raw: OpaquePointer, _ column: Int32) -> Outcome? {
      let text = FindingStore.text(raw, column) ?? ""
      if let outcome = known[text] { return outcome }
      let outcome = Outcome(rawValue: text)
      known[text] = outcome
      return outcome
    }
  }

  private static func bytes(_ raw: OpaquePointer, _ column: Int32) -> UnsafeRawBufferPointer {
    guard let pointer = sqlite3_column_text(raw, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
    return UnsafeRawBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(raw, column)))
  }

  private static func text(_ raw: OpaquePointer, _ column: Int32) -> String? {
    guard sqlite3_column_type(raw, column) != SQLITE_NULL else { return nil }
    return String(decoding: bytes(raw, column), as: UTF8.self)
  }

  private static func int64(_ raw: OpaquePointer, _ column: Int32) -> Int64? {
    sqlite3_column_type(raw, column) == SQLITE_NULL ? nil : sqlite3_column_int64(raw, column)
  }

  private static func double(_ raw: OpaquePointer, _ column: Int32) -> Double? {
    sqlite3_column_type(raw, column) == SQLITE_NULL ? nil : sqlite3_column_double(raw, column)
  }
}
