import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Turns SIGINT and SIGTERM into a clean stop: the scan stops taking new files, what was
/// found is flushed to the store, and the run is marked interrupted.
///
/// `@unchecked Sendable`: `sources` is touched only by the command's own task (install and
/// restore); the signal handlers touch only the atomic flag.
final class Interruption: @unchecked Sendable {
  private var sources: [any DispatchSourceSignal] = []
  private let flag = Atomic<Bool>(false)

  /// True once a signal arrived.
  var fired: Bool { flag.load(ordering: .relaxed) }

  func install() {
    for signalNumber in [SIGINT, SIGTERM] {
      signal(signalNumber, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
      source.setEventHandler { [self] in flag.store(true, ordering: .relaxed) }
      source.resume()
      sources.append(source)
    }
  }

  func restore() {
    for source in sources { source.cancel() }
    sources.removeAll()
    signal(SIGINT, SIG_DFL)
    signal(SIGTERM, SIG_DFL)
  }
}
