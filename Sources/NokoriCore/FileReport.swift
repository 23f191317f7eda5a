import Foundation

/// Everything a run learned about one walked entry: identity, outcome and findings.
public struct FileReport: Sendable {
  public var path: String
  public var size: Int64?
  /// Modification time, seconds since 1970.
  public var mtime: Double?
  public var inode: UInt64?
  public var device: UInt64?
  public var outcome: Outcome
  /// A one-line explanation: the errno text, the format named, the decoding trouble.
  public var detail: String?
  /// How the bytes were read: `text`, `csv`, `tsv`.
  public var format: String?
  /// The decoded encoding: `utf-8`, `cp932`, `euc-jp`, `utf-16le`…
  public var encoding: String?
  /// SHA-256 of the content, computed only for flagged files.
  public var sha256: String?
  /// Findings kept for this file (capped per category; see `findingCounts` for totals).
  public var findings: [Finding]
  /// Every finding counted per category, including those past the per-file cap.
  public var findingCounts: [Category: Int]
  public var bytesRead: Int64
  /// Status-change time, seconds since 1970; nil or 0 where the source has none (SMB).
  public var ctime: Double?
  /// The stored file row whose verdict a sweep carried over instead of reading the file again.
  public var reusedFrom: Int64?
  /// In a location a sweep's config allows: inventoried, not reported as a violation.
  public var allowed = false

  public init(
    path: String, size: Int64? = nil, mtime: Double? = nil, inode: UInt64? = nil, device: UInt64? = nil,
    outcome: Outcome, detail: String? = nil, format: String? = nil, encoding: String? = nil,
    sha256: String? = nil, findings: [Finding] = [], findingCounts: [Category: Int] = [:], bytesRead: Int64 = 0
  ) {
    self.path = path
    self.size = size
    self.mtime = mtime
    self.inode = inode
    self.device = device
    self.outcome = outcome
    self.detail = detail
    self.format = format
    self.encoding = encoding
    self.sha256 = sha256
    self.findings = findings
    self.findingCounts = findingCounts
    self.bytesRead = bytesRead
  }

  /// Categories with at least one finding, sorted.
  public var categories: [Category] { findingCounts.filter { $0.value > 0 }.keys.sorted() }
  /// Highest confidence among the findings.
  public var maxConfidence: Confidence? { findings.map(\.confidence).max() }
  public var isFlagged: Bool { !findings.isEmpty }
}
