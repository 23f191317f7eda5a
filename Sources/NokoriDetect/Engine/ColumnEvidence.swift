/// Decides, per pattern and column, whether a column is made of values of that pattern
/// (a CSV column with no telling header where nearly every value validates).
///
/// Hits in an undecided column wait, at most ``sampleSize`` of them, so memory stays bounded
/// on a file of any length; the decision then holds for the rest of the file.
struct ColumnEvidence {
  /// Whole-field validated values needed before a column is judged.
  static let sampleSize = 50
  /// At least this many valid values, and this share of the column's non-empty values.
  static let minimumValid = 5
  static let minimumShare = 0.9

  struct Key: Hashable {
    var pattern: Int
    var column: Int
  }

  private struct State {
    var valid = 0
    var nonEmpty = 0
    var verdict: Bool?
    var pending: [StreamDetector.Draft] = []
  }

  private var states: [Key: State] = [:]

  mutating func reset() { states.removeAll(keepingCapacity: true) }

  /// The verdict for `key`, if already decided.
  func verdict(_ key: Key) -> Bool? { states[key]?.verdict }

  /// Adds a validated whole-field value; returns the pending hits once the column is decided.
  mutating func add(_ pending: StreamDetector.Draft, key: Key, nonEmptyOrdinal: Int) -> (verdict: Bool, released: [StreamDetector.Draft])? {
    var state = states[key] ?? State()
    state.valid += 1
    state.nonEmpty = max(state.nonEmpty, nonEmptyOrdinal)
    state.pending.append(pending)
    defer { states[key] = state }
    guard state.pending.count >= Self.sampleSize else { return nil }
    return decide(&state)
  }

  /// Decides every column still waiting (end of file) and returns their hits.
  mutating func finish() -> [(verdict: Bool, released: [StreamDetector.Draft])] {
    var out: [(verdict: Bool, released: [StreamDetector.Draft])] = []
    for key in states.keys {
      guard var state = states[key], state.verdict == nil else { continue }
      out.append(decide(&state))
      states[key] = state
    }
    return out
  }

  private func decide(_ state: inout State) -> (verdict: Bool, released: [StreamDetector.Draft]) {
    let verdict =
      state.valid >= Self.minimumValid && Double(state.valid) >= Self.minimumShare * Double(max(state.nonEmpty, 1))
    state.verdict = verdict
    let released = state.pending
    state.pending = []
    return (verdict, released)
  }
}
