import GRDB
import NokoriCore

extension FindingStore {
  /// Records the fingerprints of the firm's own customer identifiers for run `run`
  /// (`nokori scan --known-ids`); duplicates are kept once.
  public func recordKnownIdentifiers(_ identifiers: [(category: String, fingerprint: String)], run: Int64) throws {
    try queue.write { db in
      let insert = try db.cachedStatement(
        sql: "INSERT OR IGNORE INTO known_identifiers (run_id, category, fingerprint) VALUES (?, ?, ?)")
      for identifier in identifiers {
        try insert.execute(arguments: [run, identifier.category, identifier.fingerprint])
      }
    }
  }

  /// How many known identifiers run `run` was given, and how many distinct ones its findings
  /// at or above `minimum` hold: the exact count of known customers exposed. Nil without a list.
  public func knownCustomerCounts(run: Int64, minimum: Confidence) throws -> (listed: Int, exposed: Int)? {
    let levels = Self.levels(atOrAbove: minimum)
    return try queue.read { db in
      let listed =
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM known_identifiers WHERE run_id = ?", arguments: [run]) ?? 0
      guard listed > 0 else { return nil }
      let exposed =
        try Int.fetchOne(
          db,
          sql: """
            SELECT COUNT(DISTINCT f.fingerprint) FROM run_findings f
            JOIN known_identifiers k ON k.run_id = f.run_id AND k.fingerprint = f.fingerprint
            WHERE f.run_id = ? AND f.confidence IN (\(Self.placeholders(levels.count)))
            """, arguments: StatementArguments([run] as [any DatabaseValueConvertible] + levels)) ?? 0
      return (listed, exposed)
    }
  }
}
