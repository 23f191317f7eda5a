import ArgumentParser
import NokoriCore
import NokoriReports

/// `nokori files --run N`: the coverage report, every file with its outcome.
struct FilesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "files", abstract: "List a run's file inventory with each file's outcome.",
    discussion: """
      Outcomes: \(Outcome.allCases.map(\.rawValue).joined(separator: ", ")).

      Example:
        nokori files --run 3 --outcome unreadable
      """)

  @OptionGroup var store: StoreOptions
  @Option(name: .customLong("run"), help: "The run to list.") var runID: Int64
  @Option(help: "Only files with this outcome.") var outcome: String?
  @Option(help: "Output format: table, jsonl or csv.") var format: OutputFormat = .table

  func validate() throws {
    if let outcome, Outcome(rawValue: outcome) == nil {
      throw ValidationError(
        "unknown outcome '\(outcome)'; one of: \(Outcome.allCases.map(\.rawValue).joined(separator: ", "))")
    }
  }

  func run() throws {
    let findingStore = try store.openExisting()
    guard try findingStore.run(runID) != nil else { throw NokoriUsageError("no run \(runID) in \(findingStore.path)") }
    FileListWriter.write(try findingStore.files(run: runID, outcome: outcome), format: format, to: .standardOutput())
  }
}
