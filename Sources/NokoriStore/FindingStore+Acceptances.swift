import Foundation
import GRDB
import NokoriCore

/// One recorded acceptance: who accepted what, when and why.
public struct Acceptance: Sendable, Equatable {
  public var id: Int64
  public var acceptedAt: String
  public var host: String
  public var user: String
  public var reason: String
  /// The accepted finding's fingerprint; nil when the whole file was accepted.
  public var fingerprint: String?
  public var path: String
  /// The content accepted: a file with another SHA-256 is reported again.
  public var sha256: String
  public var run: Int64?
}

/// What an acceptance is asked for: a file where a finding was seen, as the store knows it.
public struct AcceptanceTarget: Sendable, Equatable {
  public var path: String
  public var sha256: String
  public var run: Int64
}

extension FindingStore {
  /// The newest flagged file row for each path holding a finding with `fingerprint`.
  public func acceptanceTargets(fingerprint: String) throws -> [AcceptanceTarget] {
    try queue.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT fi.path, fi.sha256, max(fi.run_id) AS run FROM findings f JOIN files fi ON fi.id = f.file_id
          WHERE f.fingerprint = ? AND fi.sha256 IS NOT NULL
            AND fi.run_id = (SELECT max(x.run_id) FROM files x WHERE x.path = fi.path)
          GROUP BY fi.path ORDER BY fi.path
          """, arguments: [fingerprint]
      ).map { AcceptanceTarget(path: $0["path"], sha256: $0["sha256"], run: $0["run"]) }
    }
  }

  /// The newest row of `path`, when it was flagged (only flagged files have a SHA-256).
  public func acceptanceTarget(path: String) throws -> AcceptanceTarget? {
    try queue.read { db in
      try Row.fetchOne(
        db,
        sql: """
          SELECT path, sha256, run_id FROM files WHERE path = ? AND sha256 IS NOT NULL
          ORDER BY run_id DESC, id DESC LIMIT 1
          """, arguments: [path]
      ).map { AcceptanceTarget(path: $0["path"], sha256: $0["sha256"], run: $0["run_id"]) }
    }
  }

  /// Records acceptances in one transaction.
  public func accept(
    _ targets: [AcceptanceTarget], fingerprint: String?, reason: String, host: String, user: String,
    at date: Date = Date()
  ) throws {
    try queue.write { db in
      for target in targets {
        try db.execute(
          sql: """
            INSERT INTO acceptances (accepted_at, host, user, reason, fingerprint, path, sha256, run_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            Self.timestamp(date), host, user, reason, fingerprint, target.path, target.sha256, target.run,
          ])
      }
    }
  }

  /// Every acceptance ever recorded, oldest first.
  public func acceptances() throws -> [Acceptance] {
    try queue.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM acceptances ORDER BY id").map {
        Acceptance(
          id: $0["id"], acceptedAt: $0["accepted_at"], host: $0["host"], user: $0["user"], reason: $0["reason"],
          fingerprint: $0["fingerprint"], path: $0["path"], sha256: $0["sha256"], run: $0["run_id"])
      }
    }
  }
}
