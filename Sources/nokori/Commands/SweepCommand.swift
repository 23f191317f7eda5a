import ArgumentParser
import Foundation
import NokoriCore
import NokoriDetect
import NokoriReports
import NokoriScanner
import NokoriStore

/// `nokori sweep --config FILE`: the unattended nightly run over every configured root,
/// reading again only what changed since the last sweep.
struct SweepCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract: "Sweep the roots of a YAML config, re-reading only files changed since the last sweep.",
    discussion: """
      A file whose device, inode, size, mtime and ctime are unchanged since the last completed sweep \
      (with the same patterns, key and verdict options) is not read again: its verdict is carried over \
      and marked `reused` in `nokori files`. A sweep that was killed is resumed: the files it recorded \
      are carried over too. Only one sweep runs per store (a lock file beside it).

      Logs go to stderr, one `key=value` line per event (or JSON). With `on_finish: {summary: true}` \
      (the default) one summary line goes to stdout, for cron mail.

      Findings in `allowed:` locations, and findings accepted with `nokori accept` (until their file \
      changes), are stored but are not violations. `on_finish: {new_findings: FILE}` writes the \
      violations that were not violations in the previous completed sweep (JSONL or CSV).

      Exit codes: 0 finished, no violation; 1 finished and violations remain (new or not); 2 \
      configuration error; 3 finished but some files or roots could not be read; 75 another sweep \
      holds the lock (EX_TEMPFAIL: try later); 130 stopped by SIGINT/SIGTERM (the next sweep resumes).

      Example:
        nokori sweep --config /etc/nokori/sweep.yaml
      """)

  @Option(help: ArgumentHelp("The sweep's YAML config (see contrib/sweep.yaml).", valueName: "file"))
  var config: String

  @Flag(help: "Read every file again: carry no verdict over.")
  var full = false

  @Option(name: .customLong("log-format"), help: "Log lines on stderr: text (key=value) or json.")
  var logFormat: SweepLog.Format = .text

  func run() async throws {
    let log = SweepLog(format: logFormat)
    let settings: SweepConfig
    do { settings = try SweepConfigParser.load(path: config) } catch {
      log.error("config.invalid", ["error": error.description])
      throw NokoriUsageError(error.description)
    }
    let lock: SweepLock
    do { lock = try SweepLock(path: settings.store + ".lock") } catch let busy as SweepLock.Busy {
      log.warning("sweep.locked", ["lock": busy.path, "holder_pid": busy.holder ?? "unknown"])
      FileHandle.standardError.write(
        Data(
          ("nokori: another sweep is still running on this store (lock \(busy.path)"
            + (busy.holder.map { ", pid \($0)" } ?? "") + "); exiting with \(ExitStatus.locked)\n").utf8))
      throw ExitCode(ExitStatus.locked)
    }
    let run = try SweepRun(settings: settings, full: full, log: log)
    let status = try await run.execute()
    withExtendedLifetime(lock) {}
    if status != ExitStatus.finished { throw ExitCode(status) }
  }
}
