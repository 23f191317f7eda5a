import NokoriCore

/// Runs every pattern's examples through the real engine (Hyperscan, validators, context),
/// so that a pattern that misses its own positives is refused, the way gitleaks does.
///
/// Each positive is also run behind a multi-byte prefix and a 65-byte shift: its offsets must
/// move by exactly the prefix length.
public struct ExampleVerifier {
  public let patternSet: PatternSet
  private let detector: StreamDetector

  /// Prefixes every positive example is re-run behind.
  static let shifts = ["", "日本語の前置き。\n", String(repeating: "x", count: 64) + " "]

  public init(patternSet: PatternSet, fingerprinter: Fingerprinter) throws {
    self.patternSet = patternSet
    detector = try StreamDetector(patternSet: patternSet, fingerprinter: fingerprinter)
  }

  /// Every failing example of every pattern, as errors; empty when all pass.
  public func verifyAll() -> [PatternError] {
    patternSet.patterns.flatMap { verify($0) }
  }

  /// Every failing example of `pattern`.
  public func verify(_ pattern: CompiledPattern) -> [PatternError] {
    var errors: [PatternError] = []
    let examples = pattern.definition.examples
    if examples.positive.isEmpty || examples.negative.isEmpty {
      errors.append(.invalid(id: pattern.id, reason: "needs at least one positive and one negative example"))
    }
    for example in examples.positive {
      guard let expected = example.text.utf8.firstRange(of: example.match.utf8) else {
        errors.append(.exampleFailed(id: pattern.id, example: example.text, reason: "does not contain its match"))
        continue
      }
      let start = example.text.utf8.distance(from: example.text.utf8.startIndex, to: expected.lowerBound)
      let range = start..<(start + example.match.utf8.count)
      for prefix in Self.shifts {
        let shift = prefix.utf8.count
        let hits = run(example.text, prefix: prefix, field: example.field).filter { $0.patternID == pattern.id }
        let want = (range.lowerBound + shift)..<(range.upperBound + shift)
        guard let hit = hits.first(where: { $0.range == want }) else {
          let got = hits.map { "\($0.range)" }.joined(separator: ", ")
          errors.append(
            .exampleFailed(
              id: pattern.id, example: example.text,
              reason: "expected a finding at bytes \(want) (prefix of \(shift) bytes), got [\(got)]"))
          break
        }
        guard hit.confidence == example.confidence else {
          errors.append(
            .exampleFailed(
              id: pattern.id, example: example.text,
              reason: "expected confidence \(example.confidence), got \(hit.confidence) (\(hit.explanation))"))
          break
        }
      }
    }
    for example in examples.negative {
      let hits = run(example.text, field: example.field).filter { $0.patternID == pattern.id }
      if let hit = hits.first {
        errors.append(
          .exampleFailed(
            id: pattern.id, example: example.text,
            reason: "must not match, but found \(hit.masked) at \(hit.confidence) (\(hit.explanation))"))
      }
    }
    errors += verifyOCR(pattern)
    return errors
  }

  /// The hits for `prefix + text`, optionally as if `text` were the only value of a field
  /// named `field`.
  public func run(_ text: String, prefix: String = "", field: String? = nil) -> [Hit] {
    let start = prefix.utf8.count
    let locator = field.map { SingleFieldLocator(name: $0, range: start..<(start + text.utf8.count)) }
    detector.reset(fieldLocator: locator)
    detector.minimumConfidence = .low
    // Each pattern answers for its own examples, even where another pattern of its category
    // reports the same value.
    detector.mergesOverlaps = false
    do {
      try detector.feed(prefix + text)
      try detector.finish()
    } catch {
      return []
    }
    return detector.hits
  }
}

/// Pretends a whole text is one field with a given name (for examples that carry `field:`).
final class SingleFieldLocator: FieldLocator {
  let info: FieldInfo
  init(name: String, range: Range<Int>) {
    info = FieldInfo(name: name, column: 0, valueRange: range, nonEmptyOrdinal: 1)
  }
  private var slot: FieldSlot { FieldSlot(column: 0, valueRange: info.valueRange, nonEmptyOrdinal: 1) }
  func slot(containing offset: Int) -> FieldSlot? { info.valueRange.contains(offset) ? slot : nil }
  func field(for slot: FieldSlot) -> FieldInfo { info }
  func discard(before offset: Int) {}
  func forEachSlot(startingIn range: Range<Int>, _ body: (FieldSlot) -> Void) {
    if range.contains(info.valueRange.lowerBound) { body(slot) }
  }
}
