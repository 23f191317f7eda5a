import Foundation
import NokoriCore
import NokoriReports
import NokoriStore

/// The few lines printed after a scan: what was covered, what was found, what could not be read.
enum SummaryPrinter {
  static func print(
    run: Int64, totals: RunTotals, categories: [Category: (files: Int, findings: Int)], outcomes: [Outcome: Int],
    elapsed: Double, storePath: String, interrupted: Bool, to output: TextOutput
  ) {
    let seconds = max(elapsed, 0.001)
    output.line("")
    output.line(
      "Run \(run)\(interrupted ? " (interrupted)" : ""): \(totals.filesSeen) entries, \(totals.filesScanned) scanned, "
        + "\(totals.filesFlagged) flagged, \(totals.findings) findings, "
        + "\(ByteCount.format(totals.bytesScanned)) in \(String(format: "%.1f", elapsed)) s "
        + "(\(String(format: "%.1f", Double(totals.bytesScanned) / 1_000_000 / seconds)) MB/s, "
        + "\(String(format: "%.0f", Double(totals.filesSeen) / seconds)) files/s)")
    if !categories.isEmpty {
      output.line("  by category:")
      for (category, count) in categories.sorted(by: { $0.key < $1.key }) {
        output.line("    \(DisplayWidth.pad(category.rawValue, to: 20)) \(count.findings) in \(count.files) files")
      }
    }
    let notScanned = outcomes.filter { $0.key != .scanned && $0.key != .empty }.sorted { $0.key.rawValue < $1.key.rawValue }
    if !notScanned.isEmpty {
      output.line(
        "  not scanned: " + notScanned.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", "))
    }
    if totals.filesIncomplete > 0 {
      output.line(
        "  \(totals.filesIncomplete) files could not be scanned: nokori files --run \(run) --db \(storePath) --format table")
    }
    output.line("  store: \(storePath)")
    output.flush()
  }
}
