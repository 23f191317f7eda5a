import Foundation
import GRDB
import NokoriCore
import NokoriSMB
import NokoriScanner
import NokoriTestSupport
import Testing

/// `smb://` roots against a real smbd on loopback serving a copy of Corpus/: the same files,
/// categories and fingerprints as a local scan, and the failures a night's sweep meets.
@Suite(.serialized, .disabled(if: SambaServer.unavailableReason != nil, "\(SambaServer.unavailableReason ?? "")"))
final class SMBScanTests {
  let folder: URL
  let share: URL
  let db: String
  let key: String
  let credentials: String
  let server: SambaServer

  init() throws {
    folder = try TestPaths.temporaryDirectory("nokori-smb")
    share = folder.appendingPathComponent("share")
    try FileManager.default.copyItem(at: TestPaths.corpus, to: share)
    db = folder.appendingPathComponent("store/nokori.db").path
    key = folder.appendingPathComponent("key").path
    credentials = try SambaServer.credentialsFile(in: folder)
    server = try SambaServer(share: share)
  }

  deinit {
    server.stop()
    try? FileManager.default.removeItem(at: folder)
  }

  func nokori(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandRunner.Result {
    try CommandRunner.run(
      arguments, environment: ["NOKORI_KEY_FILE": key, "NOKORI_DB": db].merging(environment) { $1 })
  }

  func jsonLines(_ text: String) throws -> [[String: Any]] {
    try text.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
  }

  /// Everything a report says about a file except where it is, keyed by its path under `root`.
  func scan(_ root: String, settings: SMBSettings = SMBSettings()) async throws -> [String: String] {
    var options = ScanOptions(roots: [root], jobs: 2, minimumConfidence: .low)
    options.smb = settings
    let scanner = Scanner(
      patternSet: try TestPaths.patternSet(), fingerprinter: try TestPaths.fingerprinter(), options: options)
    var summaries: [String: String] = [:]
    try await scanner.run { event in
      guard case .report(let report) = event else { return }
      let findings = report.findings.map { "\($0.category.rawValue) \($0.fingerprint) \($0.location) \($0.masked)" }
      summaries[String(report.path.dropFirst(root.count))] =
        "\(report.outcome) \(report.detail ?? "") \(report.format ?? "") \(report.encoding ?? "") \(report.size ?? -1) "
        + "\(report.sha256 ?? "") \(report.bytesRead) \(report.findingCounts.sorted { $0.key < $1.key }) \(findings.sorted())"
    }
    return summaries
  }

  var logon: SMBSettings {
    SMBSettings(credentials: SMBSettings.Credentials(domain: "NOKORITEST", user: SambaServer.user, password: SambaServer.password))
  }

  @Test func aScanOverSMBFindsExactlyWhatALocalScanOfTheSameFilesFinds() async throws {
    let local = try await scan(share.path, settings: logon)
    let remote = try await scan(server.url(), settings: logon)
    #expect(local.count >= 380)
    #expect(Set(remote.keys) == Set(local.keys))
    for (path, summary) in local.sorted(by: { $0.key < $1.key }) {
      #expect(remote[path] == summary, "\(path)")
    }
    #expect(local.values.contains { $0.contains("jp.my_number") } && local.values.contains { $0.hasPrefix("scanned") && $0.contains(" pdf ") })
  }

  static let reusedNote = "verdict reused from an identical image read earlier"

  @Test func theCommandLineScansAShareWithPDFWorkersAndRecordsURLsWithoutCredentials() throws {
    let localRun = try nokori(["scan", "--quiet", "--format", "jsonl", share.path])
    let url = "smb://NOKORITEST;\(SambaServer.user)@127.0.0.1:\(server.port)/corpus"
    let remoteRun = try nokori(["scan", "--quiet", "--format", "jsonl", "--smb-credentials", credentials, "--jobs", "4", url])
    #expect(remoteRun.status == localRun.status, "\(remoteRun.stderr)")
    func relative(_ lines: [[String: Any]], _ prefix: String) -> [String] {
      lines.map { line in
        var line = line
        line["path"] = (line["path"] as? String).map { String($0.dropFirst(prefix.count)) }
        line["run"] = nil
        // The share holds the same images as the local folder: the second scan takes their
        // OCR verdicts from the store instead of reading them again, and says so.
        if let detail = line["detail"] as? String, detail.hasSuffix(Self.reusedNote) {
          var rest = String(detail.dropLast(Self.reusedNote.count))
          if rest.hasSuffix("; ") { rest.removeLast(2) }
          line["detail"] = rest.isEmpty ? nil : rest
        }
        return String(decoding: (try? JSONSerialization.data(withJSONObject: line, options: .sortedKeys)) ?? Data(), as: UTF8.self)
      }.sorted()
    }
    let localFindings = relative(try jsonLines(localRun.stdout), share.path)
    let remoteFindings = relative(try jsonLines(remoteRun.stdout), server.url())
    #expect(localFindings.count > 100)
    #expect(remoteFindings == localFindings)
    let localFiles = relative(try jsonLines(try nokori(["files", "--run", "1", "--format", "jsonl"]).stdout), share.path)
    let remoteFiles = try jsonLines(try nokori(["files", "--run", "2", "--format", "jsonl"]).stdout)
    #expect(remoteFiles.allSatisfy { ($0["path"] as? String)?.hasPrefix(server.url() + "/") == true }, "display URLs: no user name")
    #expect(relative(remoteFiles, server.url()) == localFiles, "same outcomes, formats, sizes and hashes, PDFs included")
    #expect(remoteFiles.contains { ($0["detail"] as? String)?.hasSuffix(Self.reusedNote) == true }, "images read once")
  }

  @Test func wrongCredentialsAreARecordedGapAndTheOtherRootsStillRun() throws {
    let local = folder.appendingPathComponent("local")
    try FileManager.default.createDirectory(at: local, withIntermediateDirectories: true)
    try Data("個人番号: 123456789018\n".utf8).write(to: local.appendingPathComponent("memo.txt"))
    let wrong = try SambaServer.credentialsFile(in: folder, password: "Wr0ng-pa55word")
    let run = try nokori(["scan", "--format", "jsonl", "--smb-credentials", wrong, server.url(), local.path])
    #expect(run.status == 3, "a share that could not be read is a coverage gap: \(run.stderr)")
    #expect(try jsonLines(run.stdout).count == 1, "the local root was still scanned")
    let files = try jsonLines(try nokori(["files", "--run", "1", "--format", "jsonl", "--outcome", "unreadable"]).stdout)
    #expect(files.count == 1)
    #expect((files.first?["detail"] as? String)?.contains("access denied") == true, "\(files)")
    let store = try Data(contentsOf: URL(fileURLWithPath: db)) + ((try? Data(contentsOf: URL(fileURLWithPath: db + "-wal"))) ?? Data())
    for text in [run.stdout, run.stderr, String(decoding: store, as: UTF8.self)] {
      #expect(!text.contains("Wr0ng-pa55word") && !text.contains(SambaServer.password))
    }
  }

  @Test func credentialsFilesOthersCanReadAndPasswordsInURLsAreRefused() throws {
    let open = try SambaServer.credentialsFile(in: folder, mode: 0o644)
    let refused = try nokori(["scan", server.url()], environment: ["NOKORI_SMB_CREDENTIALS": open])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("chmod 600"), "\(refused.stderr)")
    #expect(!refused.stderr.contains(SambaServer.password))
    let inURL = try nokori(["scan", "smb://\(SambaServer.user):Secr3t-in-url@127.0.0.1:\(server.port)/corpus"])
    #expect(inURL.status == 2)
    #expect(inURL.stderr.contains("credentials file") && !inURL.stderr.contains("Secr3t-in-url"))
  }

  @Test func aVanishedOrUnreachableRootIsRecordedWithExitThree() throws {
    let run = try nokori(
      ["scan", "--quiet", "--smb-credentials", credentials, server.url("no/such/folder"), "smb://127.0.0.1:1/corpus", server.url("text")])
    #expect(run.status == 3 || run.status == 1, "\(run.stderr)")
    let files = try jsonLines(try nokori(["files", "--run", "1", "--format", "jsonl", "--outcome", "unreadable"]).stdout)
    let details = files.compactMap { $0["detail"] as? String }
    #expect(details.contains { $0.contains("no such share or file") }, "\(details)")
    #expect(details.contains { $0.contains("server unreachable") }, "\(details)")
    let all = try jsonLines(try nokori(["files", "--run", "1", "--format", "jsonl"]).stdout)
    #expect(all.contains { $0["outcome"] as? String == "scanned" }, "the reachable root was scanned")
  }

  @Test func aShareDroppingMidScanLeavesRecordedOutcomesAndAConsistentStore() throws {
    let many = share.appendingPathComponent("many")
    let body = Data("お客様対応の記録です。個人番号 123456789018\n".utf8)
    for folderIndex in 0..<20 {
      let sub = many.appendingPathComponent("d\(folderIndex)")
      try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
      for index in 0..<400 { try body.write(to: sub.appendingPathComponent("f\(index).txt")) }
    }
    let process = Process()
    process.executableURL = CommandRunner.binary
    process.arguments = ["scan", "--quiet", "--jobs", "2", "--smb-credentials", credentials, server.url("many")]
    process.environment = ["PATH": "/usr/bin:/bin", "NOKORI_KEY_FILE": key, "NOKORI_DB": db, "HOME": folder.path]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Drop the share once the first batches are in the store.
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline, process.isRunning {
      let size = (try? FileManager.default.attributesOfItem(atPath: db + "-wal")[.size] as? Int) ?? 0
      if size > 256 * 1024 { break }
      Thread.sleep(forTimeInterval: 0.02)
    }
    server.stop()
    // Generous: only catches a hang (each remaining file fails at once: connection refused).
    let stopBy = Date().addingTimeInterval(300)
    while process.isRunning, Date() < stopBy { Thread.sleep(forTimeInterval: 0.1) }
    if process.isRunning { process.terminate() }
    process.waitUntilExit()
    #expect(process.terminationStatus == 3, "the run finishes and reports the gap")
    let runs = try jsonLines(try nokori(["runs", "--format", "jsonl"]).stdout)
    #expect(runs.first?["status"] as? String == "finished")
    let files = try jsonLines(try nokori(["files", "--run", "1", "--format", "jsonl"]).stdout)
    let outcomes = Dictionary(grouping: files, by: { $0["outcome"] as? String ?? "" })
    #expect((outcomes["scanned"]?.count ?? 0) > 0, "files read before the drop are kept")
    #expect((outcomes["unreadable"]?.count ?? 0) > 0, "the drop is recorded: \(outcomes.keys.sorted())")
    #expect(outcomes["unreadable"]?.allSatisfy { ($0["detail"] as? String)?.contains("smb") == true || ($0["detail"] as? String)?.contains("SMB") == true } == true)
    #expect(files.count <= 8000)
    let queue = try DatabaseQueue(path: db)
    let check = try queue.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }
    #expect(check == "ok")
  }
}
