import Foundation
import NokoriCore
import NokoriDetect
import NokoriReports
import NokoriSMB
import NokoriScanner
import NokoriStore
import NokoriWalk

/// One sweep, once its lock is held: opens the store, decides what may be carried over,
/// scans each root through the same ``Scanner`` as `nokori scan`, and writes the new
/// findings and the summary line.
struct SweepRun {
  let settings: SweepConfig
  let full: Bool
  let log: SweepLog
  static let maxFindingsPerCategory = 1000

  init(settings: SweepConfig, full: Bool, log: SweepLog) throws {
    self.settings = settings
    self.full = full
    self.log = log
  }

  /// Runs the sweep and returns its exit status.
  func execute() async throws -> Int32 {
    let environment = ProcessInfo.processInfo.environment
    let patternSource: PatternSource
    do {
      patternSource = try PatternSource.read(
        directory: PatternLocation.resolve(explicit: settings.patterns, environment: environment))
    } catch { throw NokoriUsageError("patterns: \(error)") }
    // Compiled while the store and the earlier verdicts load: on a night with little to read
    // the compile is a tenth of the sweep.
    let cache = CompiledDatabaseCache.resolve(environment: ProcessInfo.processInfo.environment)
    async let compiled = Result { try PatternSet.compile(patternSource, databaseCache: cache) }
    let fingerprinter: Fingerprinter
    do {
      fingerprinter = try FingerprintKeyFile.load(
        path: FingerprintKeyFile.resolvePath(explicit: settings.keyFile, environment: environment), create: true)
    } catch { throw NokoriUsageError("key_file: \(error)") }
    let store: FindingStore
    do { store = try FindingStore(path: settings.store) } catch {
      log.error("store.unusable", ["store": settings.store, "error": "\(error)"])
      throw NokoriUsageError("store: \(error)")
    }
    let smb: SMBSettings
    do { smb = try smbSettings(environment) } catch { throw NokoriUsageError("smb_credentials: \(error)") }
    // Images read by OCR in earlier runs (same content, patterns, mode and key) are not read again.
    let ocrCache = OCRVerdictCache()
    ocrCache.preload(try store.ocrVerdicts(keyID: fingerprinter.keyID))

    let digest = VerdictDigest.compute(
      patternDigest: patternSource.digest, keyID: fingerprinter.keyID, toolVersion: Nokori.version, config: settings,
      maxFindingsPerCategory: Self.maxFindingsPerCategory)
    let abandoned = try store.markAbandonedSweeps()
    let previousSweep = try store.lastCompletedSweep(before: Int64.max)
    let carry =
      full ? nil : try SweepCarry.load(store: store, verdictDigest: digest, allowed: runOptions["allowed"] ?? "")
    let patternSet: PatternSet
    do { patternSet = try await compiled.get() } catch { throw NokoriUsageError("patterns: \(error)") }
    let roots = settings.roots.map(\.location)
    let runID = try store.beginRun(
      RunStart(
        host: HostIdentity.hostName, user: HostIdentity.userName, toolVersion: Nokori.version,
        patternDigest: patternSet.digest, keyID: fingerprinter.keyID, roots: roots, options: runOptions))
    try store.markSweep(runID, verdictDigest: digest)
    log.info(
      "sweep.start",
      [
        "run": String(runID), "roots": String(roots.count), "full": String(full),
        "carry_candidates": String(carry?.verdicts.count ?? 0), "carry_from": carry?.verdicts.source ?? "none",
        "carry_base": carry?.sources.base.map(String.init) ?? "none", "resumed_killed_runs": String(abandoned),
        "store": settings.store,
      ])

    let recorder = RunRecorder(store: store, run: runID, writer: nil, failOn: nil)
    func totalsWithKept() -> RunTotals { recorder.totals + (carry?.verdicts.kept.totals ?? RunTotals()) }
    func keptCount() -> Int { carry?.verdicts.kept.count ?? 0 }
    let allowed = AllowedLocations(globs: settings.allowed)
    let interruption = Interruption()
    var reused = 0
    var failure: (any Error)?
    interruption.install()
    for root in settings.roots {
      if interruption.fired { break }
      var scanner = Scanner(patternSet: patternSet, fingerprinter: fingerprinter, options: scanOptions(root, ocrCache: ocrCache, smb: smb))
      scanner.priorVerdicts = carry?.verdicts
      do { try scanner.validateRoots() } catch {
        // A vanished root is a gap in this night's coverage, not a reason to skip the others.
        log.warning("root.unreachable", ["root": root.location, "error": "\(error)"])
        try recorder.record(
          FileReport(path: root.location, outcome: .unreadable, detail: "root not reachable: \(error)"))
        continue
      }
      let before = (totalsWithKept().filesSeen, reused + keptCount())
      let started = ContinuousClock.now
      do {
        try await scanner.run(shouldStop: { interruption.fired }) { event in
          guard case .report(var report) = event else { return }
          report.allowed = allowed.contains(report.path)
          if report.reusedFrom != nil { reused += 1 }
          try recorder.record(report)
        }
      } catch {
        failure = error
        log.error("root.failed", ["root": root.location, "error": "\(error)"])
        break
      }
      let files = totalsWithKept().filesSeen - before.0
      let carried = reused + keptCount() - before.1
      log.info(
        "root.done",
        [
          "root": root.location, "files": String(files), "reused": String(carried),
          "read": String(files - carried),
          "seconds": String(format: "%.3f", (ContinuousClock.now - started).inSeconds),
        ])
    }
    interruption.restore()
    do {
      try recorder.finish()
      // The base's rows this run keeps stand for files it did not read; recorded at the end
      // of any run that gets here (a killed one holds only the rows it wrote).
      try carry?.recordKeptRows(run: runID, store: store)
    } catch {
      log.error("store.write_failed", ["store": settings.store, "error": "\(error)"])
      try? store.finishRun(runID, totals: totalsWithKept(), status: "failed", exitCode: ExitStatus.usage)
      throw error
    }
    reused += keptCount()
    try store.setReusedCount(runID, count: reused)
    try store.saveOCRVerdicts(ocrCache.readThisRun, keyID: fingerprinter.keyID)

    if let failure {
      try? store.finishRun(runID, totals: totalsWithKept(), status: "failed", exitCode: ExitStatus.usage)
      throw NokoriUsageError("sweep failed: \(failure)")
    }
    let totals = totalsWithKept()
    if interruption.fired {
      try store.finishRun(runID, totals: totals, status: "interrupted", exitCode: ExitStatus.interrupted)
      log.warning("sweep.interrupted", ["run": String(runID), "files": String(totals.filesSeen)])
      return ExitStatus.interrupted
    }

    // The next sweep's start (without it, that sweep reads the same verdicts from the store),
    // written while the findings are compared; a night that kept its base writes none.
    let indexUpdate = CarryIndexUpdate(carry: carry)
    let ownRows = Result { indexUpdate.needsOwnRows ? try store.carryIndexRecords(ofRun: runID) : [] }
    let indexPath = store.carryIndexPath
    async let indexWritten = Result {
      try indexUpdate.write(run: runID, digest: digest, path: indexPath, ownRows: try ownRows.get())
    }
    // The log's pages go into the database while the findings are compared: otherwise
    // closing the store copies and flushes them after everything else.
    async let checkpointed = Result { try store.checkpointAside() }
    // Findings of rows kept from the last sweep cannot be new: only the run's own are compared.
    let newFindings = try store.newFindings(
      run: runID, since: previousSweep, minimum: settings.minConfidence,
      keptRowsWereInSince: carry?.keptRowsWereIn(previousSweep) ?? false)
    if let path = settings.newFindingsPath {
      let output: TextOutput
      do { output = try TextOutput(path: path) } catch { throw NokoriUsageError("on_finish.new_findings: \(error)") }
      let writer = FindingWriter(output: output, format: settings.newFindingsFormat == .csv ? .csv : .jsonl)
      for finding in newFindings { writer.write(finding) }
      writer.finish()
    }
    // Every outstanding violation keeps the exit code at 1, night after night, until the
    // file is deleted, moved to an allowed location or accepted.
    let violations = try store.violationCount(run: runID, minimum: settings.minConfidence)
    let status: Int32 =
      violations > 0 ? ExitStatus.foundAtFailLevel
      : totals.filesIncomplete > 0 ? ExitStatus.incomplete : ExitStatus.finished
    try store.finishRun(runID, totals: totals, status: "finished", exitCode: status)
    if case .failure(let error) = await indexWritten {
      log.warning("carry_index.not_written", ["store": settings.store, "error": "\(error)"])
    }
    if case .failure(let error) = await checkpointed {
      log.warning("store.checkpoint_failed", ["store": settings.store, "error": "\(error)"])
    }
    let newFiles = Set(newFindings.map(\.path)).count
    let seconds = String(format: "%.1f", recorder.elapsedSeconds)
    log.info(
      "sweep.done",
      [
        "run": String(runID), "files": String(totals.filesSeen), "reused": String(reused),
        "read": String(totals.filesSeen - reused), "flagged": String(totals.filesFlagged),
        "new_findings": String(newFindings.count), "new_files": String(newFiles), "violations": String(violations),
        "incomplete": String(totals.filesIncomplete), "carry_index": indexUpdate.name, "seconds": seconds,
        "exit": String(status),
      ])
    if settings.summary {
      let stdout = TextOutput.standardOutput()
      stdout.line(
        "nokori sweep run \(runID): \(totals.filesSeen) files (\(totals.filesSeen - reused) read, \(reused) carried over), "
          + "\(newFindings.count) new findings in \(newFiles) files, \(violations) findings outstanding, "
          + "\(totals.filesFlagged) files flagged, "
          + "\(totals.filesIncomplete) incomplete, \(seconds) s, exit \(status)")
      stdout.flush()
    }
    return status
  }

  private var runOptions: [String: String] {
    [
      "sweep": "true", "min_confidence": settings.minConfidence.rawValue,
      "exclude": settings.excludes.joined(separator: " "),
      "max_file_size": settings.maxFileSize.map(String.init) ?? "", "ocr": settings.ocr.rawValue,
      "allowed": settings.allowed.joined(separator: " "), "full": String(full),
      "signing_key": settings.signingKey ?? "",
    ]
  }

  /// How `smb://` roots log on: the config's credentials file, else `$NOKORI_SMB_CREDENTIALS`,
  /// else a Kerberos ticket; read only when a root is on a share.
  private func smbSettings(_ environment: [String: String]) throws -> SMBSettings {
    guard settings.roots.contains(where: \.isSMB) else { return SMBSettings() }
    let path = SMBCredentialsFile.resolvePath(explicit: settings.smbCredentials, environment: environment)
    return SMBSettings(
      credentials: try path.map(SMBCredentialsFile.load(path:)),
      spoolLimit: settings.smbCopyLimit ?? SMBSettings.defaultSpoolLimit)
  }

  private func scanOptions(_ root: SweepConfig.Root, ocrCache: OCRVerdictCache, smb: SMBSettings) -> ScanOptions {
    let jobs = root.jobs ?? settings.jobs ?? ProcessInfo.processInfo.activeProcessorCount
    var options = ScanOptions(
      roots: [root.location], walk: WalkOptions(followLinks: false, oneFileSystem: true, excludes: settings.excludes),
      jobs: jobs, listingWidth: max(2, jobs), maxFileSize: settings.maxFileSize,
      minimumConfidence: settings.minConfidence, maxFindingsPerCategory: Self.maxFindingsPerCategory)
    options.pdfLimits.timeBudget = options.parseTimeout * 0.9
    options.pdfWorker = [ScanCommand.executablePath, "__worker", "pdf"]
    options.ocrMode = settings.ocr
    options.ocrCache = ocrCache
    options.smb = smb
    return options
  }
}
