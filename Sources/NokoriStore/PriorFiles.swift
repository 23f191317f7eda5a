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
/// 64-bit hash of the path's bytes (``PathHash``) rather than by the path, so loading them makes no
/// string per row. Two paths with the same hash would at worst cost a file read again: a
/// verdict is carried only when device, inode, size, mtime and ctime agree as well.
///
/// The hashes sit in an open-addressed table of slot numbers rather than a `Dictionary`:
/// the path hash is already a good hash, and `Dictionary` hashed it again with SipHash on
/// every one of the 200,000 inserts and look-ups (a tenth of a no-change sweep's CPU).
public struct PriorFiles: Sendable {
  /// Per table position, the top half of a path's hash beside its slot number + 1 (0: an
  /// empty position), so that probing past other paths reads no ``PriorFile``. Its size is
  /// a power of two at least twice the number of paths: a probe ends after a step or two.
  private var table: [UInt64] = []
  private var files: [PriorFile] = []
  private var details: [Int64: PriorDetails] = [:]
  private var findings: [Int64: [Finding]] = [:]
  /// Base rows the new run cannot keep whatever it finds: excluded by the run carried from,
  /// replaced by a later row, or entries with no file identity (links, unreadable entries).
  public private(set) var baseRowsNotKept: [Int64] = []
  /// How many slots hold a base row.
  public private(set) var baseRowCount = 0
  /// Where they were read from: `index` (the carry index) or `store`.
  public internal(set) var source = "store"

  public init() {}

  /// How many verdicts were loaded (a path met twice counts twice).
  public var count: Int { files.count }

  /// Makes room for `capacity` verdicts; `placing` them one by one (``insert(_:details:pathHash:)``)
  /// wants the table sized too, ``appendUnplaced(_:pathHash:)`` does not.
  mutating func reserve(_ capacity: Int, placing: Bool = true) {
    files.reserveCapacity(capacity)
    if placing, table.count < 2 * capacity { rebuildTable(capacity: capacity) }
  }

  /// Adds (or replaces: a later layer's row wins) the verdict for the path whose bytes hash to `pathHash`.
  mutating func insert(_ file: PriorFile, details: PriorDetails?, pathHash: UInt64) {
    var file = file
    file.pathHash = pathHash
    if let details { self.details[file.fileID] = details }
    if 2 * (files.count + 1) > table.count { rebuildTable(capacity: max(1024, 2 * files.count)) }
    var position = position(of: pathHash)
    while table[position] != 0 {
      let slot = Self.slot(table[position])
      if Self.tag(table[position]) == Self.tag(pathHash), files[slot].pathHash == pathHash {
        if files[slot].inBase {
          baseRowsNotKept.append(files[slot].fileID)
          baseRowCount -= 1
        }
        if file.inBase { baseRowCount += 1 }
        file.slot = Int32(slot)
        files[slot] = file
        return
      }
      position = (position + 1) & (table.count - 1)
    }
    file.slot = Int32(files.count)
    table[position] = Self.entry(pathHash: pathHash, slot: files.count)
    if file.inBase { baseRowCount += 1 }
    files.append(file)
  }

  /// Adds the verdict for the path whose bytes hash to `pathHash` without finding it a place
  /// in the table: a whole carry index is added so, then placed by ``placeAll()`` in one
  /// pass, whose look-ups do not wait on each other the way one insert after another does.
  mutating func appendUnplaced(_ file: PriorFile, pathHash: UInt64) {
    var file = file
    file.pathHash = pathHash
    file.slot = Int32(files.count)
    if file.inBase { baseRowCount += 1 }
    files.append(file)
  }

  /// Places every verdict in a new table; of two with one path, the later stands.
  mutating func placeAll() {
    var size = 1024
    while size < 2 * files.count { size <<= 1 }
    table = Array(repeating: 0, count: size)
    for slot in files.indices {
      let pathHash = files[slot].pathHash
      var position = position(of: pathHash)
      while table[position] != 0 {
        let earlier = Self.slot(table[position])
        if Self.tag(table[position]) == Self.tag(pathHash), files[earlier].pathHash == pathHash {
          // Left in `files` but out of the table: it is never kept, and listed as not kept once.
          if files[earlier].inBase {
            baseRowsNotKept.append(files[earlier].fileID)
            baseRowCount -= 1
            files[earlier].inBase = false
          }
          break
        }
        position = (position + 1) & (size - 1)
      }
      table[position] = Self.entry(pathHash: pathHash, slot: slot)
    }
  }

  mutating func noteBaseRowNotKept(_ fileID: Int64) {
    baseRowsNotKept.append(fileID)
  }

  /// The verdict recorded for `path`, if any.
  public func file(atPath path: String) -> PriorFile? {
    file(pathHash: PathHash.of(path))
  }

  /// The verdict recorded for the path whose bytes hash to `pathHash`, if any.
  public func file(pathHash: UInt64) -> PriorFile? {
    guard !table.isEmpty else { return nil }
    var position = position(of: pathHash)
    while table[position] != 0 {
      let slot = Self.slot(table[position])
      if Self.tag(table[position]) == Self.tag(pathHash), files[slot].pathHash == pathHash { return files[slot] }
      position = (position + 1) & (table.count - 1)
    }
    return nil
  }

  /// The verdicts recorded for each of `pathHashes` (nil where there is none), looked up
  /// together: each look-up is a cache miss or two in tables of megabytes, and loops of
  /// independent loads let the processor wait for many at once rather than one by one.
  public func files(pathHashes: [UInt64]) -> [PriorFile?] {
    guard !table.isEmpty else { return Array(repeating: nil, count: pathHashes.count) }
    // Each hash's first probe, then the row it names: two passes of loads that do not
    // depend on each other.
    let first = pathHashes.map { table[position(of: $0)] }
    var result: [PriorFile?] = []
    result.reserveCapacity(pathHashes.count)
    for (index, entry) in first.enumerated() {
      let hash = pathHashes[index]
      if entry == 0 {
        result.append(nil)
      } else if Self.tag(entry) == Self.tag(hash), files[Self.slot(entry)].pathHash == hash {
        result.append(files[Self.slot(entry)])
      } else {
        result.append(file(pathHash: hash))
      }
    }
    return result
  }

  /// Fibonacci hashing: the top bits of the product, which every bit of the hash moves.
  private func position(of pathHash: UInt64) -> Int {
    Int(truncatingIfNeeded: (pathHash &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - table.count.trailingZeroBitCount))
  }

  private mutating func rebuildTable(capacity: Int) {
    var size = 1024
    while size < 2 * capacity { size <<= 1 }
    table = Array(repeating: 0, count: size)
    for slot in files.indices {
      var position = position(of: files[slot].pathHash)
      while table[position] != 0 { position = (position + 1) & (size - 1) }
      table[position] = Self.entry(pathHash: files[slot].pathHash, slot: slot)
    }
  }

  private static func entry(pathHash: UInt64, slot: Int) -> UInt64 { tag(pathHash) | UInt64(slot + 1) }
  private static func tag(_ word: UInt64) -> UInt64 { word & 0xFFFF_FFFF_0000_0000 }
  private static func slot(_ entry: UInt64) -> Int { Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1 }

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

  /// How many base rows a run keeping `keptCount` of them (the slots marked in a kept-slot
  /// map) leaves out, without listing them.
  public func baseRowsExcludedCount(keptCount: Int) -> Int {
    baseRowsNotKept.count + baseRowCount - keptCount
  }

  /// The base run's rows that a run keeping the slots marked in `kept` does not keep.
  public func baseRowsExcluded(kept: [Bool]) -> [Int64] {
    var result = baseRowsNotKept
    for slot in files.indices where files[slot].inBase && !kept[slot] { result.append(files[slot].fileID) }
    return result
  }

  /// The ids of the base rows kept (slots marked in `kept`).
  public func baseRowsKept(kept: [Bool]) -> [Int64] {
    var result: [Int64] = []
    for slot in files.indices where files[slot].inBase && kept[slot] { result.append(files[slot].fileID) }
    return result
  }

  /// Hands `body` the base rows kept (slots marked in `kept`) as carry-index records of run `base`.
  public func forEachKeptRecord(
    kept: [Bool], base: Int64, _ body: (CarryIndexFile.Record) throws -> Void
  ) rethrows {
    // By slot rather than by element: a `PriorFile` copied per slot was a fifth of the write.
    for slot in files.indices where files[slot].inBase && kept[slot] {
      try body(
        CarryIndexFile.Record(
          pathHash: files[slot].pathHash, fileID: files[slot].fileID, rowRun: base, size: files[slot].size,
          mtime: files[slot].mtime, ctime: files[slot].ctime, inode: files[slot].inode, device: files[slot].device,
          findingCount: files[slot].findingCount, outcome: files[slot].outcome))
    }
  }

  /// The number of slots, for a kept-slot map.
  public var slotCount: Int { files.count }
}
