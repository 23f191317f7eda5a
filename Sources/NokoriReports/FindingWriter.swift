import NokoriCore
import NokoriStore

/// Prints findings as they come, in one of the ``OutputFormat``s. Table rows are printed
/// as they arrive with fixed column widths, so output starts at once and memory stays flat.
public final class FindingWriter {
  private let output: TextOutput
  private let format: OutputFormat
  private var wroteHeader = false

  public init(output: TextOutput, format: OutputFormat) {
    self.output = output
    self.format = format
  }

  /// The JSONL object of a finding (keys are stable; see DESIGN.md).
  struct JSONFinding: Encodable {
    var path: String
    var category: String
    var confidence: String
    var location: Location
    var masked: String
    var fingerprint: String
    var detector: String
    var run: Int64
  }

  public func write(_ stored: StoredFinding) {
    let finding = stored.finding
    switch format {
    case .jsonl:
      output.line(
        JSONLine.encode(
          JSONFinding(
            path: stored.path, category: finding.category.rawValue, confidence: finding.confidence.rawValue,
            location: finding.location, masked: finding.masked, fingerprint: finding.fingerprint,
            detector: finding.detector, run: stored.run)))
    case .csv:
      if !wroteHeader {
        output.line("run,path,category,confidence,line,column,field,masked,fingerprint,detector")
        wroteHeader = true
      }
      output.line(
        CSVField.row([
          String(stored.run), stored.path, finding.category.rawValue, finding.confidence.rawValue,
          finding.location.line.map(String.init) ?? "", finding.location.column.map(String.init) ?? "",
          finding.location.field ?? "", finding.masked, finding.fingerprint, finding.detector,
        ]))
    case .table:
      if !wroteHeader {
        output.line(Self.tableRow(["CONF", "CATEGORY", "VALUE", "LOCATION", "PATH"]))
        wroteHeader = true
      }
      output.line(
        Self.tableRow([
          finding.confidence.rawValue, finding.category.rawValue, finding.masked, finding.location.summary,
          stored.path,
        ]))
    }
  }

  public func finish() { output.flush() }

  static func tableRow(_ cells: [String]) -> String { DisplayWidth.row(cells, widths: [6, 16, 26, 24]) }
}
