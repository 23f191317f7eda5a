import ArgumentParser
import Foundation
import NokoriCore
import NokoriExtract
import NokoriReports
import NokoriSMB
import NokoriScanner
import NokoriStore
import NokoriWalk

#if canImport(Glibc)
  import Glibc
#endif

/// `nokori scan PATH...`: one on-demand scan, recorded as a run in the store.
struct ScanCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scan",
    abstract: "Scan folders and files for personal data.",
    discussion: """
      Findings go to stdout (or --output) as they are found; a summary and, on a terminal, a
      progress line go to stderr. Every file met is recorded in the store with its outcome.

      Examples:
        nokori scan ~/Downloads
        nokori scan --min-confidence low --format jsonl /mnt/share > all.jsonl
        nokori scan --exclude '*.iso' --exclude '*/.git' --max-file-size 2G /srv/export
        nokori scan --smb-credentials ~/.config/nokori/smb.cred --jobs 16 smb://fileserver/share/顧客
      """)

  @Argument(help: ArgumentHelp("Folders or files to scan, or smb://[domain;]user@host[:port]/share/path URLs.", valueName: "path"))
  var paths: [String]

  @Option(help: "Output format: table, jsonl or csv.")
  var format: OutputFormat = .table

  @Option(help: ArgumentHelp("Write findings to this file (0600) instead of stdout.", valueName: "file"))
  var output: String?

  @OptionGroup var store: StoreOptions
  @OptionGroup var patternOptions: PatternOptions
  @OptionGroup var smbOptions: SMBOptions

  @Option(name: .customLong("min-confidence"), help: "Lowest confidence stored and shown: low, medium or high.")
  var minConfidence: Confidence = .medium

  @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding at or above this confidence is found.")
  var failOn: Confidence?

  @Option(help: "Files scanned at once (default: the number of CPUs).")
  var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: ArgumentHelp("Skip entries whose name or path matches this glob (repeatable).", valueName: "glob"))
  var exclude: [String] = []

  @Option(
    name: .customLong("max-file-size"),
    help: ArgumentHelp("Record larger files as too-large without reading them (e.g. 500M, 2G).", valueName: "size"))
  var maxFileSize: String?

  @Option(
    name: .customLong("max-findings-per-file"),
    help: "Findings kept per category per file; the rest are counted.")
  var maxFindingsPerFile: Int = 1000

  @Flag(name: .customLong("follow-links"), help: "Follow symbolic links (loops are detected and recorded).")
  var followLinks = false

  @Flag(name: .customLong("cross-filesystems"), help: "Descend into other filesystems mounted below a root.")
  var crossFilesystems = false

  @Option(
    name: .customLong("parse-timeout"),
    help: ArgumentHelp("Seconds a PDF may take in its worker before it is stopped and recorded as timed-out.", valueName: "seconds"))
  var parseTimeout: Double = 60

  @Flag(
    name: .customLong("pdf-in-process"),
    help: "Parse PDFs inside the scanning process (no isolation: a crash in the PDF parser ends the scan).")
  var pdfInProcess = false

  @Option(
    help: ArgumentHelp(
      "Images and scanned PDF pages read by OCR: off, auto (those that look like they hold text) or all.",
      valueName: "mode"))
  var ocr: OCRMode = .auto

  @Flag(help: "Print nothing but findings: no progress line, no summary.")
  var quiet = false

  @Option(
    name: .customLong("known-ids"),
    help: ArgumentHelp(
      "The firm's customer identifiers (e.g. a CSV export): only their keyed fingerprints are kept, so "
        + "`nokori report` counts known customers exposed exactly.", valueName: "file"))
  var knownIDs: String?

  func validate() throws {
    guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    guard parseTimeout > 0 else { throw ValidationError("--parse-timeout must be more than 0 seconds") }
    guard maxFindingsPerFile >= 1 else { throw ValidationError("--max-findings-per-file must be at least 1") }
    if let maxFileSize, ByteCount.parse(maxFileSize) == nil {
      throw ValidationError("--max-file-size: '\(maxFileSize)' is not a size (e.g. 500M, 2G)")
    }
  }

  func run() async throws {
    let roots = paths.map { SMBLocation.isSMB($0) ? $0 : URL(fileURLWithPath: $0).standardizedFileURL.path }
    var options = ScanOptions(
      roots: roots,
      walk: WalkOptions(followLinks: followLinks, oneFileSystem: !crossFilesystems, excludes: exclude),
      jobs: jobs, listingWidth: max(2, jobs), maxFileSize: maxFileSize.flatMap(ByteCount.parse),
      minimumConfidence: minConfidence, maxFindingsPerCategory: maxFindingsPerFile)
    options.parseTimeout = parseTimeout
    options.smb = try smbOptions.settings(roots: roots)
    // The extractor stops itself a little before the watchdog kills it: a slow file that is
    // still progressing then keeps the findings of the pages it read.
    options.pdfLimits.timeBudget = parseTimeout * 0.9
    options.ocrMode = ocr
    options.imageLimits.timeBudget = parseTimeout * 0.9
    if !pdfInProcess { options.pdfWorker = [Self.executablePath, "__worker", "pdf"] }
    let patternSet = try patternOptions.loadPatterns()
    let fingerprinter = try patternOptions.loadFingerprinter()
    let knownIdentifiers = try knownIDs.map { path in
      do { return try KnownIdentifierList.load(path: path, patternSet: patternSet, fingerprinter: fingerprinter) } catch {
        throw NokoriUsageError("\(error)")
      }
    }
    let scanner = Scanner(patternSet: patternSet, fingerprinter: fingerprinter, options: options)
    do { try scanner.validateRoots() } catch { throw NokoriUsageError("\(error)") }
    let findingStore = try store.open()
    let destination: TextOutput
    do { destination = try output.map(TextOutput.init(path:)) ?? .standardOutput() } catch {
      throw NokoriUsageError("\(error)")
    }

    let runID = try findingStore.beginRun(
      RunStart(
        host: HostIdentity.hostName, user: HostIdentity.userName, toolVersion: Nokori.version,
        patternDigest: patternSet.digest, keyID: fingerprinter.keyID, roots: roots,
        options: [
          "min_confidence": minConfidence.rawValue, "jobs": String(jobs), "exclude": exclude.joined(separator: " "),
          "max_file_size": maxFileSize ?? "", "follow_links": String(followLinks),
          "cross_filesystems": String(crossFilesystems), "ocr": ocr.rawValue,
        ]))
    if let knownIdentifiers { try findingStore.recordKnownIdentifiers(knownIdentifiers, run: runID) }
    // Images read by OCR in earlier runs (same content, patterns, mode and key) are not read again.
    options.ocrCache.preload(try findingStore.ocrVerdicts(keyID: fingerprinter.keyID))

    let stderr = TextOutput.standardError()
    let showProgress = !quiet && stderr.isTerminal
    let recorder = RunRecorder(
      store: findingStore, run: runID, writer: FindingWriter(output: destination, format: format), failOn: failOn)
    let progressLine = ProgressLine(output: stderr)
    let interruption = Interruption()

    interruption.install()
    let outcome: Result<Void, any Error>
    do {
      try await scanner.run(
        progressInterval: showProgress ? Duration.milliseconds(250) : nil, shouldStop: { interruption.fired }
      ) { event in
        switch event {
        case .report(let report): try recorder.record(report)
        case .progress(let snapshot): if showProgress { progressLine.draw(snapshot) }
        }
      }
      outcome = .success(())
    } catch {
      outcome = .failure(error)
    }
    interruption.restore()
    if showProgress { progressLine.clear() }
    try recorder.finish()
    try findingStore.saveOCRVerdicts(options.ocrCache.readThisRun, keyID: fingerprinter.keyID)
    destination.flush()

    let interrupted = interruption.fired
    let status: Int32
    if case .failure(let error) = outcome, !interrupted {
      try? findingStore.finishRun(runID, totals: recorder.totals, status: "failed", exitCode: ExitStatus.usage)
      throw NokoriUsageError("scan failed: \(error)")
    }
    if interrupted {
      status = ExitStatus.interrupted
    } else if recorder.foundAtFailLevel {
      status = ExitStatus.foundAtFailLevel
    } else if recorder.totals.filesIncomplete > 0 {
      status = ExitStatus.incomplete
    } else {
      status = ExitStatus.finished
    }
    try findingStore.finishRun(
      runID, totals: recorder.totals, status: interrupted ? "interrupted" : "finished", exitCode: status)
    if !quiet, options.ocrCache.reuseCount > 0 {
      stderr.write("OCR: \(options.ocrCache.reuseCount) images were identical to one already read; their verdict was reused\n")
    }
    if !quiet {
      SummaryPrinter.print(
        run: runID, totals: recorder.totals, categories: recorder.categoryCounts,
        outcomes: recorder.outcomeCounts, elapsed: recorder.elapsedSeconds, storePath: findingStore.path,
        interrupted: interrupted, to: stderr)
    }
    if status != ExitStatus.finished { throw ExitCode(status) }
  }

  /// This program's own file, re-executed as the PDF worker.
  static var executablePath: String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
  }
}
