import Foundation
import GRDB
import NokoriStore
import NokoriTestSupport
import Testing

/// A sweep keeps an earlier sweep's rows for unchanged files by reference instead of copying
/// them, and every reader (`files`, `findings`, `confirm`, `export`) still sees the whole run.
@Suite(.serialized) struct SweepByReferenceTests {
  let fixture: SweepFixture

  init() throws {
    fixture = try SweepFixture("nokori-sweep-by-reference")
    try fixture.write("個人番号: 123456789018\n", to: "flagged.txt")
    for index in 0..<9 { try fixture.write("議事録 \(index): 特記事項なし\n", to: "notes/n\(index).txt") }
  }

  /// Physical rows of `table` written by run `run` itself.
  func ownRows(_ table: String, run: Int) throws -> Int {
    let queue = try DatabaseQueue(path: fixture.db)
    return try queue.read { db in
      try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE run_id = ?", arguments: [run]) ?? -1
    }
  }

  func carryBase(run: Int) throws -> Int64? {
    try DatabaseQueue(path: fixture.db).read { db in
      try Int64.fetchOne(db, sql: "SELECT carry_base FROM runs WHERE id = ?", arguments: [run])
    }
  }

  @Test func anUnchangedSweepWritesNoRowsYetListsEveryFile() throws {
    #expect(try fixture.sweep().status == 1)
    #expect(try fixture.sweep().status == 1)
    #expect(try ownRows("files", run: 2) == 0, "unchanged files are kept by reference, not copied")
    #expect(try ownRows("findings", run: 2) == 0)
    #expect(try carryBase(run: 2) == 1)
    let files = try fixture.files(run: 2)
    #expect(files.count == 10)
    #expect(Set(files.compactMap { $0["path"] as? String }).count == 10, "each file once")
    #expect(files.allSatisfy { $0["run"] as? Int == 2 && $0["reused"] as? Bool == true })
    let findings = try SweepFixture.jsonLines(try fixture.nokori(["findings", "--run", "2", "--format", "jsonl"]).stdout)
    #expect(findings.count == 1 && findings.first?["run"] as? Int == 2)
    let runs = try SweepFixture.jsonLines(try fixture.nokori(["runs", "--format", "jsonl"]).stdout)
    let second = try #require(runs.first { $0["id"] as? Int == 2 })
    #expect(second["files_seen"] as? Int == 10 && second["files_flagged"] as? Int == 1, "\(second)")
  }

  @Test func aDeletedFileLeavesTheRunAndAChangedOneIsListedOnce() throws {
    #expect(try fixture.sweep().status == 1)
    try FileManager.default.removeItem(at: fixture.data.appendingPathComponent("notes/n0.txt"))
    let changed = try fixture.write("議事録 1: 追記 連絡先 taro.yamada@example.co.jp\n", to: "notes/n1.txt")
    #expect(try fixture.sweep().status == 1)
    let files = try fixture.files(run: 2)
    let paths = files.compactMap { $0["path"] as? String }
    #expect(paths.count == 9 && Set(paths).count == 9, "\(paths)")
    #expect(!paths.contains { $0.hasSuffix("notes/n0.txt") }, "a deleted file is not part of the new run")
    #expect(try fixture.readPaths(run: 2) == [changed.path])
    #expect(try ownRows("files", run: 2) == 1, "only the file read again has a row of its own")
    let findings = try SweepFixture.jsonLines(try fixture.nokori(["findings", "--run", "2", "--format", "jsonl"]).stdout)
    #expect(Set(findings.compactMap { $0["category"] as? String }) == ["jp.my_number", "pii.email"])
    // The e-mail is new since run 1; the My Number, kept from run 1, is not.
    #expect(try fixture.newFindingLines().map { $0["category"] as? String } == ["pii.email"])

    // Run 1 is unchanged by what run 2 left out.
    #expect(try fixture.files(run: 1).count == 10)
  }

  @Test func keptFindingsAreNewWhenTheLastSweepRanWithOtherSettings() throws {
    #expect(try fixture.sweep().status == 1)
    // Run 2 skips every file past 10 bytes (another verdict digest): it reports nothing.
    try fixture.writeConfig("max_file_size: 10")
    #expect(try fixture.sweep().status != 1)
    #expect(try fixture.newFindingLines().isEmpty)
    // Run 3 carries run 1's rows again; the My Number was not a violation in run 2, the last
    // sweep, so it is new although its row is kept by reference.
    try fixture.writeConfig()
    #expect(try fixture.sweep().status == 1)
    #expect(try carryBase(run: 3) == 1 && ownRows("findings", run: 3) == 0)
    #expect(try fixture.newFindingLines().map { $0["category"] as? String } == ["jp.my_number"])
    // Vouching that run 3's kept rows were in run 2 (untrue here) compares only its own rows.
    let store = try FindingStore(path: fixture.db)
    #expect(try store.newFindings(run: 3, since: 2, minimum: .medium).count == 1)
    #expect(try store.newFindings(run: 3, since: 2, minimum: .medium, keptRowsWereInSince: true).isEmpty)
    // Run 4, carrying from run 3, the last sweep: nothing is new.
    #expect(try fixture.sweep().status == 1)
    #expect(try fixture.newFindingLines().isEmpty)
  }

  @Test func laterSweepsKeepTheSameBaseUntilTheDriftPassesAQuarter() throws {
    #expect(try fixture.sweep().status == 1)
    try fixture.write("議事録 1: 変更 A\n", to: "notes/n1.txt")
    #expect(try fixture.sweep().status == 1)
    // Nothing changed: run 3 keeps run 1's rows and copies run 2's one verdict.
    #expect(try fixture.sweep().status == 1)
    #expect(try carryBase(run: 3) == 1)
    #expect(try ownRows("files", run: 3) == 1)
    #expect(try fixture.readPaths(run: 3).isEmpty)
    #expect(try fixture.files(run: 3).count == 10)

    // Two more changed files: 3 of 10 rows now differ from run 1, past a quarter, so the next
    // sweep holds all its rows and becomes the base of the one after.
    try fixture.write("議事録 2: 変更 B\n", to: "notes/n2.txt")
    try fixture.write("議事録 3: 変更 C\n", to: "notes/n3.txt")
    #expect(try fixture.sweep().status == 1)
    #expect(try carryBase(run: 4) == 1)
    #expect(try fixture.sweep().status == 1)
    #expect(try carryBase(run: 5) == nil)
    #expect(try ownRows("files", run: 5) == 10)
    #expect(try fixture.readPaths(run: 5).isEmpty, "copied, not read")
    #expect(try fixture.sweep().status == 1)
    #expect(try carryBase(run: 6) == 5)
    #expect(try ownRows("files", run: 6) == 0)
    #expect(try fixture.files(run: 6).count == 10)
  }

  @Test func aRunKeepingLessThanItLeavesOutHoldsItsRowsItself() throws {
    #expect(try fixture.sweep().status == 1)
    for index in 0..<6 { try FileManager.default.removeItem(at: fixture.data.appendingPathComponent("notes/n\(index).txt")) }
    #expect(try fixture.sweep().status == 1)
    #expect(try carryBase(run: 2) == nil, "4 kept against 6 left out: copied, not listed as exclusions")
    #expect(try ownRows("files", run: 2) == 4)
    #expect(try ownRows("findings", run: 2) == 1)
    let files = try fixture.files(run: 2)
    #expect(files.count == 4 && files.allSatisfy { $0["reused"] as? Bool == true })
    #expect(try fixture.sweep().status == 1)
    #expect(try carryBase(run: 3) == 2 && ownRows("files", run: 3) == 0)
    #expect(try fixture.files(run: 3).count == 4)
  }

  @Test func changedAllowedLocationsWriteEveryVerdictAgain() throws {
    #expect(try fixture.sweep().status == 1)
    try fixture.writeConfig("allowed:\n  - \(fixture.data.path)/flagged.txt")
    let second = try fixture.sweep()
    #expect(second.status == 0, "the only finding is now in an allowed location: \(second.stderr)")
    #expect(try carryBase(run: 2) == nil)
    #expect(try fixture.readPaths(run: 2).isEmpty, "carried over, with the allowed flag worked out again")
    let flagged = try #require(try fixture.files(run: 2).first { ($0["path"] as? String)?.hasSuffix("flagged.txt") == true })
    #expect(flagged["allowed"] as? Bool == true)
  }

  @Test func aKeptRunPagesExportsAndConfirmsLikeAnyOther() throws {
    #expect(try fixture.sweep().status == 1)
    try fixture.write("個人番号: 987654321018 追記\n", to: "notes/n4.txt")
    #expect(try fixture.sweep().status == 1)
    let store = try FindingStore(path: fixture.db)
    var pages: [[String]] = []
    try store.forEachFile(run: 2, pageSize: 3) { pages.append($0.map(\.path)) }
    let paged = pages.flatMap { $0 }
    #expect(paged.count == 10 && Set(paged).count == 10, "base segment, then the run's own rows: \(pages)")
    var flagged: [String] = []
    try store.forEachFlaggedFile(run: 2, minimum: .medium, pageSize: 1) { flagged += $0.map(\.path) }
    #expect(flagged.count == 2 && flagged.last?.hasSuffix("notes/n4.txt") == true, "\(flagged)")
    var findings = 0
    try store.forEachFinding(run: 2, minimum: .medium, pageSize: 1) { page in
      findings += page.count
      #expect(page.allSatisfy { $0.finding.run == 2 })
    }
    #expect(findings == 2)
    let confirm = try fixture.nokori(["confirm", "--run", "2", "--format", "jsonl"])
    #expect(confirm.stdout.split(separator: "\n").filter { $0.contains("present-unchanged") }.count == 2, "\(confirm.stdout)")
  }
}

/// The carry index beside the store: written by a finished sweep, used by the next, and
/// ignored (the rows are read from the store) when it does not check out.
@Suite(.serialized) struct SweepCarryIndexTests {
  let fixture: SweepFixture
  var index: String { fixture.db + ".carry-index" }

  init() throws {
    fixture = try SweepFixture("nokori-sweep-carry-index")
    try fixture.write("個人番号: 123456789018\n", to: "flagged.txt")
    for index in 0..<9 { try fixture.write("議事録 \(index): 特記事項なし\n", to: "notes/n\(index).txt") }
  }

  /// Run `run`'s inventory as (path, reused) pairs, sorted.
  func inventory(run: Int) throws -> [String] {
    try fixture.files(run: run).map { "\($0["path"] as? String ?? "?") \($0["reused"] as? Bool ?? false)" }.sorted()
  }

  @Test func aFinishedSweepWritesItAndTheNextOnesCarryFromItWithoutWritingAgain() throws {
    let first = try fixture.sweep()
    #expect(first.status == 1)
    #expect(first.stderr.contains("carry_index=own"), "\(first.stderr)")
    let attributes = try FileManager.default.attributesOfItem(atPath: index)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    #expect((attributes[.size] as? Int) == 32 + 10 * 80 + 8, "a header, ten records and a checksum")
    let firstIndex = try Data(contentsOf: URL(fileURLWithPath: index))
    let changed = try fixture.write("議事録 1: 変更あり\n", to: "notes/n1.txt")
    // Run 2 keeps run 1's rows by reference: run 1's index stands for it as it is.
    let second = try fixture.sweep()
    #expect(second.status == 1)
    #expect(second.stderr.contains("carry_from=index") && second.stderr.contains("carry_index=unchanged"), "\(second.stderr)")
    #expect(try fixture.readPaths(run: 2) == [changed.path])
    #expect(try Data(contentsOf: URL(fileURLWithPath: index)) == firstIndex)
    // Run 3 starts from run 1's index, run 2's exclusion and own row (from the store):
    // run 1's rows kept, run 2's own row copied, nothing read.
    let third = try fixture.sweep()
    #expect(third.status == 1)
    #expect(third.stderr.contains("carry_from=index") && third.stderr.contains("carry_base=1"), "\(third.stderr)")
    #expect(try fixture.readPaths(run: 3).isEmpty)
    #expect(try inventory(run: 3).count == 10)
    let findings = try SweepFixture.jsonLines(try fixture.nokori(["findings", "--run", "3", "--format", "jsonl"]).stdout)
    #expect(findings.map { $0["masked"] as? String } == ["********9018"])
    // The file changed in run 2 changes again: run 1's row for it stays left out.
    try fixture.write("議事録 1: 再変更\n", to: "notes/n1.txt")
    #expect(try fixture.sweep().status == 1)
    #expect(try fixture.readPaths(run: 4) == [changed.path])
    #expect(try inventory(run: 4).count == 10)
  }

  @Test func aDamagedOrStaleIndexIsIgnoredAndTheBasesIndexWrittenAgain() throws {
    #expect(try fixture.sweep().status == 1)
    var bytes = try Data(contentsOf: URL(fileURLWithPath: index))
    bytes[40] ^= 0xFF  // inside the first record: the checksum no longer holds
    try bytes.write(to: URL(fileURLWithPath: index))
    let changed = try fixture.write("議事録 4: 変更あり\n", to: "notes/n4.txt")
    let second = try fixture.sweep()
    #expect(second.status == 1)
    #expect(second.stderr.contains("carry_from=store") && second.stderr.contains("carry_index=base"), "\(second.stderr)")
    #expect(try fixture.readPaths(run: 2) == [changed.path], "the rows were read from the store instead")
    #expect(try inventory(run: 2).count == 10)
    // Run 1's index again, made of the nine rows run 2 kept.
    let attributes = try FileManager.default.attributesOfItem(atPath: index)
    #expect((attributes[.size] as? Int) == 32 + 9 * 80 + 8)
    let third = try fixture.sweep()
    #expect(third.stderr.contains("carry_from=index") && third.stderr.contains("carry_index=unchanged"), "\(third.stderr)")
    #expect(try fixture.readPaths(run: 3).isEmpty)
    #expect(try inventory(run: 3).count == 10)

    // A full sweep is the next base; run 1's index, put back, is then stale and not used.
    let runOneIndex = try Data(contentsOf: URL(fileURLWithPath: index))
    let full = try fixture.sweep(["--full"])
    #expect(full.status == 1)
    #expect(full.stderr.contains("carry_index=own"), "\(full.stderr)")
    try runOneIndex.write(to: URL(fileURLWithPath: index))
    let fifth = try fixture.sweep()
    #expect(fifth.status == 1)
    #expect(fifth.stderr.contains("carry_from=store") && fifth.stderr.contains("carry_base=4"), "\(fifth.stderr)")
    #expect(try fixture.readPaths(run: 5).isEmpty)
    #expect(try inventory(run: 5) == inventory(run: 3))
  }

  @Test func recordsRoundTripAndATornFileIsRefused() throws {
    let records = [
      CarryIndexFile.Record(
        pathHash: 42, fileID: 7, rowRun: 3, size: 120, mtime: 1_700_000_000.25, ctime: nil, inode: 99, device: 2049,
        findingCount: 3, outcome: .scanned),
      CarryIndexFile.Record(
        pathHash: 43, fileID: 8, rowRun: 4, size: nil, mtime: nil, ctime: nil, inode: nil, device: nil,
        findingCount: 0, outcome: nil),
    ]
    let path = fixture.folder.appendingPathComponent("test.carry-index").path
    try CarryIndexFile.write(records, run: 4, verdictDigest: "digest", to: path)
    #expect(CarryIndexFile.read(path: path, run: 4, verdictDigest: "digest") == records)
    #expect(CarryIndexFile.read(path: path, run: 5, verdictDigest: "digest") == nil)
    #expect(CarryIndexFile.read(path: path, run: 4, verdictDigest: "other") == nil)
    let whole = try Data(contentsOf: URL(fileURLWithPath: path))
    try whole.prefix(whole.count - 20).write(to: URL(fileURLWithPath: path))
    #expect(CarryIndexFile.read(path: path, run: 4, verdictDigest: "digest") == nil)
  }
}
