import Crypto
import Foundation
import NokoriCore
import NokoriEvidence
import NokoriStore
import NokoriTestSupport
import ZIPFoundation

/// A store with one small run, a signing key, and helpers to rewrite a bundle the way
/// someone altering it would.
struct BundleFixture {
  let folder: URL
  let store: FindingStore
  let run: RunRecord
  let key = Curve25519.Signing.PrivateKey()

  init() throws {
    folder = try TestPaths.temporaryDirectory("nokori-evidence")
    store = try FindingStore(path: folder.appendingPathComponent("n.db").path)
    let id = try store.beginRun(
      RunStart(
        host: "host-a", user: "tanaka", toolVersion: "0.1.0", patternDigest: "digest", keyID: "key",
        roots: ["/data"], options: [:]),
      startedAt: Date(timeIntervalSince1970: 1_780_000_000))
    func finding(_ category: String, _ fingerprint: String) -> Finding {
      Finding(
        category: Category(category), detector: category, confidence: .high, location: Location(line: 2),
        masked: "********9018", fingerprint: fingerprint)
    }
    let reports = [
      FileReport(
        path: "/data/customers/a.csv", size: 10, mtime: 1, outcome: .scanned, sha256: String(repeating: "a", count: 64),
        findings: [finding("jp.my_number", "m1"), finding("pii.email", "e1")],
        findingCounts: [Category("jp.my_number"): 1, Category("pii.email"): 1]),
      FileReport(
        path: "/data/customers/b.csv", size: 10, mtime: 1, outcome: .scanned, sha256: String(repeating: "b", count: 64),
        findings: [finding("jp.my_number", "m2"), finding("jp.passport_number", "p1")],
        findingCounts: [Category("jp.my_number"): 1, Category("jp.passport_number"): 1]),
      FileReport(
        path: "/data/hr/c.txt", size: 10, mtime: 1, outcome: .scanned, sha256: String(repeating: "c", count: 64),
        findings: [finding("pii.phone", "t1")], findingCounts: [Category("pii.phone"): 1]),
      FileReport(path: "/data/hr/locked.txt", outcome: .unreadable, detail: "open: Permission denied"),
    ]
    try store.append(reports, run: id)
    var totals = RunTotals()
    for report in reports { totals.add(report) }
    try store.finishRun(id, totals: totals, status: "finished", exitCode: 3, at: Date(timeIntervalSince1970: 1_780_000_060))
    try store.append([
      ConfirmationRecord(
        run: id, session: 1, fileID: 1, checkedAt: "2026-07-01T00:00:00Z", host: "host-a", user: "tanaka",
        path: "/data/customers/a.csv", checked: "stat", result: .deleted)
    ])
    run = try store.run(id) ?? { throw CocoaError(.fileNoSuchFile) }()
  }

  func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

  @discardableResult
  func export(to name: String, force: Bool = false) throws -> EvidenceBundleWriter.Result {
    try EvidenceBundleWriter(store: store, run: run, minimum: .medium, signingKey: key).write(to: url(name), force: force)
  }

  /// Every member's bytes, in zip order.
  static func members(of bundle: URL) throws -> [(name: String, data: Data)] {
    let archive = try Archive(url: bundle, accessMode: .read)
    return try archive.map { entry in
      var data = Data()
      _ = try archive.extract(entry) { data.append($0) }
      return (entry.path, data)
    }
  }

  /// Writes a new zip with `members`, as someone rebuilding the bundle would.
  static func write(_ members: [(name: String, data: Data)], to bundle: URL) throws {
    try? FileManager.default.removeItem(at: bundle)
    let archive = try Archive(url: bundle, accessMode: .create)
    for member in members {
      try archive.addEntry(
        with: member.name, type: .file, uncompressedSize: Int64(member.data.count), compressionMethod: .deflate
      ) { position, size in
        member.data.subdata(in: Int(position)..<Int(position) + size)
      }
    }
  }

  func remove() { try? FileManager.default.removeItem(at: folder) }
}
