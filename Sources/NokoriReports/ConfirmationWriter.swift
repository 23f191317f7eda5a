import NokoriStore

/// Prints confirmation records as they are made: an aligned table or JSON Lines.
public final class ConfirmationWriter {
  private let output: TextOutput
  private let format: OutputFormat
  private var wroteHeader = false

  public init(output: TextOutput, format: OutputFormat) {
    self.output = output
    self.format = format
  }

  public func write(_ record: ConfirmationRecord) {
    switch format {
    case .jsonl:
      output.line(ConfirmationLine.json(record))
    case .csv:
      if !wroteHeader {
        output.line("run,session,checked_at,host,user,path,checked,result,detail,new_path,sha256")
        wroteHeader = true
      }
      output.line(
        CSVField.row([
          String(record.run), String(record.session), record.checkedAt, record.host, record.user, record.path,
          record.checked, record.result.rawValue, record.detail ?? "", record.newPath ?? "", record.sha256 ?? "",
        ]))
    case .table:
      if !wroteHeader {
        output.line(DisplayWidth.row(["RESULT", "PATH  (DETAIL)"], widths: [29]))
        wroteHeader = true
      }
      let place = record.newPath.map { "\($0)  (copy of \(record.path); \(record.detail ?? ""))" }
        ?? record.path + (record.detail.map { "  (\($0))" } ?? "")
      output.line(DisplayWidth.row([record.result.rawValue, place], widths: [29]))
    }
  }

  public func finish() { output.flush() }
}
