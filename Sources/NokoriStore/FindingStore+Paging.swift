import GRDB
import NokoriCore

extension FindingStore {
  /// Calls `body` with run `run`'s file inventory a page at a time, in file order: an export
  /// of a run of any size in bounded memory.
  public func forEachFile(run: Int64, pageSize: Int = 5000, _ body: ([StoredFile]) throws -> Void) throws {
    // Pages walk the primary key from the last one's end (NOT INDEXED): with the index on
    // run_id SQLite would read and sort the whole run for every page. A run that keeps a
    // base's rows is walked as the base's segment, then its own.
    for segment in try segments(of: run, in: .files) {
      try forEachFile(of: segment, as: run, pageSize: pageSize, body)
    }
  }

  private func forEachFile(
    of segment: RunSegment, as run: Int64, pageSize: Int, _ body: ([StoredFile]) throws -> Void
  ) throws {
    var after: Int64 = 0
    while true {
      let page: [StoredFile] = try queue.read { db in
        try Row.fetchAll(
          db,
          sql: """
            SELECT id, ?, path, size, mtime, inode, outcome, detail, format, encoding, sha256, categories,
                   finding_count, max_confidence, reused_from IS NOT NULL OR run_id <> ?, allowed
            FROM files NOT INDEXED WHERE run_id = ? AND id > ? AND id <= ? \(Self.excluding(segment, "files.id"))
            ORDER BY id LIMIT ?
            """,
          arguments: StatementArguments(
            [run, run, segment.rowsOf, after, segment.maxID] + Self.exclusionArguments(segment) + [Int64(pageSize)])
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
    for segment in try segments(of: run, in: .findings) {
      try forEachFinding(of: segment, as: run, minimum: minimum, pageSize: pageSize, body)
    }
  }

  private func forEachFinding(
    of segment: RunSegment, as run: Int64, minimum: Confidence, pageSize: Int,
    _ body: ([(finding: StoredFinding, knownCustomer: Bool)]) throws -> Void
  ) throws {
    let levels = Self.levels(atOrAbove: minimum)
    var after: Int64 = 0
    while true {
      let page: [(Int64, StoredFinding, Bool)] = try queue.read { db in
        try Row.fetchAll(
          db,
          sql: """
            SELECT f.id, ?, files.path, f.category, f.detector, f.confidence, f.line, f.col, f.byte_offset,
                   f.field, f.member, f.page, f.masked, f.fingerprint,
                   EXISTS (SELECT 1 FROM known_identifiers k WHERE k.run_id = ? AND k.fingerprint = f.fingerprint)
            FROM findings f NOT INDEXED JOIN files ON files.id = f.file_id
            WHERE f.run_id = ? AND f.id > ? AND f.id <= ? \(Self.excluding(segment, "f.file_id"))
              AND f.confidence IN (\(Self.placeholders(levels.count)))
            ORDER BY f.id LIMIT ?
            """,
          arguments: StatementArguments(
            [run, run, segment.rowsOf, after, segment.maxID] + Self.exclusionArguments(segment) + levels
              + [Int64(pageSize)])
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

  /// `AND` the row of `fileColumn` is not one `segment`'s run excludes (nothing for a run's own rows).
  static func excluding(_ segment: RunSegment, _ fileColumn: String) -> String {
    segment.excludedBy == nil
      ? "" : "AND NOT EXISTS (SELECT 1 FROM carry_exclusions x WHERE x.run_id = ? AND x.file_id = \(fileColumn))"
  }

  static func exclusionArguments(_ segment: RunSegment) -> [any DatabaseValueConvertible] {
    segment.excludedBy.map { [$0] } ?? []
  }
}
