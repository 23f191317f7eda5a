import Foundation
import NokoriTestSupport
import Testing
import ZIPFoundation

/// Where personal data is allowed: `allowed:` globs and `nokori accept`, kept out of the
/// violations until the accepted file's content changes, and listed in the evidence bundle.
@Suite(.serialized) struct SweepAcceptanceTests {
  @Test func filesInAllowedLocationsAreInventoriedButNotViolations() throws {
    let fixture = try SweepFixture("nokori-sweep-allowed")
    try fixture.write("個人番号: 123456789018\n", to: "crm/customers.txt")
    try fixture.write("特記事項なし\n", to: "notes.txt")
    try fixture.writeConfig("allowed:\n  - \(fixture.data.path)/crm/*")
    let result = try fixture.sweep()
    #expect(result.status == 0, "the only finding is in an allowed location: \(result.stderr)")
    #expect(try fixture.newFindingLines().isEmpty)
    let files = try fixture.files(run: 1)
    let crm = try #require(files.first { ($0["path"] as? String)?.hasSuffix("crm/customers.txt") == true })
    #expect(crm["allowed"] as? Bool == true)
    #expect(crm["categories"] as? [String] == ["jp.my_number"], "inventoried with its findings")
    #expect(files.first { ($0["path"] as? String)?.hasSuffix("notes.txt") == true }?["allowed"] == nil)

    // The same data outside the allowed place is a violation.
    try fixture.write("個人番号: 123456789018\n", to: "desktop/copy.txt")
    #expect(try fixture.sweep().status == 1)
    let new = try fixture.newFindingLines()
    #expect(new.count == 1 && (new.first?["path"] as? String)?.hasSuffix("desktop/copy.txt") == true)
  }

  @Test func acceptedFindingsAndFilesStopUntilTheirContentChanges() throws {
    let fixture = try SweepFixture("nokori-sweep-accept")
    let numbered = try fixture.write("個人番号: 123456789018\n", to: "a.txt")
    let mailed = try fixture.write("連絡先 mail: hanako.yamada@example.jp\n", to: "b.txt")
    #expect(try fixture.sweep().status == 1)
    #expect(try fixture.newFindingLines().count == 2)

    let findings = try SweepFixture.jsonLines(try fixture.nokori(["findings", "--run", "1", "--format", "jsonl"]).stdout)
    let fingerprint = try #require(findings.first { $0["category"] as? String == "jp.my_number" }?["fingerprint"] as? String)
    let byFingerprint = try fixture.nokori(["accept", fingerprint, "--reason", "customer master kept by contract"])
    #expect(byFingerprint.status == 0, "\(byFingerprint.stderr)")
    #expect(byFingerprint.stderr.contains(numbered.path))
    let byPath = try fixture.nokori(["accept", mailed.path, "--reason", "sales contact list"])
    #expect(byPath.status == 0, "\(byPath.stderr)")
    #expect(try fixture.nokori(["accept", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "--reason", "x"]).status == 2)
    #expect(try fixture.nokori(["accept", fixture.data.appendingPathComponent("none.txt").path, "--reason", "x"]).status == 2)

    let quiet = try fixture.sweep()
    #expect(quiet.status == 0, "both violations are accepted: \(quiet.stdout)")
    #expect(try fixture.newFindingLines().isEmpty)

    // New content in a.txt: the acceptance was for the old content, so the finding is new again.
    try fixture.write("個人番号: 123456789018\n追記: 住所変更あり\n", to: "a.txt")
    let changed = try fixture.sweep()
    #expect(changed.status == 1)
    let new = try fixture.newFindingLines()
    #expect(new.count == 1)
    #expect(new.first?["path"] as? String == numbered.path && new.first?["fingerprint"] as? String == fingerprint)

    // The bundle lists every acceptance, and verifies.
    let bundle = fixture.folder.appendingPathComponent("run3.zip")
    let signing = fixture.folder.appendingPathComponent("signing.key").path
    let export = try fixture.nokori(["export", "--run", "3", "--out", bundle.path, "--signing-key", signing])
    #expect(export.status == 0, "\(export.stderr)")
    #expect(try fixture.nokori(["verify", bundle.path]).status == 0)
    let archive = try Archive(url: bundle, accessMode: .read)
    let entry = try #require(archive["acceptances.jsonl"])
    var data = Data()
    _ = try archive.extract(entry) { data.append($0) }
    let lines = try SweepFixture.jsonLines(String(decoding: data, as: UTF8.self))
    #expect(lines.count == 2)
    #expect(lines.map { $0["reason"] as? String } == ["customer master kept by contract", "sales contact list"])
    #expect(lines.map { $0["scope"] as? String } == ["finding", "file"])
    #expect(lines.allSatisfy { ($0["by"] as? String)?.contains("@") == true && $0["accepted_at"] is String })
    var manifest = Data()
    _ = try archive.extract(try #require(archive["MANIFEST"])) { manifest.append($0) }
    #expect(String(decoding: manifest, as: UTF8.self).contains("  acceptances.jsonl\n"))
  }
}
