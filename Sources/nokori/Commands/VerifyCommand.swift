import ArgumentParser
import Foundation
import NokoriEvidence
import NokoriReports

/// `nokori verify FILE.zip`: is this evidence bundle exactly as it was signed?
struct VerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify", abstract: "Check an evidence bundle's hashes and signature, and name what was altered.",
    discussion: """
      Every member's SHA-256 is checked against MANIFEST, members added or removed are named, and \
      MANIFEST's Ed25519 signature is checked against --public-key (e.g. the signing-key.pub kept \
      from the export), else against this machine's signing key if it has one. With neither, only the \
      key inside the bundle is available, which proves the bundle agrees with itself but not who \
      signed it: the output says so.

      Examples:
        nokori verify case-2026-07.zip --public-key signer.pub

      Exit codes: 0 intact and the signature holds; 1 something was altered, added or removed, or the \
      signature fails (wrong key); 2 usage error (no such file, unreadable key).
      """)

  @Argument(help: ArgumentHelp("The bundle to check.", valueName: "file.zip")) var bundle: String
  @Option(
    name: .customLong("public-key"),
    help: ArgumentHelp("The signer's public key (64 hex digits, as signing-key.pub).", valueName: "file"))
  var publicKey: String?
  @OptionGroup var key: SigningKeyOptions

  func run() throws {
    let url = URL(fileURLWithPath: bundle)
    guard FileManager.default.fileExists(atPath: url.path) else { throw NokoriUsageError("no bundle at \(bundle)") }
    let report: EvidenceBundleVerifier.Report
    var checkedAgainstLocalKey = false
    do {
      if let publicKey {
        let trusted = try SigningKeyFile.loadPublicKey(path: publicKey)
        report = try EvidenceBundleVerifier.verify(bundle: url, trustedKey: trusted, trustedKeySource: publicKey)
      } else if FileManager.default.fileExists(atPath: key.resolvedPath) {
        let local = try SigningKeyFile.load(path: key.resolvedPath, create: false).publicKey
        checkedAgainstLocalKey = true
        report = try EvidenceBundleVerifier.verify(
          bundle: url, trustedKey: local, trustedKeySource: "this machine's signing key \(key.resolvedPath)")
      } else {
        report = try EvidenceBundleVerifier.verify(bundle: url, trustedKey: nil, trustedKeySource: nil)
      }
    } catch let error as SigningKeyError {
      throw NokoriUsageError("\(error)")
    } catch let error as EvidenceError {
      let stdout = TextOutput.standardOutput()
      stdout.line("NOT VERIFIED: \(error)")
      stdout.flush()
      throw ExitCode(ExitStatus.foundAtFailLevel)
    }
    let stdout = TextOutput.standardOutput()
    for problem in report.problems { stdout.line("ALTERED: \(problem)") }
    switch report.signature {
    case .trusted(let source):
      stdout.line("signature: valid, made by key \(report.bundleKeyID ?? "?") (checked against \(source))")
    case .selfConsistentOnly:
      stdout.line(
        "signature: valid under the key inside the bundle (id \(report.bundleKeyID ?? "?")) only — this shows the "
          + "bundle agrees with itself, not who signed it; pass --public-key with the signer's key")
    case .failed(let reason):
      stdout.line("signature: INVALID — \(reason)")
      if checkedAgainstLocalKey {
        stdout.line("  (checked against this machine's key; pass --public-key with the signer's signing-key.pub)")
      }
    }
    if report.isIntact {
      stdout.line("OK: \(report.intactMembers) members match MANIFEST; nothing altered, added or removed")
      stdout.flush()
    } else {
      stdout.line("NOT VERIFIED: \(report.problems.count) problem(s) with the members; see above")
      stdout.flush()
      throw ExitCode(ExitStatus.foundAtFailLevel)
    }
  }
}
