import Foundation
import NokoriCore
import NokoriStore
import NokoriTestSupport

/// A store in a temporary folder with one run of a few flagged files, for store tests.
struct StoreFixture {
  let folder: URL
  let store: FindingStore
  let run: Int64

  static func finding(_ category: String, _ fingerprint: String, _ confidence: Confidence = .high) -> Finding {
    Finding(
      category: Category(category), detector: category, confidence: confidence, location: Location(line: 1),
      masked: "********0000", fingerprint: fingerprint)
  }

  static func report(_ path: String, _ findings: [Finding]) -> FileReport {
    var counts: [Category: Int] = [:]
    for finding in findings { counts[finding.category, default: 0] += 1 }
    return FileReport(
      path: path, size: 10, mtime: 1, outcome: .scanned, sha256: String(repeating: "a", count: 64),
      findings: findings, findingCounts: counts)
  }

  init(roots: [String] = ["/data", "/other"], reports: [FileReport]) throws {
    folder = try TestPaths.temporaryDirectory("nokori-store")
    store = try FindingStore(path: folder.appendingPathComponent("n.db").path)
    run = try store.beginRun(
      RunStart(
        host: "host-a", user: "user", toolVersion: "0.1.0", patternDigest: "d", keyID: "k", roots: roots,
        options: [:]))
    try store.append(reports, run: run)
  }

  func remove() { try? FileManager.default.removeItem(at: folder) }
}
