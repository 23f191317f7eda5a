import NokoriStore

/// Prints a run's file inventory: each file with its outcome, so "no findings" can be told
/// from "could not read".
public enum FileListWriter {
  struct JSONFile: Encodable {
    var run: Int64
    var path: String
    var outcome: String
    var detail: String?
    var size: Int64?
    var format: String?
    var encoding: String?
    var categories: [String]
    var findings: Int
    var sha256: String?
    /// Present (true) only when a sweep carried the verdict over without reading the file.
    var reused: Bool?
    var allowed: Bool?
  }

  public static func write(_ files: [StoredFile], format: OutputFormat, to output: TextOutput) {
    switch format {
    case .jsonl:
      for file in files {
        output.line(
          JSONLine.encode(
            JSONFile(
              run: file.run, path: file.path, outcome: file.outcome, detail: file.detail, size: file.size,
              format: file.format, encoding: file.encoding, categories: file.categories, findings: file.findingCount,
              sha256: file.sha256, reused: file.reused ? true : nil, allowed: file.allowed ? true : nil)))
      }
    case .csv:
      output.line("run,path,outcome,detail,size,format,encoding,categories,findings,sha256")
      for file in files {
        output.line(
          CSVField.row([
            String(file.run), file.path, file.outcome, file.detail ?? "", file.size.map(String.init) ?? "",
            file.format ?? "", file.encoding ?? "", file.categories.joined(separator: " "),
            String(file.findingCount), file.sha256 ?? "",
          ]))
      }
    case .table:
      output.line(row(["OUTCOME", "SIZE", "FINDINGS", "CATEGORIES", "PATH  (DETAIL)"]))
      for file in files {
        let detail = file.detail.map { "  (\($0))" } ?? ""
        output.line(
          row([
            file.outcome, file.size.map(ByteCount.format) ?? "-", String(file.findingCount),
            file.categories.joined(separator: ","), file.path + detail,
          ]))
      }
    }
    output.flush()
  }

  static func row(_ cells: [String]) -> String { DisplayWidth.row(cells, widths: [18, 9, 8, 30]) }
}
