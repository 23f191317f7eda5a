import Foundation
import NokoriCore
import NokoriDetect
import NokoriWalk

#if canImport(Glibc)
  import Glibc
#endif

/// The firm's own customer identifiers (`nokori scan --known-ids FILE`), reduced to their
/// keyed fingerprints so that exposed customers are counted exactly.
///
/// The list is read by the same detectors as any scanned file (at every confidence), so each
/// fingerprint is made exactly as a finding's is: a CSV export of the customer table (with its
/// `個人番号` / passport header) or one identifier per line both work. Only person-identifying
/// categories are kept; the raw values never leave this function.
public enum KnownIdentifierList {
  /// Fingerprints found in the list, one per distinct (category, fingerprint).
  public static func load(path: String, patternSet: PatternSet, fingerprinter: Fingerprinter) throws -> [(
    category: String, fingerprint: String
  )] {
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw KnownIdentifierError.unreadable(path: path, reason: String(cString: strerror(errno)))
    }
    let scanner = try FileScanner(
      patternSet: patternSet, fingerprinter: fingerprinter,
      options: ScanOptions(roots: [], walk: WalkOptions(followLinks: true), minimumConfidence: .low,
        maxFindingsPerCategory: 50_000_000))
    let report = scanner.scan(
      WalkEntry(
        path: path, root: path, size: Int64(info.st_size), mtime: Double(info.st_mtim.tv_sec),
        inode: UInt64(info.st_ino), device: UInt64(info.st_dev), mayRepeat: false))
    guard report.outcome == .scanned else {
      throw KnownIdentifierError.unreadable(
        path: path, reason: "\(report.outcome.rawValue)" + (report.detail.map { " (\($0))" } ?? ""))
    }
    var seen = Set<String>()
    var identifiers: [(category: String, fingerprint: String)] = []
    for finding in report.findings where IdentifierCategories.contains(finding.category) {
      if seen.insert(finding.fingerprint).inserted {
        identifiers.append((finding.category.rawValue, finding.fingerprint))
      }
    }
    guard !identifiers.isEmpty else { throw KnownIdentifierError.empty(path: path) }
    return identifiers
  }
}

/// Why a known-identifier list could not be used.
public enum KnownIdentifierError: Error, CustomStringConvertible, Equatable {
  case unreadable(path: String, reason: String)
  case empty(path: String)

  public var description: String {
    switch self {
    case .unreadable(let path, let reason): "cannot read the known-ids list \(path): \(reason)"
    case .empty(let path):
      "the known-ids list \(path) holds no valid My Number, passport, residence card or licence number"
    }
  }
}
