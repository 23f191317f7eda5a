import Foundation
import NokoriTestSupport
import Testing

/// The `nokori` binary as a user runs it: outputs, exit codes, and no raw value anywhere.
@Suite(.serialized) final class CommandLineTests {
  let folder: URL
  let db: String
  let key: String

  init() throws {
    folder = try TestPaths.temporaryDirectory("nokori-cli")
    db = folder.appendingPathComponent("store/nokori.db").path
    key = folder.appendingPathComponent("key").path
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  func nokori(_ arguments: [String]) throws -> CommandRunner.Result {
    try CommandRunner.run(arguments, environment: ["NOKORI_KEY_FILE": key, "NOKORI_DB": db])
  }

  func write(_ text: String, to name: String, in directory: URL? = nil) throws -> URL {
    let url = (directory ?? folder).appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
    return url
  }

  func jsonLines(_ text: String) throws -> [[String: Any]] {
    try text.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
  }

  @Test func aShareWithoutLibsmbclientIsAnUnreadableRootAndLocalRootsAreStillScanned() throws {
    let data = folder.appendingPathComponent("local")
    _ = try write("個人番号: 123456789018\n", to: "a.txt", in: data)
    let scan = try CommandRunner.run(
      ["scan", "--format", "jsonl", "smb://127.0.0.1:1/share/dir", data.path],
      environment: [
        "NOKORI_KEY_FILE": key, "NOKORI_DB": db, "NOKORI_SMBCLIENT_LIBRARY": folder.appendingPathComponent("none.so").path,
      ])
    #expect(scan.status == 3, "\(scan.stderr)")
    #expect(try jsonLines(scan.stdout).compactMap { $0["category"] as? String } == ["jp.my_number"])
    let files = try jsonLines(try nokori(["files", "--run", "1", "--outcome", "unreadable", "--format", "jsonl"]).stdout)
    #expect(files.count == 1)
    #expect((files.first?["path"] as? String)?.hasPrefix("smb://127.0.0.1:1/share") == true)
    let detail = files.first?["detail"] as? String ?? ""
    #expect(detail.contains("libsmbclient could not be loaded") && detail.contains("install libsmbclient"), "\(detail)")
  }

  @Test func scanPrintsJSONLWithStableKeysAndStoresTheRun() throws {
    let data = folder.appendingPathComponent("data")
    _ = try write("個人番号: 123456789018\nmail: hanako.yamada@example.jp\n", to: "a.txt", in: data)
    _ = try write("nothing to see\n", to: "b.txt", in: data)
    let scan = try nokori(["scan", "--format", "jsonl", data.path])
    #expect(scan.status == 0, "\(scan.stderr)")
    let rows = try jsonLines(scan.stdout)
    #expect(rows.count == 2)
    for row in rows {
      #expect(Set(row.keys) == ["path", "category", "confidence", "location", "masked", "fingerprint", "detector", "run"])
    }
    #expect(Set(rows.compactMap { $0["category"] as? String }) == ["jp.my_number", "pii.email"])
    #expect(scan.stderr.contains("Run 1:"))

    let runs = try jsonLines(try nokori(["runs", "--format", "jsonl"]).stdout)
    #expect(runs.count == 1)
    #expect(runs.first?["id"] as? Int == 1)
    #expect(runs.first?["files_flagged"] as? Int == 1)

    let files = try jsonLines(try nokori(["files", "--run", "1", "--format", "jsonl"]).stdout)
    #expect(files.count == 2)
    #expect(files.allSatisfy { $0["path"] is String && $0["outcome"] as? String == "scanned" })

    let stored = try jsonLines(try nokori(["findings", "--run", "1", "--format", "jsonl"]).stdout)
    #expect(stored.count == 2)
    #expect(stored.compactMap { $0["fingerprint"] as? String } == rows.compactMap { $0["fingerprint"] as? String })

    let attributes = try FileManager.default.attributesOfItem(atPath: db)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    let keyAttributes = try FileManager.default.attributesOfItem(atPath: key)
    #expect((keyAttributes[.posixPermissions] as? Int) == 0o600)
  }

  @Test func noRawValueLeavesTheProcess() throws {
    let raw = ["123456789018", "hanako.yamada@example.jp", "090-1234-5678", "4111 1111 1111 1111", "3530111333300000"]
    let data = folder.appendingPathComponent("raw")
    _ = try write(
      "個人番号: 123456789018\nメール hanako.yamada@example.jp\n電話 090-1234-5678\n"
        + "カード番号 4111 1111 1111 1111\ncard 3530111333300000\n", to: "customer.txt", in: data)
    var outputs: [String] = []
    for format in ["table", "jsonl", "csv"] {
      let result = try nokori(["scan", "--format", format, "--min-confidence", "low", data.path])
      #expect(result.status == 0)
      outputs += [result.stdout, result.stderr]
    }
    let explained = try nokori(["patterns", "test", data.appendingPathComponent("customer.txt").path])
    outputs += [explained.stdout, explained.stderr]
    #expect(explained.stdout.contains("HIT"))
    for format in ["table", "jsonl", "csv"] {
      outputs.append(try nokori(["findings", "--run", "1", "--format", format]).stdout)
    }
    var stored = Data()
    for suffix in ["", "-wal"] {
      stored.append((try? Data(contentsOf: URL(fileURLWithPath: db + suffix))) ?? Data())
    }
    outputs.append(String(decoding: stored, as: UTF8.self))
    for value in raw {
      for output in outputs {
        #expect(!output.contains(value), "a raw value reached an output")
      }
    }
    #expect(outputs[0].contains("********9018"))
  }

  /// libsmbclient and its hundred Samba libraries are loaded only when a share is reached
  /// (`dlopen` in the SMB target): linking them cost every process ~70 ms of start-up.
  @Test func theBinaryDoesNotLinkLibsmbclient() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
    process.arguments = [CommandRunner.binary.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(output.contains("libhs"), "ldd listed the binary's libraries")
    #expect(!output.contains("libsmbclient"))
  }

  @Test func missingPathIsAOneLineUsageError() throws {
    let result = try nokori(["scan", folder.appendingPathComponent("does-not-exist").path])
    #expect(result.status == 2)
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(result.stderr.contains("No such file or directory"))
  }

  @Test func badOptionIsExitTwo() throws {
    #expect(try nokori(["scan", "--min-confidence", "extreme", folder.path]).status == 2)
    #expect(try nokori(["files", "--run", "1", "--outcome", "nonsense"]).status == 2)
  }

  @Test func failOnMakesFindingsExitOne() throws {
    let data = folder.appendingPathComponent("fail")
    _ = try write("個人番号: 123456789018\n", to: "a.txt", in: data)
    #expect(try nokori(["scan", "--quiet", "--fail-on", "high", data.path]).status == 1)
    #expect(try nokori(["scan", "--quiet", data.path]).status == 0)
  }

  @Test func unreadableFormatsMakeExitThreeAndAreListed() throws {
    let data = folder.appendingPathComponent("gaps")
    _ = try write("%PDF-1.7\n1 0 obj\n", to: "scan.pdf", in: data)
    _ = try write(String(repeating: "x", count: 5000), to: "big.txt", in: data)
    _ = try write("ok\n", to: "small.txt", in: data)
    let result = try nokori(["scan", "--max-file-size", "4K", data.path])
    #expect(result.status == 3)
    let files = try jsonLines(try nokori(["files", "--run", "1", "--format", "jsonl"]).stdout)
    let outcomes = Dictionary(uniqueKeysWithValues: files.map { (($0["path"] as? String) ?? "", ($0["outcome"] as? String) ?? "") })
    // A PDF fragment poppler cannot open.
    #expect(outcomes[data.appendingPathComponent("scan.pdf").path] == "malformed")
    #expect(outcomes[data.appendingPathComponent("big.txt").path] == "too-large")
    #expect(outcomes[data.appendingPathComponent("small.txt").path] == "scanned")
    let gaps = try jsonLines(try nokori(["files", "--run", "1", "--outcome", "too-large", "--format", "jsonl"]).stdout)
    #expect(gaps.count == 1)
  }

  @Test func specialFilesAndLinkLoopsAreRecordedAndTheScanFinishes() throws {
    let data = folder.appendingPathComponent("special")
    _ = try write("mail a@example.com\n", to: "keep.txt", in: data)
    #expect(mkfifo(data.appendingPathComponent("pipe").path, 0o600) == 0)
    try FileManager.default.createSymbolicLink(
      atPath: data.appendingPathComponent("loop").path, withDestinationPath: data.path)
    let plain = try nokori(["scan", "--quiet", "--format", "jsonl", data.path])
    #expect(plain.status == 0)
    #expect(try jsonLines(plain.stdout).count == 1)
    let followed = try nokori(["scan", "--quiet", "--follow-links", data.path])
    #expect(followed.status == 0)
    let files = try jsonLines(try nokori(["files", "--run", "1", "--format", "jsonl"]).stdout)
    let byName = Dictionary(uniqueKeysWithValues: files.map { ((($0["path"] as? String) ?? "").split(separator: "/").last.map(String.init) ?? "", ($0["outcome"] as? String) ?? "") })
    #expect(byName["pipe"] == "special-file")
    #expect(byName["loop"] == "symlink")
    let loopRun = try jsonLines(try nokori(["files", "--run", "2", "--format", "jsonl"]).stdout)
    #expect(loopRun.contains { ($0["outcome"] as? String) == "link-loop" })
  }

  @Test func hardLinksAreScannedOnceAndRecordedAsDuplicates() throws {
    let data = folder.appendingPathComponent("links")
    let original = try write("個人番号: 123456789018\n", to: "a.txt", in: data)
    try FileManager.default.linkItem(at: original, to: data.appendingPathComponent("b.txt"))
    let scan = try nokori(["scan", "--quiet", "--format", "jsonl", data.path])
    #expect(scan.status == 0)
    #expect(try jsonLines(scan.stdout).count == 1, "the second name of the same file is not scanned again")
    let files = try jsonLines(try nokori(["files", "--run", "1", "--format", "jsonl"]).stdout)
    #expect(files.compactMap { $0["outcome"] as? String }.sorted() == ["duplicate", "scanned"])
  }

  @Test func sigtermStopsCleanlyAndMarksTheRunInterrupted() throws {
    let data = folder.appendingPathComponent("many")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    let body = Data(String(repeating: "お客様対応の記録です。個人番号 123456789018\n", count: 40).utf8)
    for index in 0..<20_000 {
      try body.write(to: data.appendingPathComponent("f\(index).txt"))
    }
    let process = Process()
    process.executableURL = CommandRunner.binary
    process.arguments = ["scan", "--quiet", "--db", db, "--key-file", key, data.path]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Signal once the first batches are in the store (start-up time varies with the machine's load).
    let deadline = Date().addingTimeInterval(20)
    while Date() < deadline, process.isRunning {
      let size = (try? FileManager.default.attributesOfItem(atPath: db + "-wal")[.size] as? Int) ?? 0
      if size > 512 * 1024 { break }
      Thread.sleep(forTimeInterval: 0.02)
    }
    process.terminate()
    process.waitUntilExit()
    #expect(process.terminationStatus == 130, "the 20,000-file scan finished before the signal; SIGTERM must stop it")
    let runs = try jsonLines(try nokori(["runs", "--format", "jsonl"]).stdout)
    #expect(runs.first?["status"] as? String == "interrupted")
    let files = try jsonLines(try nokori(["files", "--run", "1", "--format", "jsonl"]).stdout)
    #expect(!files.isEmpty && files.count < 20_000, "what was scanned before the signal is in the store")
  }

  @Test func versionAndHelp() throws {
    #expect(try nokori(["--version"]).stdout.hasPrefix("0.1.0"))
    let help = try nokori(["--help"])
    #expect(help.status == 0)
    #expect(help.stdout.contains("Examples:"))
    let list = try nokori(["patterns", "list"])
    #expect(list.stdout.contains("jp.my_number"))
  }
}
