import ArgumentParser
import Foundation
import NokoriCore
import NokoriDetect
import NokoriScanner

/// `--patterns DIR` and `--key-file FILE`: the detectors and the fingerprint key.
struct PatternOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Folder of pattern definitions (default: $NOKORI_PATTERNS, else the installed set).", valueName: "dir"))
  var patterns: String?

  @Option(
    name: .customLong("key-file"),
    help: ArgumentHelp(
      "Fingerprint key (default: $NOKORI_KEY_FILE, else $XDG_CONFIG_HOME/nokori/fingerprint.key, created 0600).",
      valueName: "file"))
  var keyFile: String?

  func loadPatterns() throws -> PatternSet {
    let directory = PatternLocation.resolve(explicit: patterns, environment: ProcessInfo.processInfo.environment)
    let cache = CompiledDatabaseCache.resolve(environment: ProcessInfo.processInfo.environment)
    do { return try PatternSet.load(directory: directory, databaseCache: cache) } catch {
      throw NokoriUsageError("\(error)")
    }
  }

  func loadFingerprinter() throws -> Fingerprinter {
    let path = FingerprintKeyFile.resolvePath(explicit: keyFile, environment: ProcessInfo.processInfo.environment)
    do { return try FingerprintKeyFile.load(path: path, create: true) } catch { throw NokoriUsageError("\(error)") }
  }
}

/// Where the pattern definitions are: the option, `NOKORI_PATTERNS`, beside the installed
/// binary (`../share/nokori/Patterns`), or the source tree this binary was built from.
enum PatternLocation {
  static func resolve(explicit: String?, environment: [String: String]) -> URL {
    if let explicit { return URL(fileURLWithPath: explicit) }
    if let fromEnvironment = environment["NOKORI_PATTERNS"], !fromEnvironment.isEmpty {
      return URL(fileURLWithPath: fromEnvironment)
    }
    let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    let installed = executable.deletingLastPathComponent().appendingPathComponent("../share/nokori/Patterns")
      .standardizedFileURL
    if FileManager.default.fileExists(atPath: installed.path) { return installed }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Patterns")
  }
}
