import GRDB
import NokoriCore

extension FindingStore {
  /// Calls `body` with run `run`'s file inventory a page at a time, in file order: an export
  /// of a run of any size in bounded memory.
  public func forEachFile(run: Int64, pageSize: Int = 5000, _ body: ([StoredFile]) throws -> Void) throws {
    var after: Int64 = 0
    while true {
      let page: [StoredFile] = try queue.read { db in
        try Row.fetchAll(
          db, sql: "SELECT * FROM files WHERE run_id = ? AND id > ? ORDER BY id LIMIT ?",
          arguments: [run, after, pageSize]
        ).map(Self.storedFile)
      }
      guard let last = page.last else { return }
      try body(page)
      after = last.id
    }
  }

  /// Calls `body` with run `run`'s findings at or above `minimum` a page at a time, in file
  /// order, each with whether its fingerprint is on the run's known-customer list.
  public func forEachFinding(
    run: Int64, minimum: Confidence, pageSize: Int = 5000,
    _ body: ([(finding: StoredFinding, knownCustomer: Bool)]) throws -> Void
  ) throws {
    let levels = Self.levels(atOrAbove: minimum)
    var after: Int64 = 0
    while true {
      let page: [(Int64, StoredFinding, Bool)] = try queue.read { db in
        try Row.fetchAll(
          db,
          sql: """
            SELECT f.*, files.path AS path,
                   EXISTS (SELECT 1 FROM known_identifiers k WHERE k.run_id = f.run_id AND k.fingerprint = f.fingerprint)
                     AS known
            FROM findings f JOIN files ON files.id = f.file_id
            WHERE f.run_id = ? AND f.id > ? AND f.confidence IN (\(Self.placeholders(levels.count)))
            ORDER BY f.id LIMIT ?
            """,
          arguments: StatementArguments([run, after] as [any DatabaseValueConvertible] + levels + [pageSize])
        ).map { row in (row["id"], Self.storedFinding(row), row["known"]) }
      }
      guard let last = page.last else { return }
      try body(page.map { ($0.1, $0.2) })
      after = last.0
    }
  }
}
