import Foundation
import GRDB
import NokoriCore

/// Queries and updates that only sweeps need: the runs to carry verdicts from, their files,
/// and the findings a sweep reports as new.
extension FindingStore {
  /// Marks run `run` as a sweep whose verdicts depend on `verdictDigest`.
  public func markSweep(_ run: Int64, verdictDigest: String) throws {
    try queue.write { db in
      try db.execute(
        sql: "UPDATE runs SET kind = 'sweep', verdict_digest = ? WHERE id = ?", arguments: [verdictDigest, run])
    }
  }

  /// Sweeps left `running` by a process that died (the caller holds the sweep lock, so none
  /// of them is still alive) become `killed`; returns how many.
  @discardableResult
  public func markAbandonedSweeps() throws -> Int {
    try queue.write { db in
      try db.execute(sql: "UPDATE runs SET status = 'killed' WHERE kind = 'sweep' AND status = 'running'")
      return db.changesCount
    }
  }

  /// The runs whose verdicts a new sweep with `verdictDigest` may carry over, oldest first:
  /// the last completed sweep, then every sweep after it that stopped early (killed,
  /// interrupted or failed), whose files were read with the same patterns and options.
  public func carryOverRuns(verdictDigest: String) throws -> (completed: Int64?, all: [Int64]) {
    try queue.read { db in
      let completed = try Int64.fetchOne(
        db,
        sql: """
          SELECT id FROM runs WHERE kind = 'sweep' AND verdict_digest = ? AND status = 'finished'
          ORDER BY id DESC LIMIT 1
          """, arguments: [verdictDigest])
      let stopped = try Int64.fetchAll(
        db,
        sql: """
          SELECT id FROM runs WHERE kind = 'sweep' AND verdict_digest = ? AND id > ?
            AND status IN ('killed', 'interrupted', 'failed', 'running') ORDER BY id
          """, arguments: [verdictDigest, completed ?? 0])
      return (completed, (completed.map { [$0] } ?? []) + stopped)
    }
  }

  /// The last completed sweep of any digest: what "new since the last sweep" is measured from.
  public func lastCompletedSweep(before run: Int64) throws -> Int64? {
    try queue.read { db in
      try Int64.fetchOne(
        db, sql: "SELECT id FROM runs WHERE kind = 'sweep' AND status = 'finished' AND id < ? ORDER BY id DESC LIMIT 1",
        arguments: [run])
    }
  }

  /// Records how many of run `run`'s files were carried over rather than read.
  public func setReusedCount(_ run: Int64, count: Int) throws {
    try queue.write { db in
      try db.execute(sql: "UPDATE runs SET files_reused = ? WHERE id = ?", arguments: [count, run])
    }
  }

  /// Findings of run `run` at or above `minimum` that are violations — not in an allowed
  /// location, not accepted for the file's current content — and were not already violations
  /// in run `since` at the same path (all of them when `since` is nil). An accepted finding
  /// whose file then changed is new again.
  ///
  /// With `keptRowsWereInSince`, the caller vouches that every row `run` keeps by reference
  /// was part of run `since` (it carried from `since`): those rows' findings were there, at
  /// the same path and with the same allowed flag and acceptances, so only the run's own rows
  /// are compared — a night's cost then follows what changed, not every finding ever kept.
  public func newFindings(
    run: Int64, since: Int64?, minimum: Confidence = .low, keptRowsWereInSince: Bool = false
  ) throws -> [StoredFinding] {
    let levels = Confidence.allCases.filter { $0 >= minimum }.map(\.rawValue)
    let placeholders = levels.map { _ in "?" }.joined(separator: ",")
    let candidates = keptRowsWereInSince && since != nil ? "findings" : "run_findings"
    return try queue.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT f.*, fi.path AS path FROM \(candidates) f JOIN files fi ON fi.id = f.file_id
          WHERE f.run_id = ? AND fi.allowed = 0 AND f.confidence IN (\(placeholders))
            AND NOT EXISTS (
              SELECT 1 FROM acceptances a WHERE a.path = fi.path AND a.sha256 = fi.sha256
                AND (a.fingerprint IS NULL OR a.fingerprint = f.fingerprint))
            AND NOT EXISTS (
              -- Through the earlier run's row for this path, then its findings: one value found
              -- in thousands of files must not make this a scan of all of them (the unary +
              -- keeps SQLite off the fingerprint index). A join, not `file_id IN (rows of this
              -- path)`: SQLite built an ephemeral table for that list per finding (17 ms of a
              -- sweep's 1,000 findings against 11).
              SELECT 1 FROM files pf JOIN findings pfi ON pfi.file_id = pf.id
              -- Not through run_files: SQLite does not push a correlated term into a view, and
              -- would list the whole earlier run for every finding.
              WHERE pf.path = fi.path AND pf.allowed = 0
                AND (pf.run_id = ? OR (pf.run_id = (SELECT carry_base FROM runs WHERE id = ?)
                  AND NOT EXISTS (SELECT 1 FROM carry_exclusions x WHERE x.run_id = ? AND x.file_id = pf.id)))
                AND +pfi.fingerprint = f.fingerprint AND pfi.category = f.category
                AND NOT EXISTS (
                  SELECT 1 FROM acceptances pa WHERE pa.path = pf.path AND pa.sha256 = pf.sha256
                    AND (pa.fingerprint IS NULL OR pa.fingerprint = pfi.fingerprint)))
          ORDER BY f.file_id, f.id
          """,
        arguments: StatementArguments(
          [run] as [any DatabaseValueConvertible] + levels + [since ?? -1, since ?? -1, since ?? -1])
      ).map(Self.storedFinding)
    }
  }

  /// How many of run `run`'s findings are violations (neither allowed nor accepted).
  public func violationCount(run: Int64, minimum: Confidence = .low) throws -> Int {
    let levels = Confidence.allCases.filter { $0 >= minimum }.map(\.rawValue)
    let placeholders = levels.map { _ in "?" }.joined(separator: ",")
    return try queue.read { db in
      try Int.fetchOne(
        db,
        sql: """
          SELECT count(*) FROM run_findings f JOIN files fi ON fi.id = f.file_id
          WHERE f.run_id = ? AND fi.allowed = 0 AND f.confidence IN (\(placeholders))
            AND NOT EXISTS (
              SELECT 1 FROM acceptances a WHERE a.path = fi.path AND a.sha256 = fi.sha256
                AND (a.fingerprint IS NULL OR a.fingerprint = f.fingerprint))
          """, arguments: StatementArguments([run] as [any DatabaseValueConvertible] + levels)) ?? 0
    }
  }
}
