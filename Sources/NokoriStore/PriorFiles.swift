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
///
/// The first slots are the records of a carry index (``attach(_:base:)``), read in place;
/// the rest are rows loaded from the store (``insert(_:details:pathHash:)``), which replace an
/// earlier slot with the same path.
public struct PriorFiles: Sendable {
  /// Per table position, the top half of a path's hash beside its slot number + 1 (0: an
  /// empty position), so that probing past other paths reads no record. Its size is a power
  /// of two at least twice the number of paths: a probe ends after a step or two.
  private var table: [UInt64] = []
  private var placed = 0
  /// The carry index the first slots are, when the verdicts came from one.
  private var index: MappedCarryIndex?
  /// Per index record: a base row the run may keep (carried, and not replaced since).
  private var indexInBase: [Bool] = []
  /// Rows loaded from the store: slots after the index's.
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

  /// How many paths have a verdict.
  public var count: Int { placed }

  private var indexCount: Int { index?.count ?? 0 }

  /// The number of slots, for a kept-slot map.
  public var slotCount: Int { indexCount + files.count }

  mutating func reserve(_ capacity: Int) {
    files.reserveCapacity(capacity)
    if table.count < 2 * capacity { rebuildTable(capacity: capacity) }
  }

  /// Takes the verdicts of `index` (made first: nothing may be loaded before it), its rows
  /// of run `base` as base rows. Of two records with one path, the later stands. False, and
  /// nothing to be used, when its records are not in row order (``excludeBaseRows(_:)``
  /// finds rows by their id).
  mutating func attach(_ index: MappedCarryIndex, base: Int64) -> Bool {
    self.index = index
    indexInBase = Array(repeating: false, count: index.count)
    rebuildTable(capacity: index.count)
    var previousID = Int64.min
    // One pass over the records, placing each: the look-ups of successive records do not
    // wait on each other the way inserts through a function each would.
    for slot in 0..<index.count {
      let fileID = index.fileID(at: slot)
      guard fileID > previousID else { return false }
      previousID = fileID
      let inBase = index.rowRun(at: slot) == base
      guard index.isCarried(at: slot) else {
        if inBase { baseRowsNotKept.append(fileID) }
        continue
      }
      if inBase {
        indexInBase[slot] = true
        baseRowCount += 1
      }
      place(slot, pathHash: index.pathHash(at: slot))
    }
    return true
  }

  /// Marks the base rows `ids` as not to be kept (rows a later run left out): those in the
  /// attached index stop being base rows; each is listed once among ``baseRowsNotKept``.
  mutating func excludeBaseRows(_ ids: [Int64]) {
    for id in ids {
      guard let slot = indexSlot(ofFileID: id) else {
        baseRowsNotKept.append(id)
        continue
      }
      // A record that is not a base row here was listed when it was attached or replaced.
      guard indexInBase[slot] else { continue }
      indexInBase[slot] = false
      baseRowCount -= 1
      baseRowsNotKept.append(id)
    }
  }

  /// The slot of the attached index's record for row `fileID` (records are in row order).
  private func indexSlot(ofFileID fileID: Int64) -> Int? {
    guard let index else { return nil }
    var low = 0
    var high = index.count
    while low < high {
      let middle = (low + high) / 2
      if index.fileID(at: middle) < fileID { low = middle + 1 } else { high = middle }
    }
    return low < index.count && index.fileID(at: low) == fileID ? low : nil
  }

  /// Adds (or replaces: a later layer's row wins) the verdict for the path whose bytes hash to `pathHash`.
  mutating func insert(_ file: PriorFile, details: PriorDetails?, pathHash: UInt64) {
    var file = file
    file.pathHash = pathHash
    file.slot = Int32(slotCount)
    if let details { self.details[file.fileID] = details }
    if 2 * (placed + 1) > table.count { rebuildTable(capacity: max(1024, 2 * placed)) }
    if file.inBase { baseRowCount += 1 }
    files.append(file)
    place(Int(file.slot), pathHash: pathHash)
  }

  /// Puts `slot` in the table under `pathHash`, in place of an earlier slot with that path.
  private mutating func place(_ slot: Int, pathHash: UInt64) {
    var position = position(of: pathHash)
    while table[position] != 0 {
      let earlier = Self.slot(table[position])
      if Self.tag(table[position]) == Self.tag(pathHash), self.pathHash(ofSlot: earlier) == pathHash {
        // Left out of the table: never kept, and listed as not kept once.
        if isBase(earlier) {
          baseRowsNotKept.append(fileID(ofSlot: earlier))
          baseRowCount -= 1
          setNotBase(earlier)
        }
        table[position] = Self.entry(pathHash: pathHash, slot: slot)
        return
      }
      position = (position + 1) & (table.count - 1)
    }
    table[position] = Self.entry(pathHash: pathHash, slot: slot)
    placed += 1
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
      if Self.tag(table[position]) == Self.tag(pathHash), self.pathHash(ofSlot: slot) == pathHash {
        return file(atSlot: slot)
      }
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
      } else if Self.tag(entry) == Self.tag(hash), pathHash(ofSlot: Self.slot(entry)) == hash {
        result.append(file(atSlot: Self.slot(entry)))
      } else {
        result.append(file(pathHash: hash))
      }
    }
    return result
  }

  private func pathHash(ofSlot slot: Int) -> UInt64 {
    if let index, slot < index.count { return index.pathHash(at: slot) }
    return files[slot - indexCount].pathHash
  }

  private func fileID(ofSlot slot: Int) -> Int64 {
    if let index, slot < index.count { return index.fileID(at: slot) }
    return files[slot - indexCount].fileID
  }

  private func isBase(_ slot: Int) -> Bool {
    slot < indexCount ? indexInBase[slot] : files[slot - indexCount].inBase
  }

  private mutating func setNotBase(_ slot: Int) {
    if slot < indexCount { indexInBase[slot] = false } else { files[slot - indexCount].inBase = false }
  }

  private func file(atSlot slot: Int) -> PriorFile {
    guard let index, slot < index.count else { return files[slot - indexCount] }
    let record = index.record(at: slot)
    return PriorFile(
      fileID: record.fileID, size: record.size, mtime: record.mtime, ctime: record.ctime, inode: record.inode,
      device: record.device, outcome: record.outcome, findingCount: record.findingCount, inBase: indexInBase[slot],
      slot: Int32(slot), pathHash: record.pathHash)
  }

  /// Fibonacci hashing: the top bits of the product, which every bit of the hash moves.
  private func position(of pathHash: UInt64) -> Int {
    Int(truncatingIfNeeded: (pathHash &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - table.count.trailingZeroBitCount))
  }

  /// A table for `capacity` paths holding what the present one holds.
  private mutating func rebuildTable(capacity: Int) {
    var size = 1024
    while size < 2 * capacity { size <<= 1 }
    let old = table
    table = Array(repeating: 0, count: size)
    for entry in old where entry != 0 {
      let slot = Self.slot(entry)
      var position = position(of: pathHash(ofSlot: slot))
      while table[position] != 0 { position = (position + 1) & (size - 1) }
      table[position] = entry
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
    for slot in 0..<slotCount where isBase(slot) && !kept[slot] { result.append(fileID(ofSlot: slot)) }
    return result
  }

  /// The ids of the base rows kept (slots marked in `kept`).
  public func baseRowsKept(kept: [Bool]) -> [Int64] {
    var result: [Int64] = []
    for slot in 0..<slotCount where isBase(slot) && kept[slot] { result.append(fileID(ofSlot: slot)) }
    return result
  }

  /// Writes the base rows kept (slots marked in `kept`) to `encoder` as records of run `base`.
  public func encodeKept(kept: [Bool], base: Int64, into encoder: inout CarryIndexWriter.Encoder) throws {
    for slot in 0..<slotCount where isBase(slot) && kept[slot] {
      var record: CarryIndexFile.Record
      if let index, slot < index.count {
        record = index.record(at: slot)
      } else {
        let file = files[slot - indexCount]
        record = CarryIndexFile.Record(
          pathHash: file.pathHash, fileID: file.fileID, rowRun: base, size: file.size, mtime: file.mtime,
          ctime: file.ctime, inode: file.inode, device: file.device, findingCount: file.findingCount,
          outcome: file.outcome)
      }
      record.rowRun = base
      try encoder.append(record)
    }
  }
}
