import ArgumentParser
import Foundation
import NokoriReports
import NokoriStore

/// `nokori accept FINGERPRINT|PATH --reason TEXT`: records that a finding, or a whole
/// flagged file, is where it should be, so sweeps stop reporting it until the file changes.
struct AcceptCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "accept", abstract: "Accept a finding (by fingerprint) or a flagged file (by path) as legitimate.",
    discussion: """
      The acceptance records who (user@host), when and why, and the SHA-256 of the file as last \
      scanned: when the file's content changes it is reported again. A fingerprint is accepted in \
      every file whose newest scan holds it. Every acceptance is listed in `nokori export` bundles \
      (acceptances.jsonl).

      Examples:
        nokori accept 3f9a…c2 --reason "customer master, kept by contract"
        nokori accept /srv/crm/export.csv --reason "CRM export area" --db /var/lib/nokori/nokori.db
      """)

  @OptionGroup var store: StoreOptions

  @Argument(help: ArgumentHelp("A finding's fingerprint, or a file's path.", valueName: "fingerprint|path"))
  var target: String

  @Option(help: "Why this is legitimate (kept with the acceptance).")
  var reason: String

  func validate() throws {
    guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
      throw ValidationError("--reason must say why")
    }
  }

  func run() throws {
    let findingStore = try store.openExisting()
    let isFingerprint = target.count == 64 && target.allSatisfy(\.isHexDigit)
    let fingerprint = isFingerprint ? target.lowercased() : nil
    let targets: [AcceptanceTarget]
    if let fingerprint {
      targets = try findingStore.acceptanceTargets(fingerprint: fingerprint)
      guard !targets.isEmpty else {
        throw NokoriUsageError("no flagged file in \(findingStore.path) holds a finding with fingerprint \(fingerprint)")
      }
    } else {
      let path = URL(fileURLWithPath: target).standardizedFileURL.path
      guard let found = try findingStore.acceptanceTarget(path: path) else {
        throw NokoriUsageError("\(path) is not a flagged file in \(findingStore.path) (see `nokori files --run N`)")
      }
      targets = [found]
    }
    try findingStore.accept(
      targets, fingerprint: fingerprint, reason: reason, host: HostIdentity.hostName, user: HostIdentity.userName)
    let stderr = TextOutput.standardError()
    let what = fingerprint.map { "finding \($0)" } ?? "file"
    for accepted in targets {
      stderr.line("accepted \(what) in \(accepted.path) (sha256 \(accepted.sha256.prefix(16))…, seen in run \(accepted.run))")
    }
    stderr.flush()
  }
}
