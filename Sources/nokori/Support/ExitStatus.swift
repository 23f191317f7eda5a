/// The exit codes DESIGN.md promises, decided once at the end of a run.
enum ExitStatus {
  static let finished: Int32 = 0
  static let foundAtFailLevel: Int32 = 1
  static let usage: Int32 = 2
  static let incomplete: Int32 = 3
  static let interrupted: Int32 = 130
  /// `sweep`: another sweep holds the store's lock (EX_TEMPFAIL from sysexits.h: try again later).
  static let locked: Int32 = 75
}

/// A usage or configuration problem: printed as one line, exit code 2.
struct NokoriUsageError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
