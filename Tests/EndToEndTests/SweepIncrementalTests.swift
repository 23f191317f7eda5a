import Foundation
import NokoriTestSupport
import Testing

/// `nokori sweep`: unchanged files are carried over, changed ones read again, and a new
/// pattern set or `--full` reads everything; runs with carried files confirm and export.
@Suite(.serialized) struct SweepIncrementalTests {
  let fixture: SweepFixture

  init() throws {
    fixture = try SweepFixture("nokori-sweep-incremental")
    try fixture.write("個人番号: 123456789018\n", to: "flagged.txt")
    for index in 0..<4 { try fixture.write("議事録 \(index): 特記事項なし\n", to: "notes/n\(index).txt") }
  }

  @Test func aSecondSweepReadsNothingAndCarriesTheVerdicts() throws {
    let first = try fixture.sweep()
    #expect(first.status == 1, "a finding outside any allowed location: \(first.stderr)")
    #expect(try fixture.readPaths(run: 1).count == 5)
    #expect(try fixture.newFindingLines().count == 1)
    #expect(first.stdout.split(separator: "\n").count == 1, "one summary line for cron mail")
    #expect(first.stdout.contains("5 files (5 read, 0 carried over), 1 new findings"))

    let second = try fixture.sweep()
    #expect(second.status == 1, "the violation is still there")
    #expect(try fixture.readPaths(run: 2).isEmpty, "no file read again")
    #expect(SweepFixture.logValue("read", in: second.stderr) == "0")
    let files = try fixture.files(run: 2)
    #expect(files.count == 5 && files.allSatisfy { $0["reused"] as? Bool == true })
    let flagged = try #require(files.first { ($0["path"] as? String)?.hasSuffix("flagged.txt") == true })
    #expect(flagged["categories"] as? [String] == ["jp.my_number"])
    #expect(flagged["sha256"] as? String != nil, "the carried verdict keeps the file's SHA-256")
    #expect(try fixture.newFindingLines().isEmpty, "nothing new since the last sweep")
    let carried = try SweepFixture.jsonLines(try fixture.nokori(["findings", "--run", "2", "--format", "jsonl"]).stdout)
    let original = try SweepFixture.jsonLines(try fixture.nokori(["findings", "--run", "1", "--format", "jsonl"]).stdout)
    #expect(carried.map { $0["fingerprint"] as? String } == original.map { $0["fingerprint"] as? String })
    #expect(carried.first?["masked"] as? String == "********9018")

    // A run made of carried files works with confirm, report and export like any other.
    let confirm = try fixture.nokori(["confirm", "--run", "2", "--format", "jsonl"])
    #expect(confirm.status == 1, "the flagged file is still present: \(confirm.stderr)")
    #expect(confirm.stdout.contains("present-unchanged"))
    let report = try fixture.nokori(["report", "--run", "2"])
    #expect(report.status == 0 && report.stdout.contains("jp.my_number"), "\(report.stderr)")
    let bundle = fixture.folder.appendingPathComponent("run2.zip").path
    let signing = fixture.folder.appendingPathComponent("signing.key").path
    #expect(try fixture.nokori(["export", "--run", "2", "--out", bundle, "--signing-key", signing]).status == 0)
    #expect(try fixture.nokori(["verify", bundle]).status == 0)
  }

  @Test func aChangedFileIsReadAgainAndOnlyIt() throws {
    #expect(try fixture.sweep().status == 1)
    let changed = try fixture.write("議事録 2: 特記事項なし、追記あり\n", to: "notes/n2.txt")
    let touched = fixture.data.appendingPathComponent("notes/n3.txt")
    // Same size and content, new mtime: read again too.
    try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: touched.path)
    #expect(try fixture.sweep().status == 1)
    #expect(try fixture.readPaths(run: 2) == [changed.path, touched.path].sorted())
  }

  @Test func aNewPatternSetOrFullReadsEverything() throws {
    #expect(try fixture.sweep().status == 1)
    #expect(try fixture.sweep(["--full"]).status == 1)
    #expect(try fixture.readPaths(run: 2).count == 5, "--full carries nothing over")

    let patterns = fixture.folder.appendingPathComponent("patterns")
    let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Patterns")
      .standardizedFileURL
    try FileManager.default.copyItem(at: source, to: patterns)
    try fixture.writeConfig("patterns: \(patterns.path)")
    #expect(try fixture.sweep().status == 1)
    #expect(try fixture.readPaths(run: 3).isEmpty, "the same patterns from another folder: same digest")
    let handle = try FileHandle(forWritingTo: patterns.appendingPathComponent("pii.email.yaml"))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data("\n# edited: the pattern set changed\n".utf8))
    try handle.close()
    #expect(try fixture.sweep().status == 1)
    #expect(try fixture.readPaths(run: 4).count == 5, "a changed pattern set reads every file again")
  }

  @Test func aConfigErrorIsExitTwoWithFileLineAndKey() throws {
    try fixture.writeConfig("ocr: sometimes")
    let result = try fixture.sweep()
    #expect(result.status == 2)
    #expect(result.stderr.contains("\(fixture.config.path):8: ocr: 'sometimes' is not one of off, auto, all"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: fixture.db), "nothing is started on a bad config")
  }
}
