import Crypto
import Foundation
import NokoriEvidence
import Testing

@Suite struct EvidenceBundleTests {
  @Test func exportingTwiceGivesTheSameMembersAndVerifies() throws {
    let fixture = try BundleFixture()
    defer { fixture.remove() }
    let first = try fixture.export(to: "one.zip")
    let second = try fixture.export(to: "two.zip")
    #expect(first.members.map(\.name) == second.members.map(\.name))
    #expect(first.members.map(\.sha256) == second.members.map(\.sha256))
    let names = try BundleFixture.members(of: fixture.url("one.zip")).map(\.name)
    #expect(names == BundleLayout.all)
    let attributes = try FileManager.default.attributesOfItem(atPath: fixture.url("one.zip").path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)

    let report = try EvidenceBundleVerifier.verify(
      bundle: fixture.url("one.zip"), trustedKey: fixture.key.publicKey, trustedKeySource: "test key")
    #expect(report.isIntact)
    #expect(report.problems.isEmpty)
    #expect(report.intactMembers == BundleLayout.manifested.count)
    #expect(report.signature == .trusted(source: "test key"))
  }

  @Test func membersHoldTheRunWithoutRawValues() throws {
    let fixture = try BundleFixture()
    defer { fixture.remove() }
    try fixture.export(to: "b.zip")
    let members = Dictionary(uniqueKeysWithValues: try BundleFixture.members(of: fixture.url("b.zip")).map { ($0.name, $0.data) })
    let text = { (name: String) in String(decoding: members[name] ?? Data(), as: UTF8.self) }
    #expect(text("files.jsonl").split(separator: "\n").count == 4)
    #expect(text("findings.jsonl").split(separator: "\n").count == 5)
    #expect(text("confirmations.jsonl").contains("\"result\":\"deleted\""))
    let summary = try #require(try JSONSerialization.jsonObject(with: members["summary.json"] ?? Data()) as? [String: Any])
    #expect(summary["files_flagged"] as? Int == 3)
    #expect(summary["people_at_least"] as? Int == 2)
    #expect(summary["people_at_most"] as? Int == 3)
    #expect(text("run.json").contains("\"pattern_digest\" : \"digest\""))
    #expect(text("report.html").contains("マイナンバー"))
  }

  @Test func anExistingOutputIsNotOverwrittenWithoutForce() throws {
    let fixture = try BundleFixture()
    defer { fixture.remove() }
    try Data("keep me".utf8).write(to: fixture.url("taken.zip"))
    #expect(throws: EvidenceError.outputExists(path: fixture.url("taken.zip").path)) {
      try fixture.export(to: "taken.zip")
    }
    #expect(try Data(contentsOf: fixture.url("taken.zip")) == Data("keep me".utf8))
    try fixture.export(to: "taken.zip", force: true)
    #expect(try EvidenceBundleVerifier.verify(bundle: fixture.url("taken.zip"), trustedKey: nil, trustedKeySource: nil).isIntact)
  }

  @Test func anAlteredMemberIsNamed() throws {
    let fixture = try BundleFixture()
    defer { fixture.remove() }
    try fixture.export(to: "b.zip")
    var members = try BundleFixture.members(of: fixture.url("b.zip"))
    let index = try #require(members.firstIndex { $0.name == "files.jsonl" })
    members[index].data = Data(String(decoding: members[index].data, as: UTF8.self).replacingOccurrences(of: "a.csv", with: "x.csv").utf8)
    try BundleFixture.write(members, to: fixture.url("altered.zip"))
    let report = try EvidenceBundleVerifier.verify(
      bundle: fixture.url("altered.zip"), trustedKey: fixture.key.publicKey, trustedKeySource: nil)
    #expect(!report.isIntact)
    #expect(report.problems.count == 1)
    #expect(report.problems.first?.hasPrefix("member altered: files.jsonl") == true)
  }

  @Test func addedAndRemovedMembersAreNamed() throws {
    let fixture = try BundleFixture()
    defer { fixture.remove() }
    try fixture.export(to: "b.zip")
    let members = try BundleFixture.members(of: fixture.url("b.zip"))
    try BundleFixture.write(members + [("extra.txt", Data("planted".utf8))], to: fixture.url("added.zip"))
    let added = try EvidenceBundleVerifier.verify(
      bundle: fixture.url("added.zip"), trustedKey: fixture.key.publicKey, trustedKeySource: nil)
    #expect(added.problems == ["member added: extra.txt is in the bundle but not in MANIFEST"])

    try BundleFixture.write(members.filter { $0.name != "confirmations.jsonl" }, to: fixture.url("removed.zip"))
    let removed = try EvidenceBundleVerifier.verify(
      bundle: fixture.url("removed.zip"), trustedKey: fixture.key.publicKey, trustedKeySource: nil)
    #expect(removed.problems == ["member removed: confirmations.jsonl is listed in MANIFEST but not in the bundle"])
  }

  @Test func aRewrittenManifestFailsTheSignature() throws {
    let fixture = try BundleFixture()
    defer { fixture.remove() }
    try fixture.export(to: "b.zip")
    var members = try BundleFixture.members(of: fixture.url("b.zip"))
    // Alter a member and rewrite MANIFEST to match it: only the signature can tell.
    let index = try #require(members.firstIndex { $0.name == "summary.json" })
    members[index].data = Data("{}\n".utf8)
    let hashes = members.filter { BundleLayout.manifested.contains($0.name) }.map { ($0.name, SHA256.hash(data: $0.data).map { String(format: "%02x", $0) }.joined()) }
    let manifestIndex = try #require(members.firstIndex { $0.name == "MANIFEST" })
    members[manifestIndex].data = Data(BundleLayout.manifestText(hashes).utf8)
    try BundleFixture.write(members, to: fixture.url("forged.zip"))
    let report = try EvidenceBundleVerifier.verify(
      bundle: fixture.url("forged.zip"), trustedKey: fixture.key.publicKey, trustedKeySource: nil)
    #expect(report.problems.isEmpty)
    #expect(!report.isIntact)
    guard case .failed(let reason) = report.signature else {
      Issue.record("signature accepted")
      return
    }
    #expect(reason.contains("does not match MANIFEST"))
  }

  @Test func aWrongKeyIsReportedAsADifferentSigner() throws {
    let fixture = try BundleFixture()
    defer { fixture.remove() }
    try fixture.export(to: "b.zip")
    let other = Curve25519.Signing.PrivateKey().publicKey
    let report = try EvidenceBundleVerifier.verify(bundle: fixture.url("b.zip"), trustedKey: other, trustedKeySource: "other.pub")
    #expect(!report.isIntact)
    guard case .failed(let reason) = report.signature else {
      Issue.record("signature accepted under the wrong key")
      return
    }
    #expect(reason.contains("signed by a different key"))
    let selfOnly = try EvidenceBundleVerifier.verify(bundle: fixture.url("b.zip"), trustedKey: nil, trustedKeySource: nil)
    #expect(selfOnly.signature == .selfConsistentOnly)
  }

  @Test func aFlippedByteIsCaught() throws {
    let fixture = try BundleFixture()
    defer { fixture.remove() }
    try fixture.export(to: "b.zip")
    var bytes = [UInt8](try Data(contentsOf: fixture.url("b.zip")))
    // Inside the first member's compressed data, past its 30-byte header and name.
    bytes[30 + "run.json".utf8.count + 20] ^= 0x01
    try Data(bytes).write(to: fixture.url("flipped.zip"))
    let report = try EvidenceBundleVerifier.verify(
      bundle: fixture.url("flipped.zip"), trustedKey: fixture.key.publicKey, trustedKeySource: nil)
    #expect(!report.isIntact)
    #expect(report.problems.contains { $0.contains("run.json") })
  }
}
