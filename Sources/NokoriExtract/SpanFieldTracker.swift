import NokoriCore

/// The field locator of structured sources (XML, spreadsheets): the extractor records each
/// value's byte range in the text stream with a small key, and names it only when the
/// detector asks about an offset, so recording costs two integers per value.
///
/// Keeps only the values the detector may still ask about (``discard(before:)``).
public final class SpanFieldTracker: FieldLocator {
  /// Turns a recorded key and detail into a field, when asked.
  public typealias Describe = (_ key: Int, _ detail: Int, _ range: Range<Int>, _ ordinal: Int) -> FieldInfo?

  private var starts: [Int] = []
  private var ends: [Int] = []
  private var keys: [Int] = []
  private var details: [Int] = []
  private var ordinals: [Int] = []
  /// Values recorded per key (keys are small: element paths, columns); negative keys are not counted.
  private var nonEmpty: [Int] = []
  private var head = 0
  private let describe: Describe

  public init(describe: @escaping Describe) {
    self.describe = describe
  }

  /// Forgets everything (a new stream starts at offset 0).
  public func reset() {
    starts.removeAll(keepingCapacity: true)
    ends.removeAll(keepingCapacity: true)
    keys.removeAll(keepingCapacity: true)
    details.removeAll(keepingCapacity: true)
    ordinals.removeAll(keepingCapacity: true)
    nonEmpty.removeAll(keepingCapacity: true)
    head = 0
  }

  /// Records a value at `range` of the text stream; values must be recorded in stream order.
  public func record(_ range: Range<Int>, key: Int, detail: Int = 0) {
    var ordinal = 1
    if key >= 0 {
      if key >= nonEmpty.count { nonEmpty.append(contentsOf: repeatElement(0, count: key - nonEmpty.count + 1)) }
      nonEmpty[key] += 1
      ordinal = nonEmpty[key]
    }
    starts.append(range.lowerBound)
    ends.append(range.upperBound)
    keys.append(key)
    details.append(detail)
    ordinals.append(ordinal)
  }

  /// Spans recorded since the last drain, moved out: a pipelined scan records them on the
  /// parsing thread and replays them, with their text, into the detector thread's tracker.
  public func drain() -> SpanBatch {
    let batch = SpanBatch(
      starts: Array(starts[head...]), ends: Array(ends[head...]), keys: Array(keys[head...]),
      details: Array(details[head...]), ordinals: Array(ordinals[head...]))
    starts.removeAll(keepingCapacity: true)
    ends.removeAll(keepingCapacity: true)
    keys.removeAll(keepingCapacity: true)
    details.removeAll(keepingCapacity: true)
    ordinals.removeAll(keepingCapacity: true)
    head = 0
    return batch
  }

  /// Adds spans drained from another tracker (their ordinals already counted there).
  public func append(_ batch: SpanBatch) {
    starts.append(contentsOf: batch.starts)
    ends.append(contentsOf: batch.ends)
    keys.append(contentsOf: batch.keys)
    details.append(contentsOf: batch.details)
    ordinals.append(contentsOf: batch.ordinals)
  }

  public func field(containing offset: Int) -> FieldInfo? {
    var low = head
    var high = starts.count
    while low < high {
      let mid = (low + high) / 2
      if starts[mid] <= offset { low = mid + 1 } else { high = mid }
    }
    guard low > head else { return nil }
    let index = low - 1
    guard offset < ends[index] else { return nil }
    return describe(keys[index], details[index], starts[index]..<ends[index], ordinals[index])
  }

  public func discard(before offset: Int) {
    while head < ends.count, ends[head] < offset { head += 1 }
    // Compact now and then rather than on every call: removeFirst is linear.
    if head > 4096, head * 2 > starts.count {
      starts.removeFirst(head)
      ends.removeFirst(head)
      keys.removeFirst(head)
      details.removeFirst(head)
      ordinals.removeFirst(head)
      head = 0
    }
  }
}

/// Recorded values in transit between two trackers (see ``SpanFieldTracker/drain()``).
public struct SpanBatch: Sendable {
  var starts: [Int]
  var ends: [Int]
  var keys: [Int]
  var details: [Int]
  var ordinals: [Int]
}
