import ArgumentParser
import Foundation
import NokoriCore
import NokoriEvidence
import NokoriReports
import NokoriStore

/// `nokori export --run N --out FILE.zip`: the signed evidence bundle of a run.
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export", abstract: "Write a run's signed, tamper-evident evidence bundle (zip).",
    discussion: """
      The bundle holds run.json (roots, host, user, tool version, pattern-set digest, start and end), \
      files.jsonl (the inventory with SHA-256 and outcomes), findings.jsonl (masked values and \
      fingerprints only), confirmations.jsonl, acceptances.jsonl (every `nokori accept`), summary.json (the exposure summary), report.html (opens \
      offline in any browser), signing-key.pub, MANIFEST (the SHA-256 of every member) and MANIFEST.sig \
      (Ed25519). Exporting the same run twice gives the same member hashes. Check one with `nokori verify`.

      Example:
        nokori export --run 3 --out case-2026-07.zip
      """)

  @OptionGroup var store: StoreOptions
  @OptionGroup var key: SigningKeyOptions
  @Option(name: .customLong("run"), help: "The run to export.") var runID: Int64
  @Option(help: ArgumentHelp("The bundle to write (0600).", valueName: "file.zip")) var out: String
  @Option(name: .customLong("min-confidence"), help: "Findings and counts at or above this confidence.")
  var minConfidence: Confidence = .medium
  @Flag(help: "Replace --out if it exists.") var force = false
  @Flag(help: "Print nothing but errors.") var quiet = false

  func run() throws {
    let output = URL(fileURLWithPath: out).standardizedFileURL
    if !force, FileManager.default.fileExists(atPath: output.path) {
      throw NokoriUsageError("\(output.path) already exists; pass --force to replace it")
    }
    let findingStore = try store.openExisting()
    guard let run = try findingStore.run(runID) else {
      throw NokoriUsageError("no run \(runID) in \(findingStore.path) (see `nokori runs`)")
    }
    let started = ContinuousClock.now
    let result: EvidenceBundleWriter.Result
    do {
      let signingKey = try SigningKeyFile.load(path: key.resolvedPath, create: true)
      result = try EvidenceBundleWriter(store: findingStore, run: run, minimum: minConfidence, signingKey: signingKey)
        .write(to: output, force: force)
    } catch let error as EvidenceError {
      throw NokoriUsageError("\(error)")
    } catch let error as SigningKeyError {
      throw NokoriUsageError("\(error)")
    }
    if !quiet {
      let stderr = TextOutput.standardError()
      stderr.line(
        "Run \(runID) exported to \(output.path): \(result.members.count) members, "
          + "\(ByteCount.format(result.bundleSize)), signed with key \(result.signingKeyID) (\(key.resolvedPath)) "
          + "in \(String(format: "%.2f", (ContinuousClock.now - started).inSeconds)) s")
      stderr.flush()
    }
  }
}
