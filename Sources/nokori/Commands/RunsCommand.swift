import ArgumentParser
import NokoriReports

/// `nokori runs`: the runs kept in the store, newest first, with their counts.
struct RunsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "runs", abstract: "List past runs with their counts.",
    discussion: "Example:\n  nokori runs --format jsonl | jq .id")

  @OptionGroup var store: StoreOptions
  @Option(help: "Output format: table, jsonl or csv.") var format: OutputFormat = .table

  func run() throws {
    let runs = try store.openExisting().runs()
    RunListWriter.write(runs, format: format, to: .standardOutput())
  }
}
