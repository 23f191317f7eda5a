import ArgumentParser
import Foundation
import NokoriCore
import NokoriDetect
import NokoriReports
import NokoriScanner

/// `nokori patterns`: the detectors, and a way to see what they make of one file.
struct PatternsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "patterns", abstract: "List the detectors or explain what they find in a file.",
    subcommands: [ListPatterns.self, TestPatterns.self], defaultSubcommand: ListPatterns.self)
}

/// `nokori patterns list`.
struct ListPatterns: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "list", abstract: "List the loaded detectors.")

  @OptionGroup var patternOptions: PatternOptions
  @Option(help: "Output format: table or jsonl.") var format: OutputFormat = .table

  struct Row: Encodable {
    var id: String
    var category: String
    var name: String
    var validator: String?
    var keywords: Int
    var examples: Int
  }

  func run() throws {
    let set = try patternOptions.loadPatterns()
    let output = TextOutput.standardOutput()
    let rows = set.patterns.map { pattern in
      Row(
        id: pattern.id, category: pattern.category.rawValue, name: pattern.definition.name,
        validator: pattern.definition.validator, keywords: pattern.definition.context?.keywords?.count ?? 0,
        examples: pattern.definition.examples.positive.count + pattern.definition.examples.negative.count)
    }
    switch format {
    case .jsonl, .csv:
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      for row in rows {
        output.line(String(decoding: (try? encoder.encode(row)) ?? Data(), as: UTF8.self))
      }
    case .table:
      for row in rows {
        output.line(
          DisplayWidth.pad(row.id, to: 18) + "  " + DisplayWidth.pad(row.validator ?? "-", to: 10) + "  "
            + DisplayWidth.pad("\(row.keywords) keywords", to: 12) + "  " + row.name)
      }
      output.line("pattern set digest \(set.digest)")
    }
    output.flush()
  }
}

/// `nokori patterns test FILE`: every hit with its evidence, and every dropped candidate.
struct TestPatterns: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test", abstract: "Run the detectors over one file and explain each decision.",
    discussion: "Example:\n  nokori patterns test customers.csv")

  @OptionGroup var patternOptions: PatternOptions
  @Argument(help: "The file to examine.") var file: String

  func run() throws {
    let set = try patternOptions.loadPatterns()
    let fingerprinter = try patternOptions.loadFingerprinter()
    let scanner = try FileScanner(
      patternSet: set, fingerprinter: fingerprinter, options: ScanOptions(roots: [file], minimumConfidence: .low))
    let explanation = scanner.explain(file)
    let output = TextOutput.standardOutput()
    let report = explanation.report
    output.line(
      "\(report.path): \(report.outcome.rawValue)"
        + [report.format, report.encoding, report.detail].compactMap { $0 }.map { ", \($0)" }.joined())
    // Lines of a structured source's extracted text mean nothing to a reader: its hits are
    // placed by cell or field instead.
    let structured = ["xml", "zip", "xlsx", "docx", "pptx"].contains(report.format ?? "")
    for hit in explanation.hits {
      let signals = hit.signals.map(\.rawValue).sorted().joined(separator: ",")
      let place = hit.place ?? (structured ? "" : "line \(hit.line):\(hit.column)")
      output.line(
        "  HIT     \(DisplayWidth.pad(hit.confidence.rawValue, to: 6)) \(DisplayWidth.pad(hit.patternID, to: 16)) "
          + "\(DisplayWidth.pad(hit.masked, to: 26)) \(place)"
          + (hit.field.map { " [\($0)]" } ?? "") + "  signals: \(signals); \(hit.explanation)")
    }
    for rejection in explanation.rejections {
      output.line(
        "  DROPPED        \(DisplayWidth.pad(rejection.patternID, to: 16)) \(DisplayWidth.pad(rejection.masked, to: 26)) "
          + (structured ? "" : "line \(rejection.line)  ") + rejection.reason)
    }
    output.line("\(explanation.hits.count) hits, \(explanation.rejections.count) candidates dropped")
    output.flush()
  }
}
