import NokoriCore

/// A file found by sweeping roots again that holds a flagged file's content or its people.
public struct CopyMatch: Sendable, Equatable {
  /// The flagged path it matches.
  public var original: String
  /// Where the copy is.
  public var path: String
  public var sha256: String?
  /// "same content" or which identifiers it shares.
  public var detail: String
}

/// Recognises moved and copied files during a rescan: by SHA-256 of the content, or by the
/// keyed fingerprints of person-identifying numbers (My Number, passport, residence card,
/// driver's licence), so an edited copy of the same people is still found.
public struct CopyFinder: Sendable {
  /// SHA-256 → a flagged path with that content.
  public var contents: [String: String]
  /// Identifier fingerprint → a flagged path holding it.
  public var people: [String: String]
  /// Paths the run flagged: checked on their own, so not reported as copies of each other.
  public var flaggedPaths: Set<String>

  public init(contents: [String: String], people: [String: String], flaggedPaths: Set<String>) {
    self.contents = contents
    self.people = people
    self.flaggedPaths = flaggedPaths
  }

  /// The match for one report of the rescan, if it is a copy.
  public func match(_ report: FileReport) -> CopyMatch? {
    guard !flaggedPaths.contains(report.path), report.isFlagged else { return nil }
    if let sha = report.sha256, let original = contents[sha] {
      return CopyMatch(original: original, path: report.path, sha256: sha, detail: "same content (SHA-256)")
    }
    var shared: [Category: Int] = [:]
    var original: String?
    for finding in report.findings where IdentifierCategories.contains(finding.category) {
      guard let path = people[finding.fingerprint] else { continue }
      shared[finding.category, default: 0] += 1
      original = original.map { min($0, path) } ?? path
    }
    guard let original else { return nil }
    let kinds = shared.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
    return CopyMatch(
      original: original, path: report.path, sha256: report.sha256, detail: "same people: \(kinds)")
  }
}
