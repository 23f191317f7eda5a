import NokoriCore
import NokoriStore
import NokoriWalk
import Synchronization

/// What a sweep does with an unchanged file instead of reading it again.
public enum CarriedVerdict: Sendable {
  /// The base run's row stands for the file: nothing is written for it. The caller hands
  /// these to ``PriorVerdicts/recordKept(_:)``, a directory at a time.
  case kept(KeptFile)
  /// The earlier verdict, to be written as the new run's own row.
  case report(FileReport)
}

/// A file whose base row the run keeps, with what it adds to the run's totals.
public struct KeptFile: Sendable {
  public var slot: Int32
  public var outcome: Outcome
  public var findingCount: Int
}

/// Earlier verdicts the scanner may use instead of reading a file again.
public protocol PriorVerdicts: Sendable {
  /// What to do with `entry` when it is unchanged since its verdict was made; nil to read it.
  func verdict(for entry: WalkEntry) -> CarriedVerdict?
  /// For each of `files`, the base row that stands for it when it is unchanged (as
  /// ``CarriedVerdict/kept``); nil for the others, which the walk makes entries for.
  func keptFiles(for files: [ListedFile]) -> [KeptFile?]
  /// Records files whose base rows the run keeps.
  func recordKept(_ files: [KeptFile])
}

/// Verdicts of earlier sweeps from the store, keyed by path. A file is carried over when its
/// (device, inode, size, mtime, ctime) are what they were when it was read; a ctime of 0
/// means the source has none (SMB), not a change. Only outcomes that depend on the content
/// alone are carried: an unreadable or timed-out file is tried again.
///
/// A verdict from the base run is kept by reference (``CarriedVerdict/kept``) and counted
/// here; at the end ``excludedBaseRows`` names the base rows the run does not keep.
public final class StoredVerdicts: PriorVerdicts {
  private let files: PriorFiles
  private let keptState: Mutex<KeptBaseRows>

  /// The base rows kept so far (by slot) and what they add to the run's totals.
  struct KeptBaseRows {
    var slots: [Bool]
    var count = 0
    var totals = RunTotals()
  }

  public init(files: PriorFiles) {
    self.files = files
    keptState = Mutex(KeptBaseRows(slots: Array(repeating: false, count: files.slotCount)))
  }

  public var count: Int { files.count }

  /// Where the verdicts were read from: `index` (the carry index) or `store`.
  public var source: String { files.source }

  /// How many base rows were kept, and their share of the run's totals.
  public var kept: (count: Int, totals: RunTotals) {
    keptState.withLock { ($0.count, $0.totals) }
  }

  /// The base run's rows this run does not keep: changed, gone, not reached, or never carried.
  public var excludedBaseRows: [Int64] {
    keptState.withLock { files.baseRowsExcluded(kept: $0.slots) }
  }

  /// How many of the base run's rows this run does not keep, without listing them.
  public var excludedBaseRowCount: Int {
    keptState.withLock { files.baseRowsExcludedCount(keptCount: $0.count) }
  }

  /// The ids of the base rows kept so far.
  public var keptBaseRows: [Int64] {
    keptState.withLock { files.baseRowsKept(kept: $0.slots) }
  }

  /// Writes the base rows kept so far to `encoder`, as carry-index records of run `base`.
  public func encodeKeptRecords(base: Int64, into encoder: inout CarryIndexWriter.Encoder) throws {
    try files.encodeKept(kept: keptState.withLock { $0.slots }, base: base, into: &encoder)
  }

  public func recordKept(_ kept: [KeptFile]) {
    guard !kept.isEmpty else { return }
    keptState.withLock { state in
      for file in kept where !state.slots[Int(file.slot)] {
        state.slots[Int(file.slot)] = true
        state.count += 1
        state.totals.addCarried(outcome: file.outcome, findingCount: file.findingCount)
      }
    }
  }

  /// Outcomes that depend on the content alone (a switch: `Set<Outcome>` hashes the raw string).
  static func isCarried(_ outcome: Outcome) -> Bool {
    switch outcome {
    case .scanned, .empty, .binary, .unsupportedFormat, .tooLarge, .malformed, .hostile, .encrypted, .needsOCR: true
    default: false
    }
  }

  public func keptFiles(for listed: [ListedFile]) -> [KeptFile?] {
    zip(listed, files.files(pathHashes: listed.map(\.pathHash))).map { file, prior in
      guard let prior, prior.inBase,
        Self.isUnchanged(
          size: file.size, mtime: file.mtime, ctime: file.ctime, inode: file.inode, device: file.device, since: prior),
        let outcome = prior.outcome, Self.isCarried(outcome)
      else { return nil }
      return KeptFile(slot: prior.slot, outcome: outcome, findingCount: prior.findingCount)
    }
  }

  public func verdict(for entry: WalkEntry) -> CarriedVerdict? {
    guard let prior = files.file(atPath: entry.path), Self.isUnchanged(entry, since: prior),
      let outcome = prior.outcome, Self.isCarried(outcome)
    else { return nil }
    if prior.inBase { return .kept(KeptFile(slot: prior.slot, outcome: outcome, findingCount: prior.findingCount)) }
    guard let details = files.details(of: prior.fileID) else { return nil }
    let findings = files.findings(of: prior.fileID)
    var report = FileReport(
      path: entry.path, size: entry.size, mtime: entry.mtime, inode: entry.inode, device: entry.device,
      outcome: outcome, detail: details.detail, format: details.format, encoding: details.encoding,
      sha256: details.sha256, findings: findings, findingCounts: Self.counts(details.categoryCounts))
    report.ctime = entry.ctime
    report.reusedFrom = prior.fileID
    return .report(report)
  }

  static func isUnchanged(_ entry: WalkEntry, since prior: PriorFile) -> Bool {
    isUnchanged(
      size: entry.size, mtime: entry.mtime, ctime: entry.ctime, inode: entry.inode, device: entry.device, since: prior)
  }

  static func isUnchanged(
    size: Int64, mtime: Double, ctime: Double, inode: UInt64, device: UInt64, since prior: PriorFile
  ) -> Bool {
    guard prior.size == size, prior.mtime == mtime, prior.inode == Int64(bitPattern: inode),
      prior.device == Int64(bitPattern: device)
    else { return false }
    let priorCTime = prior.ctime ?? 0
    return ctime == 0 || priorCTime == 0 || priorCTime == ctime
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
