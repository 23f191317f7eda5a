import Foundation
import NokoriTestSupport
import Testing

/// A data folder, a store, a key and a config, with `nokori sweep` and friends run on them;
/// removed when the test that made it ends.
final class SweepFixture {
  let folder: URL
  let data: URL
  let db: String
  let key: String
  let config: URL
  let newFindings: URL

  init(_ name: String) throws {
    folder = try TestPaths.temporaryDirectory(name)
    data = folder.appendingPathComponent("data")
    db = folder.appendingPathComponent("store/nokori.db").path
    key = folder.appendingPathComponent("key").path
    config = folder.appendingPathComponent("sweep.yaml")
    newFindings = folder.appendingPathComponent("new.jsonl")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    try writeConfig()
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  /// Writes the config: the data folder as the one root, the store, the key, the new-findings file.
  func writeConfig(_ extra: String = "") throws {
    try """
      roots:
        - \(data.path)
      store: \(db)
      key_file: \(key)
      min_confidence: medium
      on_finish:
        new_findings: \(newFindings.path)
      \(extra)
      """.write(to: config, atomically: true, encoding: .utf8)
  }

  @discardableResult
  func write(_ text: String, to name: String) throws -> URL {
    let url = data.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
    return url
  }

  func nokori(_ arguments: [String]) throws -> CommandRunner.Result {
    try CommandRunner.run(arguments, environment: ["NOKORI_KEY_FILE": key, "NOKORI_DB": db])
  }

  func sweep(_ extra: [String] = []) throws -> CommandRunner.Result {
    try nokori(["sweep", "--config", config.path] + extra)
  }

  static func jsonLines(_ text: String) throws -> [[String: Any]] {
    try text.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
  }

  /// Run `run`'s inventory as `nokori files --format jsonl` prints it.
  func files(run: Int) throws -> [[String: Any]] {
    try Self.jsonLines(try nokori(["files", "--run", String(run), "--format", "jsonl"]).stdout)
  }

  /// Paths of run `run`'s files that were read (not carried over).
  func readPaths(run: Int) throws -> [String] {
    try files(run: run).filter { $0["reused"] as? Bool != true }.compactMap { $0["path"] as? String }.sorted()
  }

  func newFindingLines() throws -> [[String: Any]] {
    try Self.jsonLines(String(decoding: try Data(contentsOf: newFindings), as: UTF8.self))
  }

  /// The value of `key=` in the sweep's `event=sweep.done` log line.
  static func logValue(_ key: String, in stderr: String) -> String? {
    guard let line = stderr.split(separator: "\n").first(where: { $0.contains("event=sweep.done") }) else { return nil }
    for field in line.split(separator: " ") where field.hasPrefix("\(key)=") {
      return String(field.dropFirst(key.count + 1))
    }
    return nil
  }
}
