import Foundation
import NokoriReports
import NokoriScanner

/// The one-line progress display on a terminal: files, MB, files/s, MB/s, current root.
final class ProgressLine {
  private let output: TextOutput

  init(output: TextOutput) { self.output = output }

  func draw(_ progress: ScanProgress) {
    let seconds = max(progress.elapsedSeconds, 0.001)
    let megabytes = Double(progress.bytesRead) / 1_000_000
    var line = "files \(progress.files)  flagged \(progress.flagged)"
    if progress.incomplete > 0 { line += "  incomplete \(progress.incomplete)" }
    line += "  " + String(format: "%.1f MB  %.0f files/s  %.1f MB/s", megabytes, Double(progress.files) / seconds,
      megabytes / seconds)
    if let root = progress.currentRoot { line += "  " + root }
    output.write("\r\u{1B}[K" + DisplayWidth.pad(line, to: 110).trimmingTrailingSpaces)
    output.flush()
  }

  func clear() {
    output.write("\r\u{1B}[K")
    output.flush()
  }
}

extension String {
  fileprivate var trimmingTrailingSpaces: String {
    var copy = self
    while copy.last == " " { copy.removeLast() }
    return copy
  }
}
