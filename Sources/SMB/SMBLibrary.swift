import Foundation

/// The process-wide lock around libsmbclient (see ``SMBContext`` for why).
enum SMBLibrary {
  static let lock = NSLock()

  /// Runs `body` holding the lock; `body` must not call back into a locked function.
  static func locked<Result>(_ body: () -> Result) -> Result {
    lock.lock()
    defer { lock.unlock() }
    return body()
  }
}
