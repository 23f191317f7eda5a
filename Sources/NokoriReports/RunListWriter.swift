import NokoriStore

/// Prints the runs kept in the store.
public enum RunListWriter {
  public static func write(_ runs: [RunRecord], format: OutputFormat, to output: TextOutput) {
    switch format {
    case .jsonl:
      for run in runs { output.line(JSONLine.encode(run)) }
    case .csv:
      output.line("id,started_at,finished_at,status,host,user,files_seen,files_flagged,files_incomplete,findings,roots")
      for run in runs {
        output.line(
          CSVField.row([
            String(run.id), run.startedAt, run.finishedAt ?? "", run.status, run.host, run.user,
            String(run.filesSeen), String(run.filesFlagged), String(run.filesIncomplete), String(run.findings),
            run.roots.joined(separator: " "),
          ]))
      }
    case .table:
      func row(_ cells: [String]) -> String { DisplayWidth.row(cells, widths: [5, 20, 9, 8, 8, 10, 9]) }
      output.line(row(["RUN", "STARTED", "STATUS", "FILES", "FLAGGED", "INCOMPLETE", "FINDINGS", "ROOTS"]))
      for run in runs {
        output.line(
          row([
            String(run.id), String(run.startedAt.prefix(19)), run.status, String(run.filesSeen),
            String(run.filesFlagged), String(run.filesIncomplete), String(run.findings),
            run.roots.joined(separator: " "),
          ]))
      }
    }
    output.flush()
  }
}
