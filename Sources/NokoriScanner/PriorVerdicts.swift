import NokoriCore
import NokoriStore
import NokoriWalk

/// Earlier verdicts the scanner may use instead of reading a file again.
public protocol PriorVerdicts: Sendable {
  /// The carried report for `entry` when it is unchanged since its verdict was made; nil to read it.
  func verdict(for entry: WalkEntry) -> FileReport?
}

/// Verdicts of earlier sweeps from the store, keyed by path. A file is carried over when its
/// (device, inode, size, mtime, ctime) are what they were when it was read; a ctime of 0
/// means the source has none (SMB), not a change. Only outcomes that depend on the content
/// alone are carried: an unreadable or timed-out file is tried again.
public final class StoredVerdicts: PriorVerdicts {
  private let files: [String: PriorFile]
  private let store: FindingStore

  public init(files: [String: PriorFile], store: FindingStore) {
    self.files = files
    self.store = store
  }

  public var count: Int { files.count }

  static let carriedOutcomes: Set<Outcome> = [
    .scanned, .empty, .binary, .unsupportedFormat, .tooLarge, .malformed, .hostile, .encrypted, .needsOCR,
  ]

  public func verdict(for entry: WalkEntry) -> FileReport? {
    guard let prior = files[entry.path], Self.isUnchanged(entry, since: prior),
      let outcome = Outcome(rawValue: prior.outcome), Self.carriedOutcomes.contains(outcome)
    else { return nil }
    var findings: [Finding] = []
    if prior.findingCount > 0 {
      // Only flagged files cost a query; a failed read means the file is simply read again.
      guard let stored = try? store.findings(file: prior.fileID) else { return nil }
      findings = stored
    }
    var report = FileReport(
      path: entry.path, size: entry.size, mtime: entry.mtime, inode: entry.inode, device: entry.device,
      outcome: outcome, detail: prior.detail, format: prior.format, encoding: prior.encoding, sha256: prior.sha256,
      findings: findings, findingCounts: Self.counts(prior.categoryCounts))
    report.ctime = entry.ctime
    report.reusedFrom = prior.fileID
    return report
  }

  static func isUnchanged(_ entry: WalkEntry, since prior: PriorFile) -> Bool {
    guard prior.size == entry.size, prior.mtime == entry.mtime, prior.inode == Int64(bitPattern: entry.inode),
      prior.device == Int64(bitPattern: entry.device)
    else { return false }
    let priorCTime = prior.ctime ?? 0
    return entry.ctime == 0 || priorCTime == 0 || priorCTime == entry.ctime
  }

  /// Parses the stored `{"category":count,…}` object the store writes by hand.
  static func counts(_ json: String) -> [Category: Int] {
    var result: [Category: Int] = [:]
    let body = json.trimmingPrefix("{").dropLast(json.hasSuffix("}") ? 1 : 0)
    for pair in body.split(separator: ",") {
      let parts = pair.split(separator: ":", maxSplits: 1)
      guard parts.count == 2, let count = Int(parts[1]) else { continue }
      result[Category(String(parts[0].filter { $0 != "\"" }))] = count
    }
    return result
  }
}
