import Foundation
import SMB

/// Contexts for the directory listings of a scan. A listing task takes one, uses it alone and
/// gives it back, so no context is ever used by two tasks at once; a connection to a share is
/// then reused from one directory to the next instead of logging on again each time.
public final class SMBContextPool: @unchecked Sendable {
  private let logon: SMBLogon
  private let lock = NSLock()
  private var idle: [SMBContext] = []

  public init(logon: SMBLogon) {
    self.logon = logon
  }

  /// Runs `body` with a context of its own. A context whose connection failed is dropped
  /// rather than returned: the next task starts a fresh one (and reconnects).
  public func withContext<Result>(_ body: (SMBContext) throws(SMBError) -> Result) throws(SMBError) -> Result {
    let context = try take()
    do {
      let result = try body(context)
      give(context)
      return result
    } catch {
      if !error.isConnectionLost { give(context) }
      throw error
    }
  }

  private func take() throws(SMBError) -> SMBContext {
    lock.lock()
    let reused = idle.popLast()
    lock.unlock()
    if let reused { return reused }
    return try SMBContext(logon: logon)
  }

  private func give(_ context: SMBContext) {
    lock.lock()
    idle.append(context)
    lock.unlock()
  }
}
