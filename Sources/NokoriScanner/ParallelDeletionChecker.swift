import Dispatch
import NokoriCore
import NokoriDetect
import NokoriSMB
import NokoriStore
import Synchronization

/// Checks a page of flagged files on several threads, one ``DeletionChecker`` each: the work
/// is opening and hashing files, which the cores can share. Results come back in page order,
/// so what is printed and recorded does not depend on timing.
public final class ParallelDeletionChecker: @unchecked Sendable {
  // Each checker is used by one iteration of concurrentPerform at a time (iteration i owns
  // checker i), which is why the class can be shared: no two threads touch one checker.
  private let checkers: [DeletionChecker]

  public init(
    patternSet: PatternSet, fingerprinter: Fingerprinter, minimumConfidence: Confidence, jobs: Int,
    smb: SMBSettings = SMBSettings(), shareRoots: [String] = []
  ) throws {
    checkers = try (0..<max(1, jobs)).map { _ in
      try DeletionChecker(
        patternSet: patternSet, fingerprinter: fingerprinter, minimumConfidence: minimumConfidence, smb: smb,
        shareRoots: shareRoots)
    }
  }

  /// Checks every file of `page`; `originalFingerprints(fileID)` is asked for changed files only.
  public func check(
    _ page: [FlaggedFile], originalFingerprints: @Sendable (Int64) throws -> Set<String>
  ) throws -> [DeletionCheck] {
    let results = ResultSlots(count: page.count)
    let firstError = Mutex<(any Error)?>(nil)
    let workers = min(checkers.count, max(1, page.count))
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      let checker = checkers[worker]
      // Interleaved, so a run of large files in one folder is shared out too.
      for index in stride(from: worker, to: page.count, by: workers) {
        do {
          results.set(index, try checker.check(page[index]) { try originalFingerprints(page[index].id) })
        } catch {
          firstError.withLock { if $0 == nil { $0 = error } }
          return
        }
      }
    }
    if let error = firstError.withLock({ $0 }) { throw error }
    return results.values
  }
}

/// One slot per file of a page; each slot is written by exactly one worker, then read once
/// all workers are done.
private final class ResultSlots: @unchecked Sendable {
  private var slots: [DeletionCheck?]
  init(count: Int) { slots = Array(repeating: nil, count: count) }
  func set(_ index: Int, _ value: DeletionCheck) { slots[index] = value }
  var values: [DeletionCheck] {
    slots.map { $0 ?? DeletionCheck(result: .unreadable, checked: "stat", detail: "not checked") }
  }
}
