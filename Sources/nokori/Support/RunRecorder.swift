import Foundation
import NokoriCore
import NokoriReports
import NokoriStore

/// Receives each file report of a scan: prints its findings, batches it into the store
/// (one transaction per batch) and keeps the totals the summary and exit code need.
final class RunRecorder {
  private let store: FindingStore
  private let run: Int64
  private let writer: FindingWriter
  private let failOn: Confidence?
  private var batch: [FileReport] = []
  private var lastFlush = ContinuousClock.now
  private let started = ContinuousClock.now

  private(set) var totals = RunTotals()
  private(set) var categoryCounts: [Category: (files: Int, findings: Int)] = [:]
  private(set) var outcomeCounts: [Outcome: Int] = [:]
  private(set) var foundAtFailLevel = false

  static let batchSize = 256

  init(store: FindingStore, run: Int64, writer: FindingWriter, failOn: Confidence?) {
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
      writer.write(StoredFinding(run: run, path: report.path, finding: finding))
    }
    batch.append(report)
    if batch.count >= Self.batchSize || ContinuousClock.now - lastFlush > .seconds(1) { try flush() }
  }

  func flush() throws {
    writer.finish()
    guard !batch.isEmpty else { return }
    try store.append(batch, run: run)
    batch.removeAll(keepingCapacity: true)
    lastFlush = ContinuousClock.now
  }

  var elapsedSeconds: Double {
    let elapsed = ContinuousClock.now - started
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  }
}
