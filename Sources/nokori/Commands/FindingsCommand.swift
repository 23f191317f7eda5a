import ArgumentParser
import NokoriCore
import NokoriReports

/// `nokori findings --run N`: a run's findings, read back from the store.
struct FindingsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "findings", abstract: "Print a run's findings from the store.",
    discussion: "Example:\n  nokori findings --run 3 --format csv > run3.csv")

  @OptionGroup var store: StoreOptions
  @Option(name: .customLong("run"), help: "The run to print.") var runID: Int64
  @Option(help: "Output format: table, jsonl or csv.") var format: OutputFormat = .table
  @Option(name: .customLong("min-confidence"), help: "Only findings at or above this confidence.")
  var minConfidence: Confidence = .low

  func run() throws {
    let findingStore = try store.openExisting()
    guard try findingStore.run(runID) != nil else { throw NokoriUsageError("no run \(runID) in \(findingStore.path)") }
    let writer = FindingWriter(output: .standardOutput(), format: format)
    for finding in try findingStore.findings(run: runID, minimum: minConfidence) { writer.write(finding) }
    writer.finish()
  }
}
