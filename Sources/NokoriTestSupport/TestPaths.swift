import Foundation
import NokoriCore
import NokoriDetect

/// Where the repository's Patterns/ and Corpus/ are, found from this file's own path (as
/// SwiftLint's tests do), so tests need no copied resources.
public enum TestPaths {
  public static var repositoryRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }
  public static var patterns: URL { repositoryRoot.appendingPathComponent("Patterns") }
  public static var corpus: URL { repositoryRoot.appendingPathComponent("Corpus") }

  /// A fixed key, so fingerprints in tests are repeatable.
  public static func fingerprinter() throws -> Fingerprinter {
    try Fingerprinter(keyBytes: Array("nokori-test-key-0123456789abcdef".utf8))
  }

  /// The repository's pattern set, loaded once per process.
  public static func patternSet() throws -> PatternSet {
    try PatternSet.load(directory: patterns)
  }

  /// A fresh temporary directory, removed by the caller.
  public static func temporaryDirectory(_ label: String = "nokori") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "\(label)-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
