import Foundation
import GRDB
import NokoriCore

extension FindingStore {
  /// Calls `body` with the files run `run` flagged at or above `minimum`, a page at a time in
  /// file order, so a run of any size is checked in bounded memory. `limit` stops after that
  /// many files.
  public func forEachFlaggedFile(
    run: Int64, minimum: Confidence, pageSize: Int = 2000, limit: Int = .max, _ body: ([FlaggedFile]) throws -> Void
  ) throws {
    var remaining = limit
    let levels = Self.levels(atOrAbove: minimum)
    // Pages walk the primary key from the last one's end (NOT INDEXED): with the index on
    // run_id SQLite would read and sort the whole run for every page. A run that keeps a
    // base's rows is walked as the base's segment, then its own.
    for segment in try segments(of: run, in: .files) {
      var after: Int64 = 0
      while remaining > 0 {
        let page: [FlaggedFile] = try queue.read { db in
          let rows = try Row.fetchAll(
            db,
            sql: """
              SELECT files.id AS id, files.path AS path, files.size AS size, files.mtime AS mtime,
                     files.sha256 AS sha256, files.device AS device, flagged.categories AS categories
              FROM (SELECT file_id, group_concat(DISTINCT category) AS categories
                    -- Walked in file order from the last page's end, so a page costs its own rows,
                    -- not a pass over the whole run (the planner would otherwise pick findings_by_run).
                    FROM findings INDEXED BY findings_by_file
                    WHERE file_id > ? AND file_id <= ? AND run_id = ? \(Self.excluding(segment, "findings.file_id"))
                      AND confidence IN (\(Self.placeholders(levels.count)))
                    GROUP BY file_id ORDER BY file_id LIMIT ?) AS flagged
              JOIN files ON files.id = flagged.file_id ORDER BY files.id
              """,
            arguments: StatementArguments(
              [after, segment.maxID, segment.rowsOf] + Self.exclusionArguments(segment) + levels
                + [Int64(pageSize)]))
          return rows.map { row in
            let categories: String = row["categories"]
            return FlaggedFile(
              id: row["id"], path: row["path"], size: row["size"], mtime: row["mtime"], sha256: row["sha256"],
              device: row["device"], categories: categories.split(separator: ",").map(String.init).sorted())
          }
        }
        guard let last = page.last else { break }
        try body(Array(page.prefix(remaining)))
        remaining -= page.count
        after = last.id
      }
    }
  }

  /// The number of files run `run` flagged at or above `minimum`.
  public func flaggedFileCount(run: Int64, minimum: Confidence) throws -> Int {
    let levels = Self.levels(atOrAbove: minimum)
    return try queue.read { db in
      try Int.fetchOne(
        db,
        sql: """
          SELECT COUNT(DISTINCT file_id) FROM run_findings
          WHERE run_id = ? AND confidence IN (\(Self.placeholders(levels.count)))
          """,
        arguments: StatementArguments([run] as [any DatabaseValueConvertible] + levels)) ?? 0
    }
  }

  /// Fingerprint → one flagged path holding it, for the person-identifying categories of run
  /// `run`: how a rescan recognises the same people in a copy.
  public func identifierFingerprints(run: Int64, minimum: Confidence) throws -> [String: String] {
    let levels = Self.levels(atOrAbove: minimum)
    let categories = IdentifierCategories.all.map(\.rawValue)
    return try queue.read { db in
      let cursor = try Row.fetchCursor(
        db,
        sql: """
          SELECT f.fingerprint AS fingerprint, MIN(files.path) AS path FROM run_findings f
          JOIN files ON files.id = f.file_id
          WHERE f.run_id = ? AND f.confidence IN (\(Self.placeholders(levels.count)))
            AND f.category IN (\(Self.placeholders(categories.count)))
          GROUP BY f.fingerprint
          """,
        arguments: StatementArguments([run] as [any DatabaseValueConvertible] + levels + categories))
      var result: [String: String] = [:]
      while let row = try cursor.next() { result[row["fingerprint"]] = row["path"] }
      return result
    }
  }

  /// The fingerprints of every finding stored for file `fileID` (any confidence): how a
  /// changed file is recognised as still holding the same values.
  public func fingerprints(fileID: Int64) throws -> Set<String> {
    try queue.read { db in
      try String.fetchSet(db, sql: "SELECT fingerprint FROM findings WHERE file_id = ?", arguments: [fileID])
    }
  }

  /// The next confirmation session number of run `run` (1 for the first `nokori confirm`).
  public func nextConfirmationSession(run: Int64) throws -> Int {
    try queue.read { db in
      (try Int.fetchOne(db, sql: "SELECT MAX(session) FROM confirmations WHERE run_id = ?", arguments: [run]) ?? 0)
        + 1
    }
  }

  /// Appends confirmation records in one transaction; earlier ones are never changed.
  public func append(_ confirmations: [ConfirmationRecord]) throws {
    guard !confirmations.isEmpty else { return }
    try queue.write { db in
      let insert = try db.cachedStatement(
        sql: """
          INSERT INTO confirmations (run_id, session, file_id, checked_at, host, user, path, checked, result,
                                     detail, new_path, sha256)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """)
      for record in confirmations {
        try insert.execute(arguments: [
          record.run, record.session, record.fileID, record.checkedAt, record.host, record.user, record.path,
          record.checked, record.result.rawValue, record.detail, record.newPath, record.sha256,
        ])
      }
    }
  }

  /// Calls `body` with every confirmation record of run `run`, oldest first, a page at a time.
  public func forEachConfirmation(run: Int64, pageSize: Int = 5000, _ body: ([ConfirmationRecord]) throws -> Void)
    throws
  {
    var after: Int64 = 0
    while true {
      let page: [(Int64, ConfirmationRecord)] = try queue.read { db in
        try Row.fetchAll(
          db,
          sql: """
            SELECT id, run_id, session, file_id, checked_at, host, user, path, checked, result, detail, new_path, sha256
            FROM confirmations NOT INDEXED WHERE run_id = ? AND id > ? ORDER BY id LIMIT ?
            """,
          arguments: [run, after, pageSize]
        ).map { row in
          (
            row[0],
            ConfirmationRecord(
              run: row[1], session: row[2], fileID: row[3], checkedAt: row[4], host: row[5], user: row[6],
              path: row[7], checked: row[8], result: ConfirmationResult(rawValue: row[9]) ?? .unreadable,
              detail: row[10], newPath: row[11], sha256: row[12])
          )
        }
      }
      guard let last = page.last else { return }
      try body(page.map(\.1))
      after = last.0
    }
  }

  /// All confirmation records of run `run`, oldest first (for small runs and tests).
  public func confirmations(run: Int64) throws -> [ConfirmationRecord] {
    var all: [ConfirmationRecord] = []
    try forEachConfirmation(run: run) { all += $0 }
    return all
  }

  static func levels(atOrAbove minimum: Confidence) -> [String] {
    Confidence.allCases.filter { $0 >= minimum }.map(\.rawValue)
  }

  static func placeholders(_ count: Int) -> String {
    Array(repeating: "?", count: count).joined(separator: ",")
  }
}
