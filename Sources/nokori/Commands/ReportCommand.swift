import ArgumentParser
import NokoriCore
import NokoriReports

/// `nokori report --run N`: the exposure summary of a run.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report", abstract: "Summarise what a run found exposed: files, categories, people.",
    discussion: """
      Files flagged per category (named in English and Japanese), distinct values, and the number of \
      people exposed, counted by distinct keyed fingerprints of My Number, passport, residence card and \
      driver's licence numbers; per root and per host. A person found by two kinds of identifier counts \
      once in "at least" and twice in "at most".

      Example:
        nokori report --run 3
        nokori report --run 3 --format json
      """)

  @OptionGroup var store: StoreOptions
  @Option(name: .customLong("run"), help: "The run to summarise.") var runID: Int64
  @Option(help: "Output format: table or json.") var format: SummaryFormat = .table
  @Option(name: .customLong("min-confidence"), help: "Count findings at or above this confidence.")
  var minConfidence: Confidence = .medium

  enum SummaryFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
  }

  func run() throws {
    let findingStore = try store.openExisting()
    guard let run = try findingStore.run(runID) else {
      throw NokoriUsageError("no run \(runID) in \(findingStore.path) (see `nokori runs`)")
    }
    let summary = try ExposureSummary.build(store: findingStore, run: run, minimum: minConfidence)
    ExposureSummaryWriter.write(summary, json: format == .json, to: .standardOutput())
  }
}
