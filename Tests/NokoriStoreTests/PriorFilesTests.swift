import Foundation
import NokoriCore
import Testing

@testable import NokoriStore

@Suite struct PriorFilesTests {
  static func file(_ id: Int64, inBase: Bool = false) -> PriorFile {
    PriorFile(
      fileID: id, size: id * 10, mtime: Double(id), ctime: Double(id), inode: id, device: 1, outcome: .scanned,
      findingCount: Int(id % 3), inBase: inBase)
  }

  static func hash(_ path: String) -> UInt64 {
    PathHash.of(path)
  }

  @Test func everyPathIsFoundAfterTheTableGrowsAndOthersAreNot() {
    var files = PriorFiles()
    files.reserve(10)  // far fewer than are inserted: the table is rebuilt several times
    for index in 0..<20_000 {
      files.insert(Self.file(Int64(index), inBase: true), details: nil, pathHash: Self.hash("/share/f\(index).txt"))
    }
    #expect(files.count == 20_000)
    #expect(files.baseRowCount == 20_000)
    for index in stride(from: 0, to: 20_000, by: 7) {
      #expect(files.file(atPath: "/share/f\(index).txt")?.fileID == Int64(index))
    }
    #expect(files.file(atPath: "/share/f20000.txt") == nil)
    #expect(PriorFiles().file(atPath: "/share/f1.txt") == nil)
  }

  @Test func hashesSharingTheirTopHalfOrTheirTablePositionStayApart() {
    var files = PriorFiles()
    // Same top 32 bits (the tag kept in the table), different bottom ones; and hashes that
    // differ only above the bits that pick a position land in one run of the probe.
    let sameTag: [UInt64] = [0xABCD_EF01_0000_0001, 0xABCD_EF01_0000_0002, 0xABCD_EF01_0000_0003]
    let samePlace: [UInt64] = [5, 5 | 1 << 40, 5 | 1 << 41]
    for (index, hash) in (sameTag + samePlace).enumerated() {
      files.insert(Self.file(Int64(index)), details: nil, pathHash: hash)
    }
    for (index, hash) in (sameTag + samePlace).enumerated() {
      #expect(files.file(pathHash: hash)?.fileID == Int64(index))
    }
    #expect(files.file(pathHash: 0xABCD_EF01_0000_0004) == nil)
    #expect(files.count == 6)
  }

  @Test func aLaterRowReplacesABaseRowWhichIsThenNotKept() throws {
    var files = PriorFiles()
    files.insert(Self.file(1, inBase: true), details: nil, pathHash: 11)
    files.insert(Self.file(2, inBase: true), details: nil, pathHash: 12)
    files.insert(Self.file(3, inBase: false), details: nil, pathHash: 11)
    #expect(files.count == 2)
    #expect(files.file(pathHash: 11)?.fileID == 3)
    #expect(files.baseRowsNotKept == [1])
    #expect(files.baseRowCount == 1)
    // Slots: 0 row 1 (replaced: no longer a base row), 1 row 2 (base), 2 row 3.
    #expect(files.slotCount == 3)
    #expect(files.baseRowsExcludedCount(keptCount: 0) == 2)
    #expect(files.baseRowsExcluded(kept: [false, false, false]) == [1, 2])
    #expect(files.baseRowsKept(kept: [true, true, true]) == [2])
    let records = try Self.keptRecords(files, kept: [true, true, true], base: 9)
    #expect(records.map(\.fileID) == [2])
    #expect(records.map(\.rowRun) == [9])
  }

  /// The records `encodeKept` writes, read back from the index it makes.
  static func keptRecords(_ files: PriorFiles, kept: [Bool], base: Int64) throws -> [CarryIndexFile.Record] {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("kept-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try CarryIndexFile.write(run: base + 1, verdictDigest: "d", to: path) {
      try files.encodeKept(kept: kept, base: base, into: &$0)
    }
    return try #require(CarryIndexFile.read(path: path, run: base + 1, verdictDigest: "d"))
  }

  static func record(_ id: Int64, run: Int64, pathHash: UInt64, carried: Bool = true) -> CarryIndexFile.Record {
    CarryIndexFile.Record(
      pathHash: pathHash, fileID: id, rowRun: run, size: id, mtime: Double(id) + 0.5, ctime: nil,
      inode: carried ? id : nil, device: 3, findingCount: Int(id % 2), outcome: .scanned)
  }

  @Test func anAttachedIndexIsReadInPlaceAndRowsFromTheStoreReplaceItsRecords() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("attach-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    // Run 5 kept base run 4's rows 1-3 (row 3 has no file identity: never carried) and read row 6 itself.
    let records = [
      Self.record(1, run: 4, pathHash: 101), Self.record(2, run: 4, pathHash: 102),
      Self.record(3, run: 4, pathHash: 103, carried: false), Self.record(6, run: 5, pathHash: 106),
    ]
    try CarryIndexFile.write(records, run: 5, verdictDigest: "d", to: path)
    #expect(MappedCarryIndex(path: path, run: 6, verdictDigest: "d") == nil)
    #expect(MappedCarryIndex(path: path, run: 5, verdictDigest: "e") == nil)
    let index = try #require(MappedCarryIndex(path: path, run: 5, verdictDigest: "d"))
    var files = PriorFiles()
    let attached = files.attach(index, base: 4)
    #expect(attached)
    #expect(files.count == 3)
    #expect(files.baseRowCount == 2)
    #expect(files.baseRowsNotKept == [3])
    let first = try #require(files.file(pathHash: 101))
    #expect(first.fileID == 1 && first.inBase && first.slot == 0 && first.size == 1 && first.mtime == 1.5)
    #expect(first.ctime == nil && first.inode == 1 && first.device == 3 && first.outcome == .scanned)
    #expect(files.file(pathHash: 106)?.inBase == false)
    #expect(files.file(pathHash: 103) == nil)
    #expect(files.files(pathHashes: [102, 999, 106]).map { $0?.fileID } == [2, nil, 6])
    // The store's row for path 102 replaces the base record.
    files.insert(Self.file(7), details: nil, pathHash: 102)
    #expect(files.file(pathHash: 102)?.fileID == 7)
    #expect(files.baseRowsNotKept == [3, 2])
    #expect(files.slotCount == 5)
    var kept = Array(repeating: false, count: files.slotCount)
    kept[0] = true
    #expect(files.baseRowsKept(kept: kept) == [1])
    #expect(files.baseRowsExcluded(kept: kept) == [3, 2])
    #expect(try Self.keptRecords(files, kept: kept, base: 4) == [records[0]])
    // Written as records of the run they are kept for.
    var asRun8 = records[0]
    asRun8.rowRun = 8
    #expect(try Self.keptRecords(files, kept: kept, base: 8) == [asRun8])
  }

  @Test func anIndexLargerThanTheWritersBufferRoundTrips() throws {
    let records = (0..<40_000).map { (index: Int) -> CarryIndexFile.Record in
      let size: Int64? = index % 5 == 0 ? nil : Int64(index)
      let outcome: Outcome? = index % 9 == 0 ? nil : .scanned
      return CarryIndexFile.Record(
        pathHash: UInt64(index) &* 0x9E37_79B9, fileID: Int64(index), rowRun: 3, size: size,
        mtime: Double(index) + 0.5, ctime: nil, inode: Int64(index), device: 7, findingCount: index % 4,
        outcome: outcome)
    }
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("prior-\(UUID().uuidString).carry-index").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try CarryIndexFile.write(records, run: 3, verdictDigest: "d", to: path)
    #expect(CarryIndexFile.read(path: path, run: 3, verdictDigest: "d") == records)
    #expect(!FileManager.default.fileExists(atPath: path + ".new"))
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    #expect((attributes[.size] as? Int) == CarryIndexFile.headerSize + 40_000 * CarryIndexFile.recordSize + 8)
  }

  @Test func aChangedByteInAnyRecordIsCaughtWhicheverLaneItsRecordIsIn() throws {
    let records = (0..<6).map { Self.record(Int64($0), run: 2, pathHash: UInt64(200 + $0)) }
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("lanes-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try CarryIndexFile.write(records, run: 2, verdictDigest: "d", to: path)
    let whole = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(CarryIndexFile.read(path: path, run: 2, verdictDigest: "d") == records)
    for record in records.indices {
      var bytes = whole
      bytes[CarryIndexFile.headerSize + record * CarryIndexFile.recordSize + 33] ^= 0x01  // its mtime
      try bytes.write(to: URL(fileURLWithPath: path))
      #expect(CarryIndexFile.read(path: path, run: 2, verdictDigest: "d") == nil, "record \(record)")
    }
    // Two records swapped keep every word but not every word's lane.
    var swapped = whole
    let first = CarryIndexFile.headerSize
    let size = CarryIndexFile.recordSize
    let twoSwapped = whole[(first + size)..<(first + 2 * size)] + whole[first..<(first + size)]
    swapped.replaceSubrange(first..<(first + 2 * size), with: twoSwapped)
    try swapped.write(to: URL(fileURLWithPath: path))
    #expect(CarryIndexFile.read(path: path, run: 2, verdictDigest: "d") == nil)
  }

  @Test func rowsALaterRunLeftOutStopBeingBaseRowsAndAreListedOnce() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("exclude-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    // Base run 4's index: rows 1, 2, 5, 8, and 3 (no file identity: never carried).
    let records = [
      Self.record(1, run: 4, pathHash: 101), Self.record(2, run: 4, pathHash: 102),
      Self.record(3, run: 4, pathHash: 103, carried: false), Self.record(5, run: 4, pathHash: 105),
      Self.record(8, run: 4, pathHash: 108),
    ]
    try CarryIndexFile.write(records, run: 4, verdictDigest: "d", to: path)
    let index = try #require(MappedCarryIndex(path: path, run: 4, verdictDigest: "d"))
    var files = PriorFiles()
    let attached = files.attach(index, base: 4)
    #expect(attached)
    #expect(files.baseRowCount == 4)
    // A later run left out rows 2, 3 (already listed), 8 and 9 (not in the index).
    files.excludeBaseRows([2, 3, 8, 9])
    #expect(files.baseRowsNotKept == [3, 2, 8, 9])
    #expect(files.baseRowCount == 2)
    #expect(files.file(pathHash: 102)?.inBase == false)
    #expect(files.file(pathHash: 101)?.inBase == true && files.file(pathHash: 105)?.inBase == true)
    let kept = Array(repeating: true, count: files.slotCount)
    #expect(files.baseRowsKept(kept: kept) == [1, 5])
    #expect(files.baseRowsExcluded(kept: kept) == [3, 2, 8, 9])
    #expect(try Self.keptRecords(files, kept: kept, base: 4) == [records[0], records[3]])
  }

  @Test func anIndexWhoseRowsAreOutOfOrderIsNotUsed() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("order-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let records = [Self.record(2, run: 4, pathHash: 102), Self.record(1, run: 4, pathHash: 101)]
    try CarryIndexFile.write(records, run: 4, verdictDigest: "d", to: path)
    let index = try #require(MappedCarryIndex(path: path, run: 4, verdictDigest: "d"))
    var files = PriorFiles()
    let attached = files.attach(index, base: 4)
    #expect(!attached)
  }
}
