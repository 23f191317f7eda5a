import GRDB
import NokoriCore

extension FindingStore {
  /// Calls `body` with run `run`'s file inventory a page at a time, in file order: an export
  /// of a run of any size in bounded memory.
  public func forEachFile(run: Int64, pageSize: Int = 5000, _ body: ([StoredFile]) throws -> Void) throws {
    // Pages walk the primary key from the last one's end (NOT INDEXED): with the index on
    // run_id SQLite would read and sort the whole run for every page.
    var after: Int64 = 0
    while true {
      let page: [StoredFile] = try queue.read { db in
        try Row.fetchAll(
          db,
          sql: """
            SELECT id, run_id, path, size, mtime, inode, outcome, detail, format, encoding, sha256, categories,
                   finding_count, max_confidence, reused_from IS NOT NULL, allowed
            FROM files NOT INDEXED WHERE run_id = ? AND id > ? ORDER BY id LIMIT ?
            """,
          arguments: [run, after, pageSize]
        ).map { row in
          // By position: GRDB's lookup by name lowercases the name on every access, which
          // showed in profiles of exports of 100,000 files.
          let categories: String = row[11]
          return StoredFile(
            id: row[0], run: row[1], path: row[2], size: row[3], mtime: row[4], inode: row[5], outcome: row[6],
            detail: row[7], format: row[8], encoding: row[9], sha256: row[10],
            categories: categories.split(separator: ",").map(String.init), findingCount: row[12],
            maxConfidence: row[13], reused: row[14], allowed: row[15])
        }
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
            SELECT f.id, f.run_id, files.path, f.category, f.detector, f.confidence, f.line, f.col, f.byte_offset,
                   f.field, f.member, f.page, f.masked, f.fingerprint,
                   EXISTS (SELECT 1 FROM known_identifiers k WHERE k.run_id = f.run_id AND k.fingerprint = f.fingerprint)
            FROM findings f NOT INDEXED JOIN files ON files.id = f.file_id
            WHERE f.run_id = ? AND f.id > ? AND f.confidence IN (\(Self.placeholders(levels.count)))
            ORDER BY f.id LIMIT ?
            """,
          arguments: StatementArguments([run, after] as [any DatabaseValueConvertible] + levels + [pageSize])
        ).map { row in
          let finding = Finding(
            category: Category(row[3] as String), detector: row[4],
            confidence: Confidence(rawValue: row[5]) ?? .low,
            location: Location(
              line: row[6], column: row[7], offset: row[8], field: row[9], member: row[10], page: row[11]),
            masked: row[12], fingerprint: row[13])
          return (row[0], StoredFinding(run: row[1], path: row[2], finding: finding), row[14])
        }
      }
      guard let last = page.last else { return }
      try body(page.map { ($0.1, $0.2) })
      after = last.0
    }
  }
}
