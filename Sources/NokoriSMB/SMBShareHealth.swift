import Foundation
import SMB

/// Shares that stopped answering during a run. Once a share's server is unreachable or times
/// out, its other files fail at once with the same reason instead of each waiting out the
/// timeout (a dead server with 100,000 files would otherwise stall a night's sweep for days);
/// every `retryInterval` one caller tries the share again.
public final class SMBShareHealth: @unchecked Sendable {
  public let retryInterval: Duration
  private let lock = NSLock()
  private var down: [UInt64: (retryAt: ContinuousClock.Instant, error: SMBError)] = [:]

  public init(retryInterval: Duration = .seconds(30)) {
    self.retryInterval = retryInterval
  }

  /// The failure to report without trying, when `location`'s share is known to be down and
  /// it is not yet time to try again. The caller that gets nil at retry time does the retry.
  func knownFailure(_ location: SMBLocation) -> SMBError? {
    lock.lock()
    defer { lock.unlock() }
    guard let entry = down[location.device] else { return nil }
    let now = ContinuousClock.now
    if now >= entry.retryAt {
      down[location.device] = (now + retryInterval, entry.error)
      return nil
    }
    var error = entry.error
    error.operation += " (share not retried for \(retryInterval.components.seconds) s after this failure)"
    return error
  }

  /// Notes how an operation on `location`'s share ended.
  func record(_ location: SMBLocation, failure: SMBError?) {
    lock.lock()
    defer { lock.unlock() }
    if let failure, failure.isConnectionLost {
      down[location.device] = (ContinuousClock.now + retryInterval, failure)
    } else if failure == nil {
      down[location.device] = nil
    }
  }
}
