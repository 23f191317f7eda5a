import Foundation
import NokoriCore
import NokoriStore
import NokoriTestSupport
import Testing

@Suite struct FindingStoreTests {
  func start() -> RunStart {
    RunStart(
      host: "host", user: "user", toolVersion: "0.1.0", patternDigest: String(repeating: "a", count: 64),
      keyID: "k", roots: ["/data"], options: ["jobs": "2"])
  }

  @Test func newStoreIsPrivateAndWAL() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("sub/nokori.db").path
    let store = try FindingStore(path: path)
    _ = try store.beginRun(start())
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    #expect(FileManager.default.fileExists(atPath: path + "-wal"))
  }

  @Test func roundTripsRunsFilesAndFindings() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try FindingStore(path: folder.appendingPathComponent("n.db").path)
    let run = try store.beginRun(start())
    let finding = Finding(
      category: .myNumber, detector: "jp.my_number", confidence: .high,
      location: Location(line: 3, column: 7, offset: 40, field: "個人番号"), masked: "********9018",
      fingerprint: String(repeating: "f", count: 64))
    let flagged = FileReport(
      path: "/data/a.csv", size: 10, mtime: 1.5, inode: 7, device: 1, outcome: .scanned, format: "csv",
      encoding: "cp932", sha256: String(repeating: "0", count: 64), findings: [finding],
      findingCounts: [.myNumber: 3], bytesRead: 10)
    let unreadable = FileReport(path: "/data/b.txt", outcome: .unreadable, detail: "open: Permission denied")
    try store.append([flagged, unreadable], run: run)
    var totals = RunTotals()
    totals.add(flagged)
    totals.add(unreadable)
    try store.finishRun(run, totals: totals, status: "finished", exitCode: 3)

    let record = try #require(try store.run(run))
    #expect(record.status == "finished")
    #expect(record.filesSeen == 2 && record.filesFlagged == 1 && record.filesIncomplete == 1)
    #expect(record.findings == 3)
    #expect(record.exitCode == 3)
    #expect(record.roots == ["/data"])

    let findings = try store.findings(run: run)
    #expect(findings.count == 1)
    #expect(findings[0].path == "/data/a.csv")
    #expect(findings[0].finding.location.field == "個人番号")
    #expect(findings[0].finding.location.line == 3)
    #expect(try store.findings(run: run, minimum: .high).count == 1)

    let files = try store.files(run: run)
    #expect(files.map(\.outcome) == ["scanned", "unreadable"])
    #expect(files[0].categories == ["jp.my_number"])
    #expect(files[0].findingCount == 3)
    #expect(try store.files(run: run, outcome: "unreadable").map(\.path) == ["/data/b.txt"])
    #expect(try store.runs().map(\.id) == [run])
  }

  @Test func reopeningKeepsEarlierRuns() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("n.db").path
    let first = try FindingStore(path: path).beginRun(start())
    let second = try FindingStore(path: path).beginRun(start())
    #expect(second == first + 1)
    #expect(try FindingStore(path: path).runs().count == 2)
  }

  @Test func refusesAPathThatIsNotAStore() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("not.db").path
    try Data("this is not sqlite at all, just text padding padding padding padding".utf8).write(
      to: URL(fileURLWithPath: path))
    #expect(throws: StoreError.self) { try FindingStore(path: path) }
  }
}
