import NokoriCore

/// The field locator of structured sources (XML, spreadsheets): the extractor records each
/// value's byte range in the text stream with a small key, and names it only when the
/// detector asks about an offset, so recording costs two integers per value.
///
/// Keeps only the values the detector may still ask about (``discard(before:)``).
public final class SpanFieldTracker: FieldLocator {
  /// Turns a recorded key and detail into a field, when asked.
  public typealias Describe = (_ key: Int, _ detail: Int, _ range: Range<Int>, _ ordinal: Int) -> FieldInfo?

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
  /// Whether the detector wants a field's values, by key (see ``forEachField(startingIn:wanted:_:)``):
  /// 0 not asked yet, 1 wanted, 2 not. A flat table for the small keys every value carries
  /// (a dictionary hashed each value's key twice), a dictionary for any others.
  private var wantedByKey: [UInt8] = []
  private var wantedOtherKeys: [Int: Bool] = [:]
  private static let flatKeys = 1 << 14
  private let describe: Describe

  public init(describe: @escaping Describe) {
    self.describe = describe
  }

  /// Forgets everything (a new stream starts at offset 0).
  public func reset() {
    spans.removeAll(keepingCapacity: true)
    nonEmpty.removeAll(keepingCapacity: true)
    wantedByKey.removeAll(keepingCapacity: true)
    wantedOtherKeys.removeAll(keepingCapacity: true)
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

  public func field(containing offset: Int) -> FieldInfo? {
    guard let index = index(ofSpanStartingAtOrBefore: offset) else { return nil }
    let span = spans[index]
    guard offset < span.end else { return nil }
    return describe(span.key, span.detail, span.start..<span.end, span.ordinal)
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

  /// Calls `body` with every recorded value starting in `range` whose field name `wanted`
  /// accepts (asked once per field): the detector's field readers look for names and
  /// addresses in fields called 氏名 or Address this way, as in a CSV column.
  public func forEachField(startingIn range: Range<Int>, wanted: (String) -> Bool, _ body: (FieldInfo) -> Void) {
    var low = head
    var high = spans.count
    while low < high {
      let mid = (low + high) / 2
      if spans[mid].start < range.lowerBound { low = mid + 1 } else { high = mid }
    }
    var index = low
    while index < spans.count, spans[index].start < range.upperBound {
      let span = spans[index]
      index += 1
      let known = wantedKnown(span.key)
      if known == false { continue }
      guard let field = describe(span.key, span.detail, span.start..<span.end, span.ordinal), let name = field.name
      else { continue }
      let isWanted = known ?? wanted(name)
      if known == nil { setWanted(span.key, isWanted) }
      if isWanted { body(field) }
    }
  }

  private func wantedKnown(_ key: Int) -> Bool? {
    guard key >= 0, key < Self.flatKeys else { return wantedOtherKeys[key] }
    guard key < wantedByKey.count else { return nil }
    switch wantedByKey[key] {
    case 1: return true
    case 2: return false
    default: return nil
    }
  }

  private func setWanted(_ key: Int, _ wanted: Bool) {
    guard key >= 0, key < Self.flatKeys else {
      wantedOtherKeys[key] = wanted
      return
    }
    if key >= wantedByKey.count { wantedByKey.append(contentsOf: repeatElement(0, count: key + 1 - wantedByKey.count)) }
    wantedByKey[key] = wanted ? 1 : 2
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
