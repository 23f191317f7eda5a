import Foundation
import GRDB
import NokoriTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// What makes a sweep safe to schedule: one at a time, a SIGKILL leaves a consistent store
/// and the next sweep resumes, a vanished root is recorded, a full disk is a clear error.
@Suite(.serialized) struct SweepScheduleTests {
  @Test func aSecondSweepExitsAtOnceWhileTheLockIsHeld() throws {
    let fixture = try SweepFixture("nokori-sweep-lock")
    try fixture.write("nothing here\n", to: "a.txt")
    try FileManager.default.createDirectory(
      atPath: URL(fileURLWithPath: fixture.db).deletingLastPathComponent().path, withIntermediateDirectories: true)
    // flock locks belong to an open file: this one conflicts with the sweep's own open.
    let fd = open(fixture.db + ".lock", O_RDWR | O_CREAT, 0o600)
    #expect(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
    let result = try fixture.sweep()
    #expect(result.status == 75, "\(result.stderr)")
    #expect(result.stderr.contains("another sweep is still running"))
    #expect(result.stderr.contains("event=sweep.locked"))
    close(fd)
    #expect(try fixture.sweep().status == 0, "the lock is free again once its holder lets go")
  }

  @Test func aSweepKilledMidRunIsResumedByTheNext() throws {
    let fixture = try SweepFixture("nokori-sweep-kill")
    let total = 12_000
    let process = try Self.startSweep(fixture, files: total, stopAfterStoreBytes: 1024 * 1024)
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal, "the 12,000-file sweep finished before SIGKILL")

    let queue = try DatabaseQueue(path: fixture.db)
    let (integrity, recorded) = try queue.read { db in
      (try String.fetchOne(db, sql: "PRAGMA integrity_check"),
       try Int.fetchOne(db, sql: "SELECT count(*) FROM files WHERE run_id = 1") ?? 0)
    }
    try queue.close()
    #expect(integrity == "ok")
    #expect(recorded > 0 && recorded < total, "part of the tree was recorded before the kill")

    let resumed = try fixture.sweep()
    #expect(resumed.status == 1, "\(resumed.stderr)")
    let files = try fixture.files(run: 2)
    #expect(files.count == total, "the resumed sweep covers the whole tree")
    let read = files.filter { $0["reused"] as? Bool != true }.count
    #expect(read < total, "files recorded by the killed sweep are not read again")
    #expect(read <= total - recorded)
    let runs = try SweepFixture.jsonLines(try fixture.nokori(["runs", "--format", "jsonl"]).stdout)
    #expect(runs.first { $0["id"] as? Int == 1 }?["status"] as? String == "killed")
    #expect(runs.first { $0["id"] as? Int == 2 }?["status"] as? String == "finished")
    let findings = try SweepFixture.jsonLines(try fixture.nokori(["findings", "--run", "2", "--format", "jsonl"]).stdout)
    #expect(findings.count == total, "one finding per file, carried or read")
  }

  @Test func sigtermStopsCleanlyAndTheNextSweepResumes() throws {
    let fixture = try SweepFixture("nokori-sweep-term")
    let total = 8_000
    let process = try Self.startSweep(fixture, files: total, stopAfterStoreBytes: 512 * 1024)
    process.terminate()
    process.waitUntilExit()
    #expect(process.terminationStatus == 130, "the 8,000-file sweep finished before SIGTERM")
    let runs = try SweepFixture.jsonLines(try fixture.nokori(["runs", "--format", "jsonl"]).stdout)
    #expect(runs.first?["status"] as? String == "interrupted")
    let recorded = try fixture.files(run: 1).count
    #expect(recorded > 0 && recorded < total, "what was swept before the signal is in the store")

    #expect(try fixture.sweep().status == 1)
    let files = try fixture.files(run: 2)
    #expect(files.count == total)
    #expect(files.filter { $0["reused"] as? Bool == true }.count == recorded, "every file of the stopped sweep carried over")
  }

  @Test func aVanishedRootIsRecordedAndTheOthersAreSwept() throws {
    let fixture = try SweepFixture("nokori-sweep-vanished")
    try fixture.write("個人番号: 123456789018\n", to: "a.txt")
    let gone = fixture.folder.appendingPathComponent("unmounted-share").path
    try """
      roots:
        - \(gone)
        - \(fixture.data.path)
      store: \(fixture.db)
      key_file: \(fixture.key)
      """.write(to: fixture.config, atomically: true, encoding: .utf8)
    let result = try fixture.sweep()
    #expect(result.status == 1, "the finding in the reachable root still counts: \(result.stderr)")
    #expect(result.stderr.contains("event=root.unreachable"))
    let files = try fixture.files(run: 1)
    let root = try #require(files.first { $0["path"] as? String == gone })
    #expect(root["outcome"] as? String == "unreadable")
    #expect((root["detail"] as? String)?.contains("root not reachable") == true)
    #expect(files.contains { ($0["path"] as? String)?.hasSuffix("a.txt") == true })

    try FileManager.default.removeItem(atPath: fixture.data.appendingPathComponent("a.txt").path)
    #expect(try fixture.sweep().status == 3, "no violation left, but a root could not be reached")
  }

  @Test func logsAreOneLineKeyValuesOrJSONWithoutRawValues() throws {
    let fixture = try SweepFixture("nokori-sweep-log")
    try fixture.write("個人番号: 123456789018\nmail hanako.yamada@example.jp\n", to: "a.txt")
    let text = try fixture.sweep()
    let json = try fixture.sweep(["--log-format", "json"])
    for line in json.stderr.split(separator: "\n") {
      #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "\(line)")
    }
    #expect(text.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("level=") })
    for output in [text.stdout, text.stderr, json.stdout, json.stderr] {
      #expect(!output.contains("123456789018") && !output.contains("hanako.yamada"))
    }
    let newFindings = String(decoding: try Data(contentsOf: fixture.newFindings), as: UTF8.self)
    #expect(!newFindings.contains("123456789018"))
  }

  /// Writes `files` files of one finding each, starts a sweep of them in the background and
  /// returns once the store's WAL holds `stopAfterStoreBytes` (the first batches are in: the
  /// start-up time varies with the machine's load), or the sweep ended.
  static func startSweep(_ fixture: SweepFixture, files: Int, stopAfterStoreBytes: Int) throws -> Process {
    let body = Data((String(repeating: "お客様対応の記録です。特記事項なし。\n", count: 40) + "個人番号 123456789018\n").utf8)
    for index in 0..<files {
      let folder = fixture.data.appendingPathComponent("d\(index / 1000)")
      if index % 1000 == 0 { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
      try body.write(to: folder.appendingPathComponent("f\(index).txt"))
    }
    try fixture.writeConfig("jobs: 2")
    let process = Process()
    process.executableURL = CommandRunner.binary
    process.arguments = ["sweep", "--config", fixture.config.path]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline, process.isRunning {
      let size = (try? FileManager.default.attributesOfItem(atPath: fixture.db + "-wal")[.size] as? Int) ?? 0
      if size > stopAfterStoreBytes { break }
      Thread.sleep(forTimeInterval: 0.02)
    }
    return process
  }

  static let canMountTmpfs: Bool = {
    let probe = FileManager.default.temporaryDirectory.appendingPathComponent("nokori-tmpfs-probe-\(getpid())")
    try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: probe) }
    let mount = Process()
    mount.executableURL = URL(fileURLWithPath: "/bin/mount")
    mount.arguments = ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe.path]
    mount.standardError = FileHandle.nullDevice
    guard (try? mount.run()) != nil else { return false }
    mount.waitUntilExit()
    guard mount.terminationStatus == 0 else { return false }
    let unmount = Process()
    unmount.executableURL = URL(fileURLWithPath: "/bin/umount")
    unmount.arguments = [probe.path]
    try? unmount.run()
    unmount.waitUntilExit()
    return true
  }()

  @Test(.disabled(if: !canMountTmpfs, "mounting a tmpfs is not permitted here (needs root or CAP_SYS_ADMIN)"))
  func aStoreOnAFullDiskIsAClearErrorAndStaysConsistent() throws {
    let fixture = try SweepFixture("nokori-sweep-full")
    let small = fixture.folder.appendingPathComponent("small-disk")
    try FileManager.default.createDirectory(at: small, withIntermediateDirectories: true)
    let mount = Process()
    mount.executableURL = URL(fileURLWithPath: "/bin/mount")
    mount.arguments = ["-t", "tmpfs", "-o", "size=400k", "tmpfs", small.path]
    try mount.run()
    mount.waitUntilExit()
    defer {
      let unmount = Process()
      unmount.executableURL = URL(fileURLWithPath: "/bin/umount")
      unmount.arguments = [small.path]
      try? unmount.run()
      unmount.waitUntilExit()
    }
    for index in 0..<3000 {
      try fixture.write("お客様 \(index) 個人番号 123456789018 mail user\(index)@example.jp\n", to: "d/f\(index).txt")
    }
    let db = small.appendingPathComponent("nokori.db").path
    try """
      roots:
        - \(fixture.data.path)
      store: \(db)
      key_file: \(fixture.key)
      """.write(to: fixture.config, atomically: true, encoding: .utf8)
    let result = try fixture.sweep()
    #expect(result.status == 2, "a store that cannot be written is an error, not a clean run: \(result.stderr)")
    #expect(result.stderr.contains("full") || result.stderr.contains("disk"), "\(result.stderr)")
    let queue = try DatabaseQueue(path: db)
    let integrity = try queue.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }
    #expect(integrity == "ok")
  }
}
