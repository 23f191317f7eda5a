import NokoriCore

/// A file's verdict from an earlier sweep, with the identity it had when it was read.
public struct PriorFile: Sendable {
  public var fileID: Int64
  public var size: Int64?
  public var mtime: Double?
  public var ctime: Double?
  public var inode: Int64?
  public var device: Int64?
  /// Nil when the stored outcome is not one this version knows.
  public var outcome: Outcome?
  public var findingCount: Int
  /// True when the row belongs to the base run the new sweep keeps by reference: carried,
  /// it needs no row of its own, and its descriptive columns were not loaded.
  public var inBase: Bool
  /// Where it sits in ``PriorFiles``: what a kept verdict is recorded by.
  public var slot: Int32 = 0
  /// The hash of its path (see ``PriorFiles``).
  public var pathHash: UInt64 = 0
}

/// The descriptive columns of an earlier row, for a verdict that is copied into the new run.
public struct PriorDetails: Sendable {
  public var detail: String?
  public var format: String?
  public var encoding: String?
  public var sha256: String?
  public var categoryCounts: String
}

/// Earlier verdicts by path, made for a few hundred thousand look-ups a night: keyed by a
/// 64-bit FNV-1a hash of the path's bytes rather than by the path, so loading them makes no
/// string per row. Two paths with the same hash would at worst cost a file read again: a
/// verdict is carried only when device, inode, size, mtime and ctime agree as well.
public struct PriorFiles: Sendable {
  private var slots: [UInt64: Int32] = [:]
  private var files: [PriorFile] = []
  private var details: [Int64: PriorDetails] = [:]
  private var findings: [Int64: [Finding]] = [:]
  /// Base rows the new run cannot keep whatever it finds: excluded by the run carried from,
  /// replaced by a later row, or entries with no file identity (links, unreadable entries).
  public private(set) var baseRowsNotKept: [Int64] = []
  /// Where they were read from: `index` (the carry index) or `store`.
  public internal(set) var source = "store"

  public init() {}

  /// How many paths have a verdict.
  public var count: Int { slots.count }

  mutating func reserve(_ capacity: Int) {
    slots.reserveCapacity(capacity)
    files.reserveCapacity(capacity)
  }

  /// Adds (or replaces: a later layer's row wins) the verdict for the path whose bytes hash to `pathHash`.
  mutating func insert(_ file: PriorFile, details: PriorDetails?, pathHash: UInt64) {
    var file = file
    file.pathHash = pathHash
    if let details { self.details[file.fileID] = details }
    if let slot = slots[pathHash] {
      if files[Int(slot)].inBase { baseRowsNotKept.append(files[Int(slot)].fileID) }
      file.slot = slot
      files[Int(slot)] = file
    } else {
      file.slot = Int32(files.count)
      slots[pathHash] = file.slot
      files.append(file)
    }
  }

  mutating func noteBaseRowNotKept(_ fileID: Int64) {
    baseRowsNotKept.append(fileID)
  }

  /// The verdict recorded for `path`, if any.
  public func file(atPath path: String) -> PriorFile? {
    var path = path
    let hash = path.withUTF8 { Self.hash(UnsafeRawBufferPointer($0)) }
    return slots[hash].map { files[Int($0)] }
  }

  /// The descriptive columns of row `fileID`, when it was loaded with them (not a base row).
  public func details(of fileID: Int64) -> PriorDetails? {
    details[fileID]
  }

  /// The findings of row `fileID`, in the order they were found, when it was loaded with
  /// its descriptive columns; loaded with them so that copying a verdict does not wait on
  /// the store, which the run's writer holds.
  public func findings(of fileID: Int64) -> [Finding] {
    findings[fileID] ?? []
  }

  mutating func addFinding(_ finding: Finding, fileID: Int64) {
    findings[fileID, default: []].append(finding)
  }

  /// The base run's rows that a run keeping the slots marked in `kept` does not keep.
  public func baseRowsExcluded(kept: [Bool]) -> [Int64] {
    var result = baseRowsNotKept
    for file in files where file.inBase && !kept[Int(file.slot)] { result.append(file.fileID) }
    return result
  }

  /// The ids of the base rows kept (slots marked in `kept`).
  public func baseRowsKept(kept: [Bool]) -> [Int64] {
    keptBaseFiles(kept).map(\.fileID)
  }

  /// The base rows kept (slots marked in `kept`) as carry-index records of run `base`.
  public func keptRecords(kept: [Bool], base: Int64) -> [CarryIndexFile.Record] {
    keptBaseFiles(kept).map { file in
      CarryIndexFile.Record(
        pathHash: file.pathHash, fileID: file.fileID, rowRun: base, size: file.size, mtime: file.mtime,
        ctime: file.ctime, inode: file.inode, device: file.device, findingCount: file.findingCount,
        outcome: file.outcome)
    }
  }

  private func keptBaseFiles(_ kept: [Bool]) -> [PriorFile] {
    files.filter { $0.inBase && kept[Int($0.slot)] }
  }

  /// The number of slots, for a kept-slot map.
  public var slotCount: Int { files.count }

  /// FNV-1a, 64 bits: stable across processes, unlike `Hasher`, and cheap on short paths.
  static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash &*= 0x0000_0100_0000_01b3
    }
    return hash
  }
}
