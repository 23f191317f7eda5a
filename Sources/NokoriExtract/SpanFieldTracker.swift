import NokoriCore

/// The field locator of structured sources (XML, spreadsheets): the extractor records each
/// value's byte range in the text stream with a small key, and names it only when the
/// detector asks about an offset, so recording costs two integers per value.
///
/// Keeps only the values the detector may still ask about (``discard(before:)``).
public final class SpanFieldTracker: FieldLocator {
  /// Turns a recorded key and detail into a field with its names, when asked.
  public typealias Describe = (_ key: Int, _ detail: Int, _ range: Range<Int>, _ ordinal: Int) -> FieldInfo

  /// One recorded value; one array of these rather than one per field: a single append per value.
  struct Span: Sendable {
    var start: Int
    var end: Int
    var key: Int
    var detail: Int
    var ordinal: Int
  }
  private var spans: [Span] = []
  /// Values recorded per key (keys are small: element paths, columns); negative keys are not counted.
  private var nonEmpty: [Int] = []
  private var head = 0
  /// A key's column is `columnBase + key`; negative keys (values outside any named field) share `unnamedColumn`.
  private let columnBase: Int
  private let unnamedColumn: Int
  private let describe: Describe

  /// `describe` must give each value the column `columnBase + key` (or `unnamedColumn` for a negative key).
  public init(columnBase: Int = 0, unnamedColumn: Int = 0, describe: @escaping Describe) {
    self.columnBase = columnBase
    self.unnamedColumn = unnamedColumn
    self.describe = describe
  }

  /// Forgets everything (a new stream starts at offset 0).
  public func reset() {
    spans.removeAll(keepingCapacity: true)
    nonEmpty.removeAll(keepingCapacity: true)
    head = 0
    lastAsked = 0
  }

  /// Records a value at `range` of the text stream; values must be recorded in stream order.
  public func record(_ range: Range<Int>, key: Int, detail: Int = 0) {
    var ordinal = 1
    if key >= 0 {
      if key >= nonEmpty.count { nonEmpty.append(contentsOf: repeatElement(0, count: key - nonEmpty.count + 1)) }
      nonEmpty[key] += 1
      ordinal = nonEmpty[key]
    }
    spans.append(Span(start: range.lowerBound, end: range.upperBound, key: key, detail: detail, ordinal: ordinal))
  }

  /// Spans recorded since the last drain, moved out: a pipelined scan records them on the
  /// parsing thread and replays them, with their text, into the detector thread's tracker.
  public func drain() -> SpanBatch {
    let batch = SpanBatch(spans: Array(spans[head...]))
    spans.removeAll(keepingCapacity: true)
    head = 0
    lastAsked = 0
    return batch
  }

  /// Adds spans drained from another tracker (their ordinals already counted there).
  public func append(_ batch: SpanBatch) {
    spans.append(contentsOf: batch.spans)
  }

  public func slot(containing offset: Int) -> FieldSlot? {
    guard let index = index(ofSpanStartingAtOrBefore: offset) else { return nil }
    let span = spans[index]
    guard offset < span.end else { return nil }
    return slot(span)
  }

  public func field(for slot: FieldSlot) -> FieldInfo {
    describe(slot.key, slot.detail, slot.valueRange, slot.nonEmptyOrdinal)
  }

  @inline(__always)
  private func slot(_ span: Span) -> FieldSlot {
    FieldSlot(
      column: span.key >= 0 ? columnBase + span.key : unnamedColumn, valueRange: span.start..<span.end,
      nonEmptyOrdinal: span.ordinal, key: span.key, detail: span.detail)
  }

  /// The answer to the last question (see ``GallopingSearch``).
  private var lastAsked = 0

  /// The last kept span that starts at or before `offset`.
  private func index(ofSpanStartingAtOrBefore offset: Int) -> Int? {
    let found = spans.withUnsafeBufferPointer { all in
      GallopingSearch.lastIndex(startingAtOrBefore: offset, in: head..<all.count, hint: lastAsked) { all[$0].start }
    }
    if let found { lastAsked = found }
    return found
  }

  /// Calls `body` with every recorded value starting in `range`: the detector's field readers
  /// look for names and addresses in fields called 氏名 or Address this way, as in a CSV column.
  public func forEachSlot(startingIn range: Range<Int>, _ body: (FieldSlot) -> Void) {
    var low = head
    var high = spans.count
    while low < high {
      let mid = (low + high) / 2
      if spans[mid].start < range.lowerBound { low = mid + 1 } else { high = mid }
    }
    var index = low
    while index < spans.count, spans[index].start < range.upperBound {
      body(slot(spans[index]))
      index += 1
    }
  }

  public func discard(before offset: Int) {
    while head < spans.count, spans[head].end < offset { head += 1 }
    // Compact now and then rather than on every call: removeFirst is linear.
    if head > 4096, head * 2 > spans.count {
      spans.removeFirst(head)
      lastAsked = max(0, lastAsked - head)
      head = 0
    }
  }
}

/// Recorded values in transit between two trackers (see ``SpanFieldTracker/drain()``).
public struct SpanBatch: Sendable {
  var spans: [SpanFieldTracker.Span]
}
