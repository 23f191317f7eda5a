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
              sha256: file.sha256)))
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

  static func row(_ cells: [String]) -> String {
    let widths = [18, 9, 8, 30]
    return cells.enumerated().map { index, cell in
      index < widths.count ? DisplayWidth.pad(cell, to: widths[index]) : cell
    }.joined(separator: "  ")
  }
}

/// Prints the runs kept in the store.
public enum RunListWriter {
  struct JSONRun: Encodable {
    var id: Int64
    var startedAt: String
    var finishedAt: String?
    var status: String
    var host: String
    var user: String
    var toolVersion: String
    var patternDigest: String
    var roots: [String]
    var filesSeen: Int
    var filesScanned: Int
    var filesFlagged: Int
    var filesIncomplete: Int
    var findings: Int
    var bytesScanned: Int64
    var exitCode: Int?

    enum CodingKeys: String, CodingKey {
      case id, status, host, user, roots, findings
      case startedAt = "started_at"
      case finishedAt = "finished_at"
      case toolVersion = "tool_version"
      case patternDigest = "pattern_digest"
      case filesSeen = "files_seen"
      case filesScanned = "files_scanned"
      case filesFlagged = "files_flagged"
      case filesIncomplete = "files_incomplete"
      case bytesScanned = "bytes_scanned"
      case exitCode = "exit_code"
    }
  }

  public static func write(_ runs: [RunRecord], format: OutputFormat, to output: TextOutput) {
    switch format {
    case .jsonl:
      for run in runs {
        output.line(
          JSONLine.encode(
            JSONRun(
              id: run.id, startedAt: run.startedAt, finishedAt: run.finishedAt, status: run.status, host: run.host,
              user: run.user, toolVersion: run.toolVersion, patternDigest: run.patternDigest, roots: run.roots,
              filesSeen: run.filesSeen, filesScanned: run.filesScanned, filesFlagged: run.filesFlagged,
              filesIncomplete: run.filesIncomplete, findings: run.findings, bytesScanned: run.bytesScanned,
              exitCode: run.exitCode)))
      }
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
      let widths = [5, 20, 9, 8, 8, 10, 9]
      func row(_ cells: [String]) -> String {
        cells.enumerated().map { index, cell in
          index < widths.count ? DisplayWidth.pad(cell, to: widths[index]) : cell
        }.joined(separator: "  ")
      }
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
