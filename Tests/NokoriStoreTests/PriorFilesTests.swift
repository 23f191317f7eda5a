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

  @Test func aLaterRowReplacesABaseRowWhichIsThenNotKept() {
    var files = PriorFiles()
    files.insert(Self.file(1, inBase: true), details: nil, pathHash: 11)
    files.insert(Self.file(2, inBase: true), details: nil, pathHash: 12)
    files.insert(Self.file(3, inBase: false), details: nil, pathHash: 11)
    #expect(files.count == 2)
    #expect(files.file(pathHash: 11)?.fileID == 3)
    #expect(files.baseRowsNotKept == [1])
    #expect(files.baseRowCount == 1)
    // Slot 0 now holds row 3 (not a base row); slot 1 holds base row 2.
    #expect(files.baseRowsExcludedCount(keptCount: 0) == 2)
    #expect(files.baseRowsExcluded(kept: [false, false]) == [1, 2])
    #expect(files.baseRowsKept(kept: [true, true]) == [2])
    var records: [CarryIndexFile.Record] = []
    files.forEachKeptRecord(kept: [true, true], base: 9) { records.append($0) }
    #expect(records.map(\.fileID) == [2])
    #expect(records.map(\.rowRun) == [9])
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
}
