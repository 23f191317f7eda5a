import Foundation
import GRDB
import NokoriTestSupport
import Testing
import ZIPFoundation

/// `nokori confirm`, `report`, `export` and `verify` as a user runs them, on a scanned tree
/// whose files are then deleted, edited, moved and copied.
@Suite(.serialized) struct ConfirmExportTests {
  let folder: URL
  let data: URL
  let elsewhere: URL
  let environment: [String: String]
  static let raw = ["123456789018", "hanako.yamada@example.jp", "taro.sato@example.jp", "090-1234-5678", "jiro@example.jp"]

  init() throws {
    folder = try TestPaths.temporaryDirectory("nokori-confirm")
    data = folder.appendingPathComponent("data")
    elsewhere = folder.appendingPathComponent("elsewhere")
    try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
    environment = [
      "NOKORI_KEY_FILE": folder.appendingPathComponent("fingerprint.key").path,
      "NOKORI_DB": folder.appendingPathComponent("store/nokori.db").path,
      "NOKORI_SIGNING_KEY": folder.appendingPathComponent("signing.key").path,
    ]
  }

  func nokori(_ arguments: [String]) throws -> CommandRunner.Result {
    try CommandRunner.run(arguments, environment: environment)
  }

  func write(_ text: String, _ name: String, in directory: URL? = nil) throws {
    let url = (directory ?? data).appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }

  func path(_ name: String, in directory: URL? = nil) -> String { (directory ?? data).appendingPathComponent(name).path }

  /// Scans five flagged files, then deletes one, cleans one, edits one keeping its data,
  /// moves one and copies one.
  func scanAndChange() throws {
    try write("個人番号: 123456789018\nmail: hanako.yamada@example.jp\n", "deleted.txt")
    try write("電話 090-1234-5678\n", "unchanged.txt")
    try write("mail: taro.sato@example.jp\n", "cleaned.txt")
    try write("mail: jiro@example.jp\n", "edited.txt")
    try write("個人番号: 123456789018\n", "moved.txt")
    try write("nothing here\n", "clean.txt")
    let scan = try nokori(["scan", "--quiet", data.path])
    #expect(scan.status == 0, "\(scan.stderr)")
    try FileManager.default.removeItem(atPath: path("deleted.txt"))
    try write("mail: (removed)\n", "cleaned.txt")
    try write("mail: jiro@example.jp\nnote\n", "edited.txt")
    try FileManager.default.moveItem(atPath: path("moved.txt"), toPath: path("moved.txt", in: elsewhere))
    try FileManager.default.copyItem(atPath: path("unchanged.txt"), toPath: path("copy.txt", in: elsewhere))
  }

  func results(_ output: String) throws -> [[String: Any]] {
    try output.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
  }

  @Test func confirmReportsEachStateAndKeepsHistory() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    try scanAndChange()
    let confirm = try nokori(["confirm", "--run", "1", "--rescan", data.path, elsewhere.path, "--format", "jsonl"])
    #expect(confirm.status == 1, "\(confirm.stderr)")
    let rows = try results(confirm.stdout)
    var byPlace: [String: String] = [:]
    for row in rows {
      let place = (row["new_path"] as? String) ?? (row["path"] as? String) ?? ""
      byPlace[URL(fileURLWithPath: place).lastPathComponent] = row["result"] as? String
    }
    #expect(
      byPlace == [
        "deleted.txt": "deleted", "unchanged.txt": "present-unchanged", "cleaned.txt": "present-changed-clean",
        "edited.txt": "present-changed-still-flagged", "moved.txt": "copy-found", "copy.txt": "copy-found",
      ])
    // The moved file's original path is reported deleted too, and its copy names the original.
    #expect(rows.filter { $0["path"] as? String == path("moved.txt") }.compactMap { $0["result"] as? String }.sorted() == ["copy-found", "deleted"])
    #expect(rows.allSatisfy { $0["session"] as? Int == 1 && $0["host"] is String && $0["user"] is String })

    // Everything gone now: a second confirmation, with its own session, exits 0.
    for name in ["unchanged.txt", "edited.txt"] { try FileManager.default.removeItem(atPath: path(name)) }
    try FileManager.default.removeItem(at: elsewhere)
    let second = try nokori(["confirm", "--run", "1", "--format", "jsonl"])
    #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
    let secondRows = try results(second.stdout)
    #expect(secondRows.allSatisfy { $0["session"] as? Int == 2 })
    #expect(Set(secondRows.compactMap { $0["result"] as? String }) == ["deleted", "present-changed-clean"])
    #expect(second.stderr.contains("confirmation 2"))

    let report = try nokori(["report", "--run", "1", "--format", "json"])
    #expect(report.status == 0)
    let summary = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
    #expect(summary["files_flagged"] as? Int == 5)
    #expect(summary["people_at_most"] as? Int == 1)
    let sessions = try #require(summary["confirmations"] as? [[String: Any]])
    #expect(sessions.compactMap { $0["session"] as? Int } == [1, 2])
    #expect((sessions.last?["counts"] as? [String: Int])?["deleted"] == 4)
    let table = try nokori(["report", "--run", "1"])
    #expect(table.stdout.contains("マイナンバー") && table.stdout.contains("メールアドレス"))
    #expect(table.stdout.contains("Confirmation 2 ("))
  }

  @Test func aNumberLeftWithoutItsKeywordIsStillFlagged() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    try write("個人番号: 123456789018\n", "a.txt")
    try write("個人番号: 123456789018\n", "b.txt")
    #expect(try nokori(["scan", "--quiet", data.path]).status == 0)
    // The keyword removed: the number alone is only low confidence, but it is the same value.
    try write("123456789018\n", "a.txt")
    try write("(deleted)\n", "b.txt")
    // A copy elsewhere without the keyword is still the same person.
    try write("ref 123456789018\n", "copy.txt", in: elsewhere)
    let confirm = try nokori(["confirm", "--run", "1", "--rescan", elsewhere.path, "--format", "jsonl"])
    #expect(confirm.status == 1)
    let rows = try results(confirm.stdout)
    let byName = Dictionary(
      rows.map { (URL(fileURLWithPath: ($0["new_path"] as? String) ?? ($0["path"] as? String) ?? "").lastPathComponent, $0["result"] as? String ?? "") },
      uniquingKeysWith: { first, _ in first })
    #expect(byName == ["a.txt": "present-changed-still-flagged", "b.txt": "present-changed-clean", "copy.txt": "copy-found"])
  }

  @Test func filesOfAnUnmountedShareAreNotCountedAsDeleted() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    // A "share" on another filesystem (tmpfs), later replaced by a folder on this one, as a
    // mount point is when the share is unmounted.
    let share = URL(fileURLWithPath: "/dev/shm").appendingPathComponent("nokori-share-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: share) }
    try FileManager.default.createDirectory(at: share.appendingPathComponent("data"), withIntermediateDirectories: true)
    func device(_ url: URL) throws -> Int {
      try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.systemNumber] as? Int)
    }
    guard try device(share) != device(folder) else {
      print("skipped: /dev/shm is on the same filesystem as \(folder.path) here; cannot stand in for a share")
      return
    }
    try write("個人番号: 123456789018\n", "a.txt", in: share.appendingPathComponent("data"))
    try write("個人番号: 123456789018\n", "gone.txt")
    #expect(try nokori(["scan", "--quiet", share.appendingPathComponent("data").path, data.path]).status == 0)
    try FileManager.default.removeItem(at: share.appendingPathComponent("data"))
    try FileManager.default.createSymbolicLink(at: share.appendingPathComponent("data"), withDestinationURL: elsewhere)
    try FileManager.default.removeItem(atPath: path("gone.txt"))

    let confirm = try nokori(["confirm", "--run", "1", "--format", "jsonl"])
    let rows = try results(confirm.stdout)
    let byName = Dictionary(
      rows.map { (URL(fileURLWithPath: $0["path"] as? String ?? "").lastPathComponent, $0) }, uniquingKeysWith: { a, _ in a })
    #expect(byName["gone.txt"]?["result"] as? String == "deleted")
    #expect(byName["a.txt"]?["result"] as? String == "unreadable")
    #expect((byName["a.txt"]?["detail"] as? String)?.contains("another filesystem") == true)
    #expect(confirm.status == 3, "nothing still there, but one path could not be checked")
  }

  @Test func exportIsDeterministicAndVerifyNamesWhatWasAltered() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    try scanAndChange()
    _ = try nokori(["confirm", "--run", "1"])
    let one = path("one.zip", in: folder)
    let two = path("two.zip", in: folder)
    #expect(try nokori(["export", "--run", "1", "--out", one]).status == 0)
    #expect(try nokori(["export", "--run", "1", "--out", two]).status == 0)
    #expect(try memberHashes(one) == memberHashes(two))

    let verified = try nokori(["verify", one])
    #expect(verified.status == 0, "\(verified.stdout)")
    #expect(verified.stdout.contains("OK: 8 members match MANIFEST"))  // 7 + acceptances.jsonl

    // Not overwritten without --force.
    let before = try Data(contentsOf: URL(fileURLWithPath: one))
    let again = try nokori(["export", "--run", "1", "--out", one])
    #expect(again.status == 2 && again.stderr.contains("--force"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: one)) == before)
    #expect(try nokori(["export", "--run", "1", "--out", one, "--force"]).status == 0)

    // One byte changed inside a member's data.
    var bytes = [UInt8](before)
    bytes[30 + "run.json".utf8.count + 20] ^= 0x01
    let flipped = path("flipped.zip", in: folder)
    try Data(bytes).write(to: URL(fileURLWithPath: flipped))
    let damaged = try nokori(["verify", flipped])
    #expect(damaged.status == 1)
    #expect(damaged.stdout.contains("ALTERED: member run.json"))

    // A member added.
    let added = path("added.zip", in: folder)
    try FileManager.default.copyItem(atPath: one, toPath: added)
    let archive = try Archive(url: URL(fileURLWithPath: added), accessMode: .update)
    let planted = Data("planted".utf8)
    try archive.addEntry(with: "extra.txt", type: .file, uncompressedSize: Int64(planted.count)) { position, size in
      planted.subdata(in: Int(position)..<Int(position) + size)
    }
    let withExtra = try nokori(["verify", added])
    #expect(withExtra.status == 1)
    #expect(withExtra.stdout.contains("member added: extra.txt"))

    // A member removed.
    let removed = path("removed.zip", in: folder)
    try FileManager.default.copyItem(atPath: one, toPath: removed)
    let shrunk = try Archive(url: URL(fileURLWithPath: removed), accessMode: .update)
    if let entry = shrunk["findings.jsonl"] { try shrunk.remove(entry) }
    let missing = try nokori(["verify", removed])
    #expect(missing.status == 1)
    #expect(missing.stdout.contains("member removed: findings.jsonl"))

    // The wrong key.
    let otherKey = path("other.key", in: folder)
    #expect(try CommandRunner.run(["export", "--run", "1", "--out", path("other.zip", in: folder)], environment: environment.merging(["NOKORI_SIGNING_KEY": otherKey]) { $1 }).status == 0)
    let otherPublic = path("other.pub", in: folder)
    try Data(try member("signing-key.pub", of: path("other.zip", in: folder))).write(to: URL(fileURLWithPath: otherPublic))
    let wrongKey = try nokori(["verify", one, "--public-key", otherPublic])
    #expect(wrongKey.status == 1)
    #expect(wrongKey.stdout.contains("signed by a different key"))
    let bundleOnly = try nokori(["verify", one, "--signing-key", path("absent.key", in: folder)])
    #expect(bundleOnly.status == 0)
    #expect(bundleOnly.stdout.contains("not who signed it"))
  }

  @Test func noRawValueInOutputsOrBundle() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    try scanAndChange()
    var outputs: [String] = []
    for arguments in [
      ["confirm", "--run", "1", "--rescan", data.path, elsewhere.path], ["confirm", "--run", "1", "--format", "jsonl"],
      ["report", "--run", "1"], ["report", "--run", "1", "--format", "json"],
    ] {
      let result = try nokori(arguments)
      outputs += [result.stdout, result.stderr]
    }
    let bundle = path("b.zip", in: folder)
    #expect(try nokori(["export", "--run", "1", "--out", bundle]).status == 0)
    let archive = try Archive(url: URL(fileURLWithPath: bundle), accessMode: .read)
    for entry in archive { outputs.append(String(decoding: try member(entry.path, of: bundle), as: UTF8.self)) }
    for value in Self.raw {
      #expect(!outputs.contains { $0.contains(value) }, "raw value \(value) leaked")
    }
  }

  @Test func knownIDsCountKnownCustomersExactlyAndKeepNoRawValue() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    try write("個人番号: 123456789018\n", "a.txt")
    try write("個人番号: 555555555557\n", "b.txt")
    // The firm's list: one customer found in the scan, one not (100000000001 fails the check digit).
    let list = folder.appendingPathComponent("customers.csv")
    try Data("個人番号,氏名\n123456789018,x\n987654321018,y\n100000000001,z\n".utf8).write(to: list)
    let scan = try nokori(["scan", "--quiet", "--known-ids", list.path, data.path])
    #expect(scan.status == 0, "\(scan.stderr)")
    let report = try nokori(["report", "--run", "1", "--format", "json"])
    let summary = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
    #expect(summary["known_identifiers_listed"] as? Int == 2)
    #expect(summary["known_customers_exposed"] as? Int == 1)
    #expect(summary["people_at_most"] as? Int == 2)
    let bundle = path("b.zip", in: folder)
    #expect(try nokori(["export", "--run", "1", "--out", bundle]).status == 0)
    let findings = try results(String(decoding: try member("findings.jsonl", of: bundle), as: UTF8.self))
    #expect(findings.compactMap { $0["known_customer"] as? Bool }.sorted { !$0 && $1 } == [false, true])
    let store = try Data(contentsOf: URL(fileURLWithPath: environment["NOKORI_DB"] ?? ""))
    #expect(store.range(of: Data("987654321018".utf8)) == nil)

    let missing = try nokori(["scan", "--known-ids", path("absent.csv", in: folder), data.path])
    #expect(missing.status == 2 && missing.stderr.contains("known-ids"))
  }

  @Test func badRunsAndNewerStoresAreUsageErrors() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    try write("mail: hanako.yamada@example.jp\n", "a.txt")
    #expect(try nokori(["scan", "--quiet", data.path]).status == 0)
    for command in [["confirm"], ["report"], ["export", "--out", path("x.zip", in: folder)]] {
      let result = try nokori(command + ["--run", "99"])
      #expect(result.status == 2, "\(command)")
      #expect(result.stderr.contains("no run 99"), "\(result.stderr)")
    }
    #expect(!FileManager.default.fileExists(atPath: path("x.zip", in: folder)))
    let otherKey = try CommandRunner.run(
      ["confirm", "--run", "1"], environment: environment.merging(["NOKORI_KEY_FILE": path("other.key", in: folder)]) { $1 })
    #expect(otherKey.status == 2 && otherKey.stderr.contains("not the one run 1 used"), "\(otherKey.stderr)")
    let notZip = path("not.zip", in: folder)
    try Data("not a zip".utf8).write(to: URL(fileURLWithPath: notZip))
    #expect(try nokori(["verify", notZip]).status == 1)
    #expect(try nokori(["verify", path("absent.zip", in: folder)]).status == 2)

    let queue = try DatabaseQueue(path: environment["NOKORI_DB"] ?? "")
    try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9: future')") }
    try queue.close()
    for command in [["confirm", "--run", "1"], ["report", "--run", "1"], ["runs"]] {
      let result = try nokori(command)
      #expect(result.status == 2)
      #expect(result.stderr.contains("newer Nokori"), "\(result.stderr)")
    }
  }

  /// Fails when chromium is missing (scripts/install-deps.sh installs it); skipped, with
  /// this reason, only when NOKORI_SKIP_BROWSER_TESTS=1.
  @Test(
    .disabled(
      if: ProcessInfo.processInfo.environment["NOKORI_SKIP_BROWSER_TESTS"] == "1",
      "NOKORI_SKIP_BROWSER_TESTS=1: the HTML report is not loaded in a browser"))
  func theHTMLReportShowsTheNumbersInABrowser() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    try scanAndChange()
    _ = try nokori(["confirm", "--run", "1"])
    let bundle = path("b.zip", in: folder)
    #expect(try nokori(["export", "--run", "1", "--out", bundle]).status == 0)
    // Opened from the unzipped folder, as an investigator would.
    let unzipped = folder.appendingPathComponent("unzipped")
    try FileManager.default.createDirectory(at: unzipped, withIntermediateDirectories: true)
    let html = unzipped.appendingPathComponent("report.html")
    try member("report.html", of: bundle).write(to: html)

    let browser = try #require(
      ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) },
      "chromium is not installed (scripts/install-deps.sh installs it; NOKORI_SKIP_BROWSER_TESTS=1 skips this test)")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: browser)
    process.arguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(folder.appendingPathComponent("chromium").path)",
      "--dump-dom", html.absoluteString,
    ]
    process.environment = ["HOME": folder.path, "PATH": "/usr/bin:/bin"]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    // A browser that hangs must fail the test, not stall the suite.
    DispatchQueue.global().asyncAfter(deadline: .now() + 90) { if process.isRunning { process.terminate() } }
    let dom = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    // Chromium adds <tbody> to every table: proof the page was parsed, not just echoed.
    #expect(dom.contains("<tbody>"))
    #expect(dom.contains("<b id=\"files-flagged\">5</b>"))
    #expect(dom.contains("<b id=\"people\">1</b>"))
    for text in ["マイナンバー", "メールアドレス", "電話番号", "My Number", "<svg id=\"chart-categories\"", "<svg id=\"chart-folders\""] {
      #expect(dom.contains(text), "\(text)")
    }
    #expect(dom.contains(data.path))
    #expect(!dom.contains("http://") && !dom.contains("https://"))
  }

  func member(_ name: String, of bundle: String) throws -> Data {
    let archive = try Archive(url: URL(fileURLWithPath: bundle), accessMode: .read)
    let entry = try #require(archive[name])
    var data = Data()
    _ = try archive.extract(entry) { data.append($0) }
    return data
  }

  func memberHashes(_ bundle: String) throws -> String {
    String(decoding: try member("MANIFEST", of: bundle), as: UTF8.self)
  }
}
