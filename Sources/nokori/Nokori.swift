import ArgumentParser
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The `nokori` command: finds copies of customers' personal data left on shares and machines.
@main
struct Nokori: AsyncParsableCommand {
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "nokori",
    abstract: "Find personal data (My Number, e-mail, phone, card numbers…) left behind in files.",
    discussion: """
      Nokori walks folders and shares read-only, decodes text in every Japanese encoding, flags files
      holding personal data, and records runs, file outcomes and masked findings in an SQLite store.
      No raw value is ever printed or stored: only a masked form and a keyed fingerprint.

      Examples:
        nokori scan /mnt/share/Users/tanaka
        nokori scan --format jsonl --output findings.jsonl --exclude '*/node_modules' /srv/files
        nokori runs
        nokori findings --run 3 --format csv
        nokori files --run 3 --outcome unreadable
        nokori patterns test suspicious.csv
        nokori confirm --run 3 --rescan /mnt/share
        nokori report --run 3
        nokori export --run 3 --out case.zip && nokori verify case.zip --public-key signer.pub

      Exit codes: 0 finished; 1 finished and found something at or above --fail-on; 2 usage or
      configuration error; 3 finished, but some files could not be scanned (see `nokori files --run N`);
      75 (`sweep` only) another sweep still holds the store's lock.
      """,
    version: version,
    subcommands: [
      ScanCommand.self, RunsCommand.self, FindingsCommand.self, FilesCommand.self, PatternsCommand.self,
      ConfirmCommand.self, ReportCommand.self, ExportCommand.self, VerifyCommand.self, WorkerCommand.self,
      SweepCommand.self, AcceptCommand.self,
    ]
  )

  /// Parses and runs, mapping usage errors to exit code 2 as DESIGN.md says (the argument
  /// parser's own default is 64).
  static func main() async {
    do {
      var command = try parseAsRoot()
      if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch let code as ExitCode {
      Glibc.exit(code.rawValue)
    } catch {
      if exitCode(for: error) == .success { exit(withError: error) }
      let message = error is NokoriUsageError ? "nokori: \(error)" : fullMessage(for: error)
      FileHandle.standardError.write(Data((message + "\n").utf8))
      Glibc.exit(ExitStatus.usage)
    }
  }
}
