import GRDB
import NokoriCore

/// One stretch of a run's rows in id order: the rows of `rowsOf` up to `maxID`, less those
/// `excludedBy` lists in `carry_exclusions`. A run that keeps a base's rows by reference is
/// its base's segment followed by its own.
public struct RunSegment: Sendable, Equatable {
  public var rowsOf: Int64
  public var excludedBy: Int64?
  public var maxID: Int64
}

/// Where a sweep's carried verdicts come from and how they are kept.
public struct CarrySources: Sendable, Equatable {
  /// The last completed sweep with the same verdict digest, if any.
  public var completed: Int64?
  /// Sweeps after it that stopped early: their own rows are newer verdicts.
  public var stopped: [Int64]
  /// The run whose rows the new sweep keeps by reference; nil when it must hold every row itself.
  public var base: Int64?
  /// What the verdicts were made under: the carry index must have been written with it.
  public var verdictDigest: String

  public init(completed: Int64?, stopped: [Int64], base: Int64?, verdictDigest: String) {
    self.completed = completed
    self.stopped = stopped
    self.base = base
    self.verdictDigest = verdictDigest
  }
}

extension FindingStore {
  /// Past this share of the base's rows, a run's own rows and exclusions outweigh keeping
  /// rows by reference: the next sweep holds its rows itself and becomes a base.
  public static let maxCarryDrift = 0.25

  /// The base a sweep carrying from `completed` keeps rows of: `completed`'s own base, or
  /// `completed` itself when it holds its rows; nil when the drift from that base is past
  /// ``maxCarryDrift``.
  public func carryBase(carryingFrom completed: Int64) throws -> Int64? {
    try queue.read { db in
      let base = try Int64.fetchOne(db, sql: "SELECT carry_base FROM runs WHERE id = ?", arguments: [completed])
      guard let base else { return completed }
      let baseRows = try Int.fetchOne(db, sql: "SELECT count(*) FROM files WHERE run_id = ?", arguments: [base]) ?? 0
      let own = try Int.fetchOne(db, sql: "SELECT count(*) FROM files WHERE run_id = ?", arguments: [completed]) ?? 0
      let excluded =
        try Int.fetchOne(db, sql: "SELECT count(*) FROM carry_exclusions WHERE run_id = ?", arguments: [completed])
        ?? 0
      return Double(own + excluded) > Self.maxCarryDrift * Double(max(baseRows, 1)) ? nil : base
    }
  }

  /// The option `name` run `run` was started with, as recorded in its options.
  public func runOption(_ run: Int64, _ name: String) throws -> String? {
    try queue.read { db in
      try String.fetchOne(
        db, sql: "SELECT json_extract(options, '$.' || ?) FROM runs WHERE id = ?", arguments: [name, run])
    }
  }

  /// Records that run `run` keeps the rows of `base` except `excluded`, in one transaction:
  /// until it commits, the run holds only its own rows.
  public func keepByReference(run: Int64, base: Int64, excluded: [Int64]) throws {
    try queue.write { db in
      // A statement per chunk of ids, handed over as a JSON array: a statement per id cost
      // 2.5 µs each through the driver (5 ms for the 2,000 of a night with 1% changed).
      let insert = try db.cachedStatement(
        sql: "INSERT OR IGNORE INTO carry_exclusions (run_id, file_id) SELECT ?, value FROM json_each(?)")
      for start in stride(from: 0, to: excluded.count, by: 50_000) {
        let chunk = excluded[start..<min(start + 50_000, excluded.count)]
        try insert.execute(arguments: [run, "[" + chunk.map(String.init).joined(separator: ",") + "]"])
      }
      try db.execute(sql: "UPDATE runs SET carry_base = ? WHERE id = ?", arguments: [base, run])
    }
  }

  /// The tables whose rows a run keeps by reference.
  public enum RowTable: String, Sendable {
    case files, findings
  }

  /// Copies the rows `ids` (of earlier runs) and their findings into run `run` as its own,
  /// each marked as carried from the row it copies, in one transaction.
  public func copyRows(_ ids: [Int64], into run: Int64) throws {
    guard !ids.isEmpty else { return }
    try queue.write { db in
      let copyFile = try db.cachedStatement(
        sql: """
          INSERT INTO files (run_id, path, size, mtime, inode, device, outcome, detail, format, encoding, sha256,
                             categories, category_counts, finding_count, max_confidence, ctime, reused_from, allowed)
          SELECT ?, path, size, mtime, inode, device, outcome, detail, format, encoding, sha256, categories,
                 category_counts, finding_count, max_confidence, ctime, id, allowed
          FROM files WHERE id = ?
          """)
      let copyFindings = try db.cachedStatement(
        sql: """
          INSERT INTO findings (run_id, file_id, category, detector, confidence, line, col, byte_offset, field,
                                member, page, masked, fingerprint)
          SELECT ?, ?, category, detector, confidence, line, col, byte_offset, field, member, page, masked, fingerprint
          FROM findings WHERE file_id = ? ORDER BY id
          """)
      for id in ids {
        try copyFile.execute(arguments: [run, id])
        try copyFindings.execute(arguments: [run, db.lastInsertedRowID, id])
      }
    }
  }

  /// Run `run`'s rows of `table` as segments in id order (see ``RunSegment``); empty ones are left out.
  public func segments(of run: Int64, in table: RowTable = .files) throws -> [RunSegment] {
    try queue.read { db in
      var result: [RunSegment] = []
      let maxID = "SELECT max(id) FROM \(table.rawValue) WHERE run_id = ?"
      if let base = try Int64.fetchOne(db, sql: "SELECT carry_base FROM runs WHERE id = ?", arguments: [run]),
        let last = try Int64.fetchOne(db, sql: maxID, arguments: [base])
      {
        result.append(RunSegment(rowsOf: base, excludedBy: run, maxID: last))
      }
      if let last = try Int64.fetchOne(db, sql: maxID, arguments: [run]) {
        result.append(RunSegment(rowsOf: run, excludedBy: nil, maxID: last))
      }
      return result
    }
  }
}
