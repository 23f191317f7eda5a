import Synchronization

/// Counters the progress line reads while workers update them.
public final class ProgressCounters: Sendable {
  private let bytes = Atomic<Int>(0)

  public init() {}

  func addBytes(_ count: Int) { bytes.add(count, ordering: .relaxed) }

  /// Bytes of text read so far by every worker.
  public var bytesRead: Int { bytes.load(ordering: .relaxed) }
}
