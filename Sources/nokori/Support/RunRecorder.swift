import Foundation
import Synchronization
import NokoriCore
import NokoriReports
import NokoriStore

/// Receives each file report of a scan: prints its findings, batches it into the store
/// (one transaction per batch) and keeps the totals the summary and exit code need.
///
/// Batches are written on one serial queue, the store's single writer, so the scan's
/// coordinator does not wait for SQLite while workers wait for it; at most
/// `maxPendingBatches` are in flight, so memory stays bounded if the disk is slow.
final class RunRecorder {
  private let writerQueue = DispatchQueue(label: "nokori.store-writer")
  private let pending = DispatchSemaphore(value: RunRecorder.maxPendingBatches)
  private let firstWriteError = FirstError()
  static let maxPendingBatches = 4
  private let store: FindingStore
  private let run: Int64
  /// Prints findings as they come (`scan`); nil when only the store gets them (`sweep`).
  private let writer: FindingWriter?
  private let failOn: Confidence?
  private var batch: [FileReport] = []
  private var batchFindings = 0
  private var lastFlush = ContinuousClock.now
  private let started = ContinuousClock.now

  private(set) var totals = RunTotals()
  private(set) var categoryCounts: [Category: (files: Int, findings: Int)] = [:]
  private(set) var outcomeCounts: [Outcome: Int] = [:]
  private(set) var foundAtFailLevel = false

  static let batchSize = 256
  /// A batch is also handed over once it holds this many findings or is this old: what is
  /// still unwritten when the last file is done is written while nothing else runs (a whole
  /// second's worth was 0.1 s at the end of a 1.6 s scan). Smaller transactions cost more
  /// than they save: each rewrites the fingerprint index pages it touches (measured at
  /// 1,024 findings / 100 ms: more CPU, slower).
  static let batchFindings = 4096
  static let flushInterval = Duration.milliseconds(250)

  init(store: FindingStore, run: Int64, writer: FindingWriter?, failOn: Confidence?) {
    self.store = store
    self.run = run
    self.writer = writer
    self.failOn = failOn
  }

  func record(_ report: FileReport) throws {
    totals.add(report)
    outcomeCounts[report.outcome, default: 0] += 1
    for (category, count) in report.findingCounts where count > 0 {
      let current = categoryCounts[category] ?? (0, 0)
      categoryCounts[category] = (current.files + 1, current.findings + count)
    }
    for finding in report.findings {
      if let failOn, finding.confidence >= failOn { foundAtFailLevel = true }
      writer?.write(StoredFinding(run: run, path: report.path, finding: finding))
    }
    batch.append(report)
    batchFindings += report.findings.count
    if batch.count >= Self.batchSize || batchFindings >= Self.batchFindings || ContinuousClock.now - lastFlush > Self.flushInterval {
      try flush()
    }
  }

  /// Hands the current batch to the writer queue; throws the first write error seen so far.
  func flush() throws {
    writer?.finish()
    if let message = firstWriteError.message { throw NokoriUsageError("cannot write the store: \(message)") }
    guard !batch.isEmpty else { return }
    let reports = batch
    batch.removeAll(keepingCapacity: true)
    batchFindings = 0
    lastFlush = ContinuousClock.now
    pending.wait()
    writerQueue.async { [store, run, pending, firstWriteError] in
      do { try store.append(reports, run: run) } catch {
        firstWriteError.record("\(error)")
      }
      pending.signal()
    }
  }

  /// Writes what is left and waits until the store holds every report.
  func finish() throws {
    try flush()
    writerQueue.sync {}
    if let message = firstWriteError.message { throw NokoriUsageError("cannot write the store: \(message)") }
  }

  var elapsedSeconds: Double {
    (ContinuousClock.now - started).inSeconds
  }
}

/// The first error a background write met, kept for the scan to report.
private final class FirstError: Sendable {
  private let value = Mutex<String?>(nil)
  var message: String? { value.withLock { $0 } }
  func record(_ message: String) { value.withLock { if $0 == nil { $0 = message } } }
}
