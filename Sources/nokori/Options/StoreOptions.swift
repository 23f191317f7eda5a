import ArgumentParser
import Foundation
import NokoriScanner
import NokoriStore

/// `--db PATH`, shared by every command that reads or writes the store.
struct StoreOptions: ParsableArguments {
  @Option(
    name: .customLong("db"),
    help: ArgumentHelp(
      "SQLite store (default: $NOKORI_DB, else $XDG_DATA_HOME/nokori/nokori.db).", valueName: "path"))
  var path: String?

  var resolvedPath: String {
    path ?? ConfigPaths.defaultStore(environment: ProcessInfo.processInfo.environment)
  }

  func open() throws -> FindingStore {
    do { return try FindingStore(path: resolvedPath) } catch { throw NokoriUsageError("\(error)") }
  }

  /// Opens the store for reading: a missing store is an error, not a new empty one.
  func openExisting() throws -> FindingStore {
    guard FileManager.default.fileExists(atPath: resolvedPath) else {
      throw NokoriUsageError("no store at \(resolvedPath) (run `nokori scan` first, or pass --db)")
    }
    return try open()
  }
}

import NokoriReports

extension OutputFormat: ExpressibleByArgument {}
