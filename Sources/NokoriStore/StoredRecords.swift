import Foundation
import NokoriCore

/// One run as the store keeps it.
public struct RunRecord: Sendable, Codable, Equatable {
  public var id: Int64
  public var startedAt: String
  public var finishedAt: String?
  public var status: String
  public var host: String
  public var user: String
  public var toolVersion: String
  public var patternDigest: String
  public var keyID: String
  public var roots: [String]
  public var filesSeen: Int
  public var filesScanned: Int
  public var filesFlagged: Int
  public var filesIncomplete: Int
  public var findings: Int
  public var bytesScanned: Int64
  public var exitCode: Int?

  /// snake_case, as `nokori runs --format jsonl` prints them.
  enum CodingKeys: String, CodingKey {
    case id, status, host, user, roots, findings
    case startedAt = "started_at"
    case finishedAt = "finished_at"
    case toolVersion = "tool_version"
    case patternDigest = "pattern_digest"
    case keyID = "key_id"
    case filesSeen = "files_seen"
    case filesScanned = "files_scanned"
    case filesFlagged = "files_flagged"
    case filesIncomplete = "files_incomplete"
    case bytesScanned = "bytes_scanned"
    case exitCode = "exit_code"
  }
}

/// What a run records when it starts.
public struct RunStart: Sendable {
  public var host: String
  public var user: String
  public var toolVersion: String
  public var patternDigest: String
  public var keyID: String
  public var roots: [String]
  public var options: [String: String]

  public init(
    host: String, user: String, toolVersion: String, patternDigest: String, keyID: String, roots: [String],
    options: [String: String]
  ) {
    self.host = host
    self.user = user
    self.toolVersion = toolVersion
    self.patternDigest = patternDigest
    self.keyID = keyID
    self.roots = roots
    self.options = options
  }
}

/// A run's totals, written when it ends.
public struct RunTotals: Sendable, Equatable {
  public var filesSeen = 0
  public var filesScanned = 0
  public var filesFlagged = 0
  public var filesIncomplete = 0
  public var findings = 0
  public var bytesScanned: Int64 = 0
  public init() {}

  /// Adds one file's report.
  public mutating func add(_ report: FileReport) {
    filesSeen += 1
    if report.outcome == .scanned || report.outcome == .empty { filesScanned += 1 }
    if report.isFlagged { filesFlagged += 1 }
    if report.outcome.isCoverageGap { filesIncomplete += 1 }
    findings += report.findingCounts.values.reduce(0, +)
    bytesScanned += report.bytesRead
  }

  /// Adds one file kept from an earlier run without being read: it counts as seen, scanned
  /// or not as its outcome says, and flagged when it holds findings.
  public mutating func addCarried(outcome: Outcome, findingCount: Int) {
    filesSeen += 1
    if outcome == .scanned || outcome == .empty { filesScanned += 1 }
    if findingCount > 0 { filesFlagged += 1 }
    if outcome.isCoverageGap { filesIncomplete += 1 }
    findings += findingCount
  }

  /// The sum of two sets of totals.
  public static func + (lhs: RunTotals, rhs: RunTotals) -> RunTotals {
    var sum = lhs
    sum.filesSeen += rhs.filesSeen
    sum.filesScanned += rhs.filesScanned
    sum.filesFlagged += rhs.filesFlagged
    sum.filesIncomplete += rhs.filesIncomplete
    sum.findings += rhs.findings
    sum.bytesScanned += rhs.bytesScanned
    return sum
  }
}

/// One file of a run's inventory, as stored.
public struct StoredFile: Sendable, Codable, Equatable {
  public var id: Int64
  public var run: Int64
  public var path: String
  public var size: Int64?
  public var mtime: Double?
  public var inode: Int64?
  public var outcome: String
  public var detail: String?
  public var format: String?
  public var encoding: String?
  public var sha256: String?
  public var categories: [String]
  public var findingCount: Int
  public var maxConfidence: String?
  /// A sweep carried this verdict over from an earlier run without reading the file again.
  public var reused = false
  /// In a location the sweep's config allows: not a violation.
  public var allowed = false
}

/// One finding with the run and file it belongs to, as the store and the reports see it.
public struct StoredFinding: Sendable, Equatable {
  public var run: Int64
  public var path: String
  public var finding: Finding

  public init(run: Int64, path: String, finding: Finding) {
    self.run = run
    self.path = path
    self.finding = finding
  }
}
