import ArgumentParser
import Foundation
import NokoriCore
import NokoriReports
import NokoriScanner
import NokoriStore
import NokoriWalk

/// `nokori confirm --run N [--rescan ROOT...]`: is every file run N flagged gone?
struct ConfirmCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "confirm",
    abstract: "Check that the files a run flagged are deleted, and find moved or copied ones.",
    discussion: """
      For every file run N flagged (at or above --min-confidence): deleted, present-unchanged (same \
      SHA-256), present-changed-clean (changed, and a rescan finds neither its flagged categories nor, \
      at any confidence, any of its original values), present-changed-still-flagged, or unreadable. With --rescan, the roots are swept again and any \
      other file holding the same content (SHA-256) or the same people (keyed fingerprints of My Number, \
      passport, residence card or driver's licence numbers) is reported as copy-found. Nothing checked \
      is modified. A missing path counts as deleted only if the folder above it is still on the \
      filesystem the run saw: the files of an unmounted share are unreadable, not deleted. Files a run \
      read on smb:// shares are checked on the shares (--smb-credentials, as for scan); one missing \
      there is deleted only while its share still answers. Every check is recorded in the store; \
      earlier confirmations are kept.

      Examples:
        nokori confirm --run 3
        nokori confirm --run 4 --smb-credentials ~/.config/nokori/smb.cred
        nokori confirm --run 3 --rescan /mnt/share /home --format jsonl

      Exit codes: 0 everything flagged is confirmed gone (deleted, or changed and clean) and no copy was \
      found; 1 something is still there or a copy was found; 2 usage or configuration error; 3 nothing \
      was found still there, but some paths (or rescanned files) could not be checked. When 1 and 3 \
      both apply, 1 wins.
      """)

  @OptionGroup var store: StoreOptions
  @OptionGroup var patternOptions: PatternOptions
  @OptionGroup var smbOptions: SMBOptions
  @Option(name: .customLong("run"), help: "The run whose flagged files are checked.") var runID: Int64

  @Option(
    parsing: .upToNextOption,
    help: ArgumentHelp("Sweep these folders again for moved or copied files.", valueName: "root"))
  var rescan: [String] = []

  @Option(help: "Output format: table, jsonl or csv.") var format: OutputFormat = .table

  @Option(name: .customLong("min-confidence"), help: "Files flagged at or above this confidence are checked.")
  var minConfidence: Confidence = .medium

  @Option(help: "Files checked (and, with --rescan, scanned) at once (default: the number of CPUs).")
  var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

  @Flag(help: "Print no summary on stderr.") var quiet = false

  func validate() throws {
    guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
  }

  func run() async throws {
    let findingStore = try store.openExisting()
    guard let run = try findingStore.run(runID) else {
      throw NokoriUsageError("no run \(runID) in \(findingStore.path) (see `nokori runs`)")
    }
    let patternSet = try patternOptions.loadPatterns()
    let fingerprinter = try patternOptions.loadFingerprinter()
    let stderr = TextOutput.standardError()
    if patternSet.digest != run.patternDigest, !quiet {
      stderr.line("nokori: note: the patterns differ from run \(runID)'s; changed files are rescanned with these")
    }
    // Fingerprints tell a changed file that kept its values, and a copy of the same people:
    // with another key neither can be recognised, and "clean" could not be trusted.
    if fingerprinter.keyID != run.keyID {
      throw NokoriUsageError(
        "the fingerprint key (id \(fingerprinter.keyID)) is not the one run \(runID) used (id \(run.keyID)); "
          + "changed files and copies of the same people cannot be recognised — pass that run's --key-file")
    }
    let rescanRoots = rescan.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
    let rescanner = Scanner(
      patternSet: patternSet, fingerprinter: fingerprinter,
      // Every confidence: a copy is recognised by its values' fingerprints, and a copy that
      // lost the keyword beside a My Number still holds the same person's number.
      options: ScanOptions(roots: rescanRoots, jobs: jobs, listingWidth: max(2, jobs), minimumConfidence: .low))
    do { try rescanner.validateRoots() } catch { throw NokoriUsageError("\(error)") }

    let session = try findingStore.nextConfirmationSession(run: runID)
    let recorder = ConfirmationRecorder(
      store: findingStore, run: runID, session: session, host: HostIdentity.hostName, user: HostIdentity.userName,
      writer: ConfirmationWriter(output: .standardOutput(), format: format))
    let started = ContinuousClock.now

    // Files the run read on shares are checked on the shares, logged on as the run was.
    let checker = try ParallelDeletionChecker(
      patternSet: patternSet, fingerprinter: fingerprinter, minimumConfidence: minConfidence, jobs: jobs,
      smb: try smbOptions.settings(roots: run.roots), shareRoots: run.roots)
    var contents: [String: String] = [:]
    var flaggedPaths = Set<String>()
    try findingStore.forEachFlaggedFile(run: runID, minimum: minConfidence) { page in
      let checks = try checker.check(page) { try findingStore.fingerprints(fileID: $0) }
      for (file, check) in zip(page, checks) {
        try recorder.record(
          fileID: file.id, path: file.path, checked: check.checked, result: check.result, detail: check.detail,
          sha256: check.sha256)
        if !rescanRoots.isEmpty {
          flaggedPaths.insert(file.path)
          if let sha = file.sha256, contents[sha] == nil { contents[sha] = file.path }
        }
      }
    }
    try recorder.flush()

    var rescanGaps = 0
    if !rescanRoots.isEmpty {
      let finder = CopyFinder(
        contents: contents, people: try findingStore.identifierFingerprints(run: runID, minimum: minConfidence),
        flaggedPaths: flaggedPaths)
      let checked = "rescan-roots:" + rescanRoots.joined(separator: ",")
      try await rescanner.run { event in
        guard case .report(let report) = event else { return }
        if report.outcome.isCoverageGap { rescanGaps += 1 }
        if let copy = finder.match(report) {
          try recorder.record(
            fileID: nil, path: copy.original, checked: checked, result: .copyFound, detail: copy.detail,
            newPath: copy.path, sha256: copy.sha256)
        }
      }
    }
    try recorder.finish()

    let counts = recorder.counts
    if !quiet {
      let elapsed = (ContinuousClock.now - started).inSeconds
      let parts = ConfirmationResult.allCases.compactMap { result in
        counts[result].map { "\($0) \(result.rawValue)" }
      }
      stderr.line(
        "Run \(runID), confirmation \(session): \(recorder.total) records"
          + (parts.isEmpty ? " (nothing flagged)" : ": " + parts.joined(separator: ", "))
          + (rescanGaps > 0 ? "; \(rescanGaps) rescanned files could not be read" : "")
          + " in \(String(format: "%.2f", elapsed)) s")
      stderr.flush()
    }
    let notGone = counts.contains { !$0.key.isConfirmedGone && $0.key != .unreadable && $0.value > 0 }
    if notGone { throw ExitCode(ExitStatus.foundAtFailLevel) }
    if (counts[.unreadable] ?? 0) > 0 || rescanGaps > 0 { throw ExitCode(ExitStatus.incomplete) }
  }
}
