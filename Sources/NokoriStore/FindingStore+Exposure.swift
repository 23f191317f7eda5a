import GRDB
import NokoriCore

/// Counts for one category of a run (or of one root of it).
public struct CategoryCount: Sendable, Equatable {
  public var category: String
  /// Files holding at least one finding of the category.
  public var files: Int
  /// Findings stored (each file keeps at most `--max-findings-per-file` per category).
  public var findings: Int
  /// Distinct keyed fingerprints: distinct values found.
  public var distinctValues: Int
}

extension FindingStore {
  /// Per-category counts of run `run` at or above `minimum`, optionally only for files under
  /// `root` (the root itself or anything below it).
  public func categoryCounts(run: Int64, minimum: Confidence, under root: String? = nil) throws -> [CategoryCount] {
    let levels = Self.levels(atOrAbove: minimum)
    let (filter, filterArguments) = Self.rootFilter(root)
    return try queue.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT f.category AS category, COUNT(DISTINCT f.file_id) AS files, COUNT(*) AS findings,
                 COUNT(DISTINCT f.fingerprint) AS distinct_values
          FROM run_findings f JOIN files ON files.id = f.file_id
          WHERE f.run_id = ? AND f.confidence IN (\(Self.placeholders(levels.count))) \(filter)
          GROUP BY f.category ORDER BY f.category
          """,
        arguments: StatementArguments([run] as [any DatabaseValueConvertible] + levels + filterArguments)
      ).map { row in
        CategoryCount(
          category: row["category"], files: row["files"], findings: row["findings"],
          distinctValues: row["distinct_values"])
      }
    }
  }

  /// Flagged files and distinct person-identifying fingerprints of run `run`, optionally under `root`.
  public func exposureTotals(run: Int64, minimum: Confidence, under root: String? = nil) throws -> (
    files: Int, findings: Int, distinctIdentifiers: Int
  ) {
    let levels = Self.levels(atOrAbove: minimum)
    let identifiers = IdentifierCategories.all.map(\.rawValue)
    let (filter, filterArguments) = Self.rootFilter(root)
    return try queue.read { db in
      let row = try Row.fetchOne(
        db,
        sql: """
          SELECT COUNT(DISTINCT f.file_id) AS files, COUNT(*) AS findings,
                 COUNT(DISTINCT CASE WHEN f.category IN (\(Self.placeholders(identifiers.count)))
                                     THEN f.category || ':' || f.fingerprint END) AS identifiers
          FROM run_findings f JOIN files ON files.id = f.file_id
          WHERE f.run_id = ? AND f.confidence IN (\(Self.placeholders(levels.count))) \(filter)
          """,
        arguments: StatementArguments(
          identifiers as [any DatabaseValueConvertible] + [run] + levels + filterArguments))
      return (row?["files"] ?? 0, row?["findings"] ?? 0, row?["identifiers"] ?? 0)
    }
  }

  /// `AND files.path is root or below it`, without LIKE (a path may hold `%` or `_`); SQLite's
  /// substr counts code points, hence the prefix length in Unicode scalars.
  static func rootFilter(_ root: String?) -> (String, [any DatabaseValueConvertible]) {
    guard let root else { return ("", []) }
    let prefix = root.hasSuffix("/") ? root : root + "/"
    return (
      "AND (files.path = ? OR substr(files.path, 1, ?) = ?)", [root, prefix.unicodeScalars.count, prefix] as [any DatabaseValueConvertible]
    )
  }
}
