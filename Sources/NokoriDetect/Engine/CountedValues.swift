/// The values counted per category, so that a value two patterns of one category both find —
/// a labelled address and the same address found from its prefecture, a phone number two
/// expressions match — is counted once, as it is reported once (see `withoutOverlaps`).
///
/// Values reach the counts near enough in the order of the text that the last few ranges
/// counted per category are all a new one can overlap: a value is never compared with more
/// than ``depth`` others, on a path every value of a 500 MB export takes.
struct CountedValues {
  static let depth = 4

  /// A value noted: its range, and a number its user gives it (the detector's index of a
  /// value it keeps; -1 for none).
  private struct Slot {
    var range: Range<Int> = 0..<0
    var owner = -1
  }

  /// Where a category's next value goes in its ring of ``depth`` slots, and the furthest end
  /// noted in it: a value starting there or later overlaps none of them, which is how nearly
  /// every value arrives (one comparison, not `depth`).
  private struct Ring {
    var next = 0
    var furthestEnd = Int.min
  }

  private var slots: [Slot]
  private var rings: [Ring]
  /// Nothing noted since the last reset: most files have no value of the kinds it tracks.
  private(set) var isEmpty = true

  init(categories: Int) {
    slots = Array(repeating: Slot(), count: categories * Self.depth)
    rings = Array(repeating: Ring(), count: categories)
  }

  mutating func reset() {
    guard !isEmpty else { return }
    for index in slots.indices { slots[index] = Slot() }
    for index in rings.indices { rings[index] = Ring() }
    isEmpty = true
  }

  /// True when `range` overlaps a value noted in `category`.
  func overlaps(_ range: Range<Int>, category: Int) -> Bool {
    if range.lowerBound >= rings[category].furthestEnd { return false }
    let base = category * Self.depth
    for index in base..<(base + Self.depth) where slots[index].range.overlaps(range) { return true }
    return false
  }

  /// Notes `range` in `category` unless it overlaps one already noted; true when it is new.
  mutating func count(_ range: Range<Int>, category: Int, owner: Int = -1) -> Bool {
    if overlaps(range, category: category) { return false }
    let ring = rings[category]
    slots[category * Self.depth + ring.next] = Slot(range: range, owner: owner)
    rings[category] = Ring(next: (ring.next + 1) % Self.depth, furthestEnd: max(ring.furthestEnd, range.upperBound))
    isEmpty = false
    return true
  }

  /// Forgets the value noted in `category` that `range` overlaps, if any, and returns its
  /// owner (-1 when it was noted without one).
  mutating func remove(overlapping range: Range<Int>, category: Int) -> Int? {
    if isEmpty || range.lowerBound >= rings[category].furthestEnd { return nil }
    let base = category * Self.depth
    for index in base..<(base + Self.depth) where slots[index].range.overlaps(range) {
      slots[index].range = 0..<0
      return slots[index].owner
    }
    return nil
  }
}
