import Foundation
import NokoriCore

/// Says which identity documents an image (or a scanned page) is, from its OCR text, its shape
/// and what the text detectors found in it, using the `classifier.ocr` definitions of Patterns/.
/// Immutable; built once per pattern set and shared.
public struct DocumentImageClassifier: Sendable {
  /// One document kind's compiled definition.
  struct Kind: Sendable {
    var id: String
    var category: Category
    var name: String
    var definition: OCRClassifier
    var keywords: [(word: String, folded: [Unicode.Scalar], weight: Int)]
  }

  /// A document the image was judged to be.
  public struct Verdict: Sendable, Equatable {
    public var detector: String
    public var category: Category
    /// The document's name, which stands in for a masked value.
    public var name: String
    public var confidence: Confidence
    public var score: Int
  }

  let kinds: [Kind]

  public init(patternSet: PatternSet) {
    kinds = patternSet.patterns.compactMap { pattern in
      guard let ocr = pattern.definition.classifier?.ocr else { return nil }
      let keywords = ocr.keywords.sorted { $0.key < $1.key }.map { ($0.key, FuzzyText.fold($0.key), $0.value) }
      return Kind(
        id: pattern.id, category: pattern.category, name: pattern.definition.name, definition: ocr, keywords: keywords)
    }
  }

  /// Whether any document kind is defined for OCR.
  public var isEmpty: Bool { kinds.isEmpty }

  /// The documents `text` is, for an image of `width` × `height` (nil: unknown) in which the
  /// text detectors found `categories`.
  public func classify(text: String, width: Int?, height: Int?, categories: Set<Category>) -> [Verdict] {
    let folded = FuzzyText(text)
    return kinds.compactMap { kind in
      verdict(kind, folded: folded, width: width, height: height, categories: Set(categories.map(\.rawValue)))
    }
  }

  /// The verdict for one example of `id` (the pattern-example test).
  public func classify(example: OCRExample, id: String) -> Verdict? {
    guard let kind = kinds.first(where: { $0.id == id }) else { return nil }
    let (width, height) = example.aspect.map { (Int(1000 * $0), 1000) } ?? (0, 0)
    return verdict(
      kind, folded: FuzzyText(example.text), width: width, height: height, categories: Set(example.findings ?? []))
  }

  private func verdict(_ kind: Kind, folded: FuzzyText, width: Int?, height: Int?, categories: Set<String>) -> Verdict? {
    var present: Set<String> = []
    var score = 0
    for keyword in kind.keywords where folded.contains(keyword.folded) {
      present.insert(keyword.word)
      score += keyword.weight
    }
    for (category, weight) in kind.definition.findings ?? [:] where categories.contains(category) {
      present.insert(category)
      score += weight
    }
    if let shape = kind.definition.shape, let width, let height, shape.matches(width: width, height: height) {
      present.insert("shape")
      score += kind.definition.shapeWeight ?? 1
    }
    let satisfied = kind.definition.required.contains { alternative in
      alternative.split(separator: "+").allSatisfy { present.contains($0.trimmingCharacters(in: .whitespaces)) }
    }
    guard satisfied else { return nil }
    let level: Confidence? =
      score >= kind.definition.high ? .high : (score >= kind.definition.medium ? .medium : nil)
    guard let level else { return nil }
    return Verdict(detector: kind.id, category: kind.category, name: kind.name, confidence: level, score: score)
  }
}
