import Foundation
import NokoriCore

/// The verdicts of images already read by OCR in this run, keyed by the SHA-256 of the image's
/// bytes, the pattern set and the OCR mode: the same scan of a passport on ten shares is read
/// once. Holds only what a report holds — masked values, fingerprints, categories, outcome —
/// never the recognised text. Shared by every scanner of a run; bounded.
public final class OCRVerdictCache: @unchecked Sendable {
  /// What an image's scan concluded.
  struct Verdict: Sendable {
    var findings: [Finding]
    var findingCounts: [Category: Int]
    var outcome: Outcome
    var detail: String?
  }

  private let lock = NSLock()
  private var verdicts: [String: Verdict] = [:]
  private var reused = 0
  /// Verdicts kept at most (each is a few findings).
  static let capacity = 100_000

  public init() {}

  /// Images whose verdict was taken from the cache instead of being read again.
  public var reuseCount: Int { lock.withLock { reused } }

  func verdict(for key: String) -> Verdict? {
    lock.withLock {
      guard let verdict = verdicts[key] else { return nil }
      reused += 1
      return verdict
    }
  }

  func store(_ verdict: Verdict, for key: String) {
    lock.withLock {
      if verdicts.count < Self.capacity { verdicts[key] = verdict }
    }
  }
}
