import Foundation
import NokoriCore
import NokoriSMB
import NokoriTestSupport
import NokoriWalk
import SMB
import Testing

/// The lister and the reader against a real smbd on loopback.
@Suite(.serialized, .disabled(if: SambaServer.unavailableReason != nil, "\(SambaServer.unavailableReason ?? "")"))
final class SMBShareTests {
  let folder: URL
  let server: SambaServer

  init() throws {
    folder = try TestPaths.temporaryDirectory("smb-share")
    let tree = folder.appendingPathComponent("share")
    try FileManager.default.createDirectory(
      at: tree.appendingPathComponent("sub/深い"), withIntermediateDirectories: true)
    try Data("one\n".utf8).write(to: tree.appendingPathComponent("a.txt"))
    try Data(repeating: 0x41, count: 3_000_000).write(to: tree.appendingPathComponent("sub/big.bin"))
    try Data("名簿\n".utf8).write(to: tree.appendingPathComponent("sub/深い/名簿 100%.txt"))
    try Data("skip\n".utf8).write(to: tree.appendingPathComponent("sub/skip.tmp"))
    server = try SambaServer(share: tree)
  }

  deinit {
    server.stop()
    try? FileManager.default.removeItem(at: folder)
  }

  func settings(password: String = SambaServer.password) -> SMBSettings {
    SMBSettings(credentials: SMBAuthentication(domain: "NOKORITEST", user: SambaServer.user, password: password))
  }

  func lister(_ settings: SMBSettings, excludes: [String] = []) -> SMBDirectoryLister {
    SMBDirectoryLister(
      walk: WalkOptions(excludes: excludes), pool: SMBContextPool(logon: settings.logon(roots: [server.url()])))
  }

  /// Walks depth-first as the scanner does, one listing at a time.
  func walk(_ lister: SMBDirectoryLister, _ root: String) -> DirectoryLister.Listing {
    var result = lister.root(root)
    var stack = result.subdirectories
    result.subdirectories = []
    while let directory = stack.popLast() {
      let listing = lister.list(directory)
      result.files += listing.files
      result.reports += listing.reports
      result.excluded += listing.excluded
      stack += listing.subdirectories.reversed()
    }
    return result
  }

  @Test func listsTheShareIntoWalkEntriesWithStableIdentities() throws {
    let listing = walk(lister(settings(), excludes: ["*.tmp"]), server.url())
    #expect(listing.reports.isEmpty, "\(listing.reports.map(\.detail))")
    #expect(listing.excluded == 1)
    let prefix = server.url() + "/"
    let byPath = Dictionary(uniqueKeysWithValues: listing.files.map { (String($0.path.dropFirst(prefix.count)), $0) })
    #expect(Set(byPath.keys) == ["a.txt", "sub/big.bin", "sub/深い/名簿 100%.txt"])
    #expect(byPath["sub/big.bin"]?.size == 3_000_000)
    let device = try SMBLocation(parsing: server.url()).device
    #expect(listing.files.allSatisfy { $0.device == device && $0.root == server.url() })
    // The server's file id is the file's inode on the served filesystem (Samba's default).
    let local = try FileManager.default.attributesOfItem(atPath: server.share.appendingPathComponent("a.txt").path)
    #expect(byPath["a.txt"]?.inode == (local[.systemFileNumber] as? UInt64))
    let localTime = (local[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
    #expect(abs((byPath["a.txt"]?.mtime ?? 0) - localTime) < 0.01)
    // A second walk keys the same files the same way (what a sweep's reuse depends on).
    let again = walk(lister(settings(), excludes: ["*.tmp"]), server.url())
    #expect(Set(again.files.map { "\($0.path) \($0.inode) \($0.device) \($0.size) \($0.mtime)" })
      == Set(listing.files.map { "\($0.path) \($0.inode) \($0.device) \($0.size) \($0.mtime)" }))
  }

  @Test func readsFilesIntoMemoryWithTheirContentAndTime() throws {
    let spooler = SMBFileSpooler(settings: settings(), roots: [server.url()])
    let file = try spooler.open(server.url("sub/深い/名簿 100%.txt"), maxFileSize: nil)
    var bytes = [UInt8](repeating: 0, count: 64)
    let count = try bytes.withUnsafeMutableBytes { try file.read(into: $0, at: 0) }
    #expect(Array(bytes[0..<count]) == Array("名簿\n".utf8))
    let big = try spooler.open(server.url("sub/big.bin"), maxFileSize: nil)
    #expect(big.status.st_size == 3_000_000)
    #expect(big.path.hasPrefix("/proc/") && FileManager.default.fileExists(atPath: big.path), "reopenable by path")
    let local = try FileManager.default.attributesOfItem(atPath: server.share.appendingPathComponent("sub/big.bin").path)
    #expect(Double(big.status.st_mtim.tv_sec) == ((local[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0).rounded(.down))
    #expect(throws: SMBFileSpooler.Failure.self) { try spooler.open(server.url("sub/big.bin"), maxFileSize: 1000) }
    do {
      _ = try spooler.open(server.url("gone.txt"), maxFileSize: nil)
      Issue.record("a missing file must not open")
    } catch {
      guard case .smb(let smb) = error else { Issue.record("\(error)"); return }
      #expect(smb.kind == .notFound)
    }
  }

  @Test func wrongPasswordAndMissingShareAreRecordedNotThrown() throws {
    let denied = lister(settings(password: "wrong-password-xyz")).root(server.url())
    #expect(denied.reports.count == 1 && denied.reports.first?.outcome == .unreadable)
    let detail = denied.reports.first?.detail ?? ""
    #expect(detail.contains("access denied"), "\(detail)")
    #expect(!detail.contains("wrong-password-xyz"))
    let missing = lister(settings()).root(server.url("no/such/folder"))
    #expect(missing.reports.first?.outcome == .unreadable)
    #expect(missing.reports.first?.detail?.contains("no such share or file") == true)
    let refused = lister(settings()).root("smb://127.0.0.1:1/corpus")
    #expect(refused.reports.first?.detail?.contains("server unreachable") == true)
  }

  @Test func aShareThatStopsAnsweringFailsAtOnceUntilItIsRetried() throws {
    let settings = settings()
    let spooler = SMBFileSpooler(settings: settings, roots: [server.url()])
    _ = try spooler.open(server.url("a.txt"), maxFileSize: nil)
    server.stop()
    var details: [String] = []
    for _ in 0..<4 {
      do {
        _ = try spooler.open(server.url("a.txt"), maxFileSize: nil)
        Issue.record("the share is gone; the open must fail")
      } catch {
        details.append("\(error)")
      }
    }
    #expect(details.contains { $0.contains("server unreachable") }, "\(details)")
    #expect(details.last?.contains("not retried for 30 s") == true, "later files do not wait for the server: \(details)")
  }
}
