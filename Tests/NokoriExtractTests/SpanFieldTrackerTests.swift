import NokoriCore
import Testing

@testable import NokoriExtract

@Suite struct SpanFieldTrackerTests {
  /// Values 3 bytes long with a 2-byte gap after each (offsets 0–2 hold value 0, 5–7 value 1…).
  private func tracker(values: Int) -> SpanFieldTracker {
    let tracker = SpanFieldTracker { key, _, range, ordinal in
      FieldInfo(name: "k\(key)", column: key, valueRange: range, nonEmptyOrdinal: ordinal)
    }
    for index in 0..<values { tracker.record((index * 5)..<(index * 5 + 3), key: index % 7) }
    return tracker
  }

  /// What any order of questions must answer: the value holding `offset`, found by reading all.
  private func expected(_ offset: Int, values: Int, discardedBefore: Int = 0) -> Range<Int>? {
    // Offsets before the first value are in none (`-3 / 5` would be value 0).
    guard offset >= 0 else { return nil }
    let index = offset / 5
    guard index < values, offset % 5 < 3, index * 5 + 3 >= discardedBefore else { return nil }
    return (index * 5)..<(index * 5 + 3)
  }

  @Test func answersInAnyOrderAgreeWithAFullSearch() {
    let values = 20_000
    let tracker = tracker(values: values)
    var generator = SystemRandomNumberGenerator()
    // Rising offsets (the detector's usual order), then jumps back and far ahead.
    var offsets = Array(stride(from: 0, to: values * 5, by: 3))
    offsets += (0..<5_000).map { _ in Int.random(in: -3..<(values * 5 + 10), using: &generator) }
    for offset in offsets {
      #expect(tracker.field(containing: offset)?.valueRange == expected(offset, values: values), "offset \(offset)")
    }
  }

  @Test func discardingKeepsAnswersRightAfterCompaction() {
    let values = 20_000
    let tracker = tracker(values: values)
    #expect(tracker.field(containing: 80_000)?.valueRange == 80_000..<80_003)
    // Drops 12,000 of 20,000 spans: the kept ones are moved to the front of the array.
    tracker.discard(before: 60_000)
    for offset in [80_001, 59_995, 60_000, 60_001, 70_002, 99_996, 30_000, 80_000] {
      #expect(
        tracker.field(containing: offset)?.valueRange == expected(offset, values: values, discardedBefore: 60_000),
        "offset \(offset)")
    }
  }
}
