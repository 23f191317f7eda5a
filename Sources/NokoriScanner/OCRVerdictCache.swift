import Foundation
import NokoriCore

/// The verdicts of images already read by OCR, keyed by the SHA-256 of the image's bytes, the
/// pattern set and the OCR mode: the same scan of a passport on ten shares is read once. Holds
/// only what a report holds — masked values, fingerprints, categories, outcome — never the
/// recognised text. Shared by every scanner of a run; filled beforehand from the store's
/// earlier verdicts (``preload(_:)``), and what this run read is kept there after it
/// (``readThisRun``). Bounded.
public final class OCRVerdictCache: @unchecked Sendable {
  private let lock = NSLock()
  private var verdicts: [String: OCRVerdict] = [:]
  private var fresh: Set<String> = []
  private var reused = 0
  /// Verdicts kept at most (each is a few findings).
  static let capacity = 100_000

  public init() {}

  /// Images whose verdict was taken from the cache instead of being read again.
  public var reuseCount: Int { lock.withLock { reused } }

  /// Verdicts of earlier runs (from the store).
  public func preload(_ earlier: [String: OCRVerdict]) {
    lock.withLock {
      for (key, verdict) in earlier where verdicts.count < Self.capacity { verdicts[key] = verdict }
    }
  }

  /// The verdicts of images read in this run, for the store.
  public var readThisRun: [String: OCRVerdict] {
    lock.withLock { verdicts.filter { fresh.contains($0.key) } }
  }

  func verdict(for key: String) -> OCRVerdict? {
    lock.withLock {
      guard let verdict = verdicts[key] else { return nil }
      reused += 1
      return verdict
    }
  }

  func store(_ verdict: OCRVerdict, for key: String) {
    lock.withLock {
      guard verdicts.count < Self.capacity else { return }
      verdicts[key] = verdict
      fresh.insert(key)
    }
  }
}
