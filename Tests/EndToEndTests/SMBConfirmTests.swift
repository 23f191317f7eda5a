import Foundation
import NokoriCore
import NokoriScanner
import NokoriStore
import NokoriTestSupport
import Testing

/// `confirm` never calls a file on an smb:// share deleted because a local open of its URL failed.
struct SMBConfirmTests {
  @Test func aFileOnAShareThatDoesNotAnswerIsCouldNotCheckNotDeleted() throws {
    let checker = try DeletionChecker(
      patternSet: TestPaths.patternSet(), fingerprinter: TestPaths.fingerprinter(), minimumConfidence: .medium)
    // Nothing listens on port 1: the share cannot be reached.
    let flagged = FlaggedFile(
      id: 1, path: "smb://127.0.0.1:1/corpus/text/utf8_customer_note.txt", size: 10, mtime: 0, sha256: "00",
      device: 12345, categories: ["jp.my_number"])
    let check = checker.check(flagged) { [] }
    #expect(check.result == .unreadable)
    #expect(check.detail?.hasPrefix("smb:") == true, "\(check.detail ?? "")")
  }
}

/// `confirm` of a run that read a share checks each flagged file on the share itself: gone,
/// unchanged or changed, and "could not check" (never "deleted") once the server is down.
@Suite(.serialized, .disabled(if: SambaServer.unavailableReason != nil, "\(SambaServer.unavailableReason ?? "")"))
final class SMBConfirmOnShareTests {
  let folder: URL
  let share: URL
  let db: String
  let key: String
  let credentials: String
  let server: SambaServer

  init() throws {
    folder = try TestPaths.temporaryDirectory("nokori-smb-confirm")
    share = folder.appendingPathComponent("share")
    try FileManager.default.createDirectory(at: share.appendingPathComponent("notes"), withIntermediateDirectories: true)
    for index in 0..<3 {
      try Data("顧客メモ \(index)\n個人番号: 123456789018\n".utf8)
        .write(to: share.appendingPathComponent("notes/customer\(index).txt"))
    }
    try Data("議事録: 特記事項なし\n".utf8).write(to: share.appendingPathComponent("notes/minutes.txt"))
    db = folder.appendingPathComponent("store/nokori.db").path
    key = folder.appendingPathComponent("key").path
    credentials = try SambaServer.credentialsFile(in: folder)
    server = try SambaServer(share: share)
  }

  deinit {
    server.stop()
    try? FileManager.default.removeItem(at: folder)
  }

  func nokori(_ arguments: [String]) throws -> CommandRunner.Result {
    try CommandRunner.run(arguments, environment: ["NOKORI_KEY_FILE": key, "NOKORI_DB": db])
  }

  /// `confirm --run 1`'s JSONL lines as path → result.
  func confirm() throws -> (status: Int32, results: [String: String], details: [String]) {
    let result = try nokori(["confirm", "--run", "1", "--format", "jsonl", "--smb-credentials", credentials])
    var results: [String: String] = [:]
    var details: [String] = []
    for line in result.stdout.split(separator: "\n") {
      let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      results[object["path"] as? String ?? "?"] = object["result"] as? String
      details.append(object["detail"] as? String ?? "")
    }
    return (result.status, results, details)
  }

  @Test func eachFlaggedFileIsCheckedOnTheShare() throws {
    let scan = try nokori(["scan", "--quiet", "--smb-credentials", credentials, server.url("notes")])
    #expect(scan.status == 0, "every file read: \(scan.stderr)")
    try FileManager.default.removeItem(at: share.appendingPathComponent("notes/customer0.txt"))
    let changed = try FileHandle(forWritingTo: share.appendingPathComponent("notes/customer1.txt"))
    try changed.seekToEnd()
    try changed.write(contentsOf: Data("追記\n".utf8))
    try changed.close()

    let first = try confirm()
    #expect(first.status == 1, "a flagged file is still there")
    #expect(
      first.results == [
        server.url("notes/customer0.txt"): "deleted",
        server.url("notes/customer1.txt"): "present-changed-still-flagged",
        server.url("notes/customer2.txt"): "present-unchanged",
      ], "\(first.results) \(first.details)")

    // The server goes away: nothing on it is "deleted", everything is "could not check".
    server.stop()
    let second = try confirm()
    #expect(second.status == 3, "\(second.results)")
    #expect(Set(second.results.values) == ["unreadable"], "\(second.results)")
    #expect(!second.details.joined().contains(SambaServer.password))
  }

  @Test func theCopyLimitMakesLargerFilesTooLargeAndReadsTheRest() throws {
    try Data(repeating: 0x41, count: 4096).write(to: share.appendingPathComponent("notes/large.txt"))
    let scan = try nokori([
      "scan", "--quiet", "--format", "jsonl", "--smb-credentials", credentials, "--smb-copy-limit", "1K",
      server.url("notes"),
    ])
    #expect(scan.status == 3, "a file not read is a gap: \(scan.stderr)")
    let files = try nokori(["files", "--run", "1", "--format", "jsonl"]).stdout.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    let outcomes = Dictionary(uniqueKeysWithValues: files.map { ($0["path"] as? String ?? "?", $0["outcome"] as? String ?? "?") })
    #expect(outcomes[server.url("notes/large.txt")] == "too-large")
    #expect(outcomes.filter { $0.value == "scanned" }.count == 4, "\(outcomes)")
    #expect(try nokori(["scan", "--smb-copy-limit", "lots", server.url("notes")]).status == 2)
  }
}
