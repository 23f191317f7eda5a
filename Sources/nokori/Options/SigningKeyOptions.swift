import ArgumentParser
import Foundation
import NokoriEvidence
import NokoriScanner

/// `--signing-key FILE`: the Ed25519 key that signs evidence bundles.
struct SigningKeyOptions: ParsableArguments {
  @Option(
    name: .customLong("signing-key"),
    help: ArgumentHelp(
      "Ed25519 signing key (default: $NOKORI_SIGNING_KEY, else $XDG_CONFIG_HOME/nokori/signing.key, created 0600).",
      valueName: "file"))
  var signingKey: String?

  var resolvedPath: String {
    let environment = ProcessInfo.processInfo.environment
    return SigningKeyFile.resolvePath(
      explicit: signingKey, environment: environment, configDirectory: ConfigPaths.configDirectory(environment: environment))
  }
}
