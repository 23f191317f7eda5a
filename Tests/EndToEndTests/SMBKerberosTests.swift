import Foundation
import NokoriTestSupport
import Testing

/// `smb://` roots logged on with a Kerberos ticket and no credentials file: a real Samba AD DC
/// on loopback (KDC and file server, realm NOKORI.TEST), `kinit` into a private credential
/// cache, and the real binary told only `KRB5_CONFIG` and `KRB5CCNAME`.
@Suite(
  .serialized,
  .disabled(if: SambaDomainController.unavailableReason != nil, "\(SambaDomainController.unavailableReason ?? "")"),
  KerberosDomain())
final class SMBKerberosTests {
  let fixture: KerberosFixture
  /// This test's store, key and credential caches (the DC and the share are the suite's).
  let folder: URL
  let db: String
  let key: String

  init() throws {
    fixture = try KerberosFixture.forThisTest()
    folder = try TestPaths.temporaryDirectory("nokori-krb")
    db = folder.appendingPathComponent("store/nokori.db").path
    key = folder.appendingPathComponent("key").path
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  var dc: SambaDomainController { fixture.dc }

  /// `nokori …` with no credentials file and `ccache` (a path) as the only way to log on.
  func nokori(_ arguments: [String], ccache: String? = nil) throws -> CommandRunner.Result {
    var environment = ["NOKORI_KEY_FILE": key, "NOKORI_DB": db, "HOME": folder.path, "KRB5_CONFIG": dc.krb5Config]
    if let ccache { environment["KRB5CCNAME"] = "FILE:\(ccache)" }
    return try CommandRunner.run(arguments, environment: environment)
  }

  func jsonLines(_ text: String) throws -> [[String: Any]] {
    try text.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
  }

  /// JSON lines with `path` made relative to `prefix` and the run id dropped, sorted.
  func relative(_ lines: [[String: Any]], _ prefix: String) -> [String] {
    lines.map { line in
      var line = line
      line["path"] = (line["path"] as? String).map { String($0.dropFirst(prefix.count)) }
      line["run"] = nil
      return String(decoding: (try? JSONSerialization.data(withJSONObject: line, options: .sortedKeys)) ?? Data(), as: UTF8.self)
    }.sorted()
  }

  func ticket() throws -> String {
    let ccache = folder.appendingPathComponent("krb5cc-\(UUID().uuidString)").path
    try dc.ticket(into: ccache)
    return ccache
  }

  var storeText: String {
    let bytes = ((try? Data(contentsOf: URL(fileURLWithPath: db))) ?? Data())
      + ((try? Data(contentsOf: URL(fileURLWithPath: db + "-wal"))) ?? Data())
    return String(decoding: bytes, as: UTF8.self)
  }

  @Test func aScanWithATicketAndNoCredentialsFindsWhatALocalScanFinds() throws {
    let ccache = try ticket()
    let service = "cifs/\(dc.host)@\(SambaDomainController.realm)"
    #expect(try dc.principals(in: ccache).contains("\(SambaDomainController.user)@\(SambaDomainController.realm)"))
    #expect(!(try dc.principals(in: ccache).contains(service)), "no service ticket before the scan")

    let localRun = try nokori(["scan", "--quiet", "--format", "jsonl", fixture.share.path])
    let remoteRun = try nokori(["scan", "--quiet", "--format", "jsonl", dc.url()], ccache: ccache)
    #expect(remoteRun.status == localRun.status, "\(remoteRun.stderr)")
    #expect(try dc.principals(in: ccache).contains(service), "the scan logged on with Kerberos")

    let localFindings = relative(try jsonLines(localRun.stdout), fixture.share.path)
    let remoteFindings = relative(try jsonLines(remoteRun.stdout), dc.url())
    #expect(localFindings.count >= 40 && localFindings.contains { $0.contains("jp.my_number") })
    #expect(remoteFindings == localFindings)

    let localFiles = relative(try jsonLines(try nokori(["files", "--run", "1", "--format", "jsonl"]).stdout), fixture.share.path)
    let remoteFiles = try jsonLines(try nokori(["files", "--run", "2", "--format", "jsonl"]).stdout)
    #expect(localFiles.count == KerberosFixture.files.count)
    #expect(remoteFiles.allSatisfy { ($0["path"] as? String)?.hasPrefix(dc.url() + "/") == true })
    #expect(relative(remoteFiles, dc.url()) == localFiles, "same outcomes, categories, counts, sizes and hashes")

    let runs = try jsonLines(try nokori(["runs", "--format", "jsonl"]).stdout)
    #expect(runs.first { $0["id"] as? Int == 2 }?["roots"] as? [String] == [dc.url()])
    for text in [remoteRun.stdout, remoteRun.stderr, storeText] {
      #expect(!text.contains(SambaDomainController.user) && !text.contains(SambaDomainController.password))
    }
  }

  @Test func aUserNamedInTheURLStillLogsOnWithTheTicket() throws {
    let ccache = try ticket()
    let url = "smb://\(SambaDomainController.domain);\(SambaDomainController.user)@\(dc.host)/corpus/csv"
    let run = try nokori(["scan", "--quiet", "--format", "jsonl", url], ccache: ccache)
    #expect(run.status == 0, "\(run.stderr)")
    let files = try jsonLines(try nokori(["files", "--run", "1", "--format", "jsonl"]).stdout)
    #expect(files.count == KerberosFixture.files.filter { $0.hasPrefix("csv/") }.count)
    #expect(files.allSatisfy { $0["outcome"] as? String == "scanned" && ($0["path"] as? String)?.hasPrefix(dc.url("csv/")) == true })
    #expect(try jsonLines(run.stdout).count > 0)
  }

  @Test(arguments: ["missing", "empty"])
  func withoutATicketTheShareIsARecordedLogonFailureAndLocalRootsStillRun(_ cache: String) throws {
    let ccache = folder.appendingPathComponent("krb5cc-\(cache)").path
    if cache == "empty" { _ = FileManager.default.createFile(atPath: ccache, contents: Data()) }
    let local = folder.appendingPathComponent("local")
    try FileManager.default.createDirectory(at: local, withIntermediateDirectories: true)
    try Data("個人番号: 123456789018\n".utf8).write(to: local.appendingPathComponent("memo.txt"))
    let run = try nokori(["scan", "--format", "jsonl", dc.url(), local.path], ccache: ccache)
    #expect(run.status == 3, "a share that could not be read is a coverage gap: \(run.stderr)")
    #expect(try jsonLines(run.stdout).count == 1, "the local root was still scanned")
    let files = try jsonLines(try nokori(["files", "--run", "1", "--format", "jsonl", "--outcome", "unreadable"]).stdout)
    #expect(files.count == 1)
    #expect(files.first?["path"] as? String == dc.url())
    #expect((files.first?["detail"] as? String)?.contains("access denied") == true, "\(files)")
  }

  /// The ticket is for `cifs/HOST`: a root naming the server by address gets none and, with
  /// no credentials file to fall back on, is refused like a root without a ticket.
  @Test func aRootNamingTheServerByAddressCannotUseTheTicket() throws {
    let ccache = try ticket()
    let url = "smb://\(dc.address)/corpus"
    let run = try nokori(["scan", "--quiet", url], ccache: ccache)
    #expect(run.status == 3, "\(run.stderr)")
    let files = try jsonLines(try nokori(["files", "--run", "1", "--format", "jsonl", "--outcome", "unreadable"]).stdout)
    #expect((files.first?["detail"] as? String)?.contains("access denied") == true, "\(files)")
  }
}

/// The DC and the share it serves, started once for the suite (provisioning a domain takes
/// seconds) by ``KerberosDomain`` and reached by each test through ``current``.
final class KerberosFixture: Sendable {
  /// A few Corpus/ files with findings (My Numbers in CSV and text, in several encodings) and
  /// one without, in two folders so the scan also lists a directory over SMB.
  static let files = [
    "text/utf8_customer_note.txt", "text/eucjp_memo.txt", "text/invalid_check_digits.txt",
    "csv/cp932_customer_list.csv", "csv/headerless_numbers.csv",
  ]

  @TaskLocal static var current: Result<KerberosFixture, any Error>?

  let folder: URL
  let share: URL
  let dc: SambaDomainController

  /// The suite's fixture; a skip (with the reason) when the DC could not start.
  static func forThisTest() throws -> KerberosFixture {
    switch current {
    case .success(let fixture)?: return fixture
    case .failure(let error)?: try Test.cancel("\(error)")
    case nil: try Test.cancel("no domain controller: the suite's KerberosDomain trait did not run")
    }
  }

  init() throws {
    folder = try TestPaths.temporaryDirectory("nokori-krb-share")
    share = folder.appendingPathComponent("share")
    do {
      for file in Self.files {
        let target = share.appendingPathComponent(file)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestPaths.corpus.appendingPathComponent(file), to: target)
      }
      dc = try SambaDomainController(share: share)
    } catch {
      try? FileManager.default.removeItem(at: folder)
      throw error
    }
  }

  func tearDown() {
    dc.stop()
    try? FileManager.default.removeItem(at: folder)
  }
}

/// Starts the DC before the suite's first test and stops it after the last, even when a test
/// fails; a DC that cannot start here makes every test of the suite a skip with the reason.
struct KerberosDomain: SuiteTrait, TestScoping {
  func provideScope(
    for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
  ) async throws {
    guard test.isSuite else { return try await function() }
    let started = Date()
    let fixture = Result { try KerberosFixture() }
    defer { if case .success(let fixture) = fixture { fixture.tearDown() } }
    switch fixture {
    case .success:
      print("SMBKerberosTests: domain controller up in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    case .failure(let error):
      try Test.cancel("\(error)")
    }
    try await KerberosFixture.$current.withValue(fixture) { try await function() }
  }
}
