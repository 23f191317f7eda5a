extension ExampleVerifier {
  /// Every failing OCR example of a classifier: each must reach exactly its confidence, or
  /// (without one) not fire. A classifier with an `ocr` part needs both kinds of example.
  func verifyOCR(_ pattern: CompiledPattern) -> [PatternError] {
    guard let ocr = pattern.definition.classifier?.ocr else { return [] }
    let examples = ocr.examples ?? []
    var errors: [PatternError] = []
    if !examples.contains(where: { $0.confidence != nil }) || !examples.contains(where: { $0.confidence == nil }) {
      errors.append(.invalid(id: pattern.id, reason: "classifier.ocr needs a positive and a negative example"))
    }
    let classifier = DocumentImageClassifier(patternSet: patternSet)
    for example in examples {
      let verdict = classifier.classify(example: example, id: pattern.id)
      if verdict?.confidence != example.confidence {
        let got = verdict.map { "\($0.confidence) (score \($0.score))" } ?? "nothing"
        errors.append(
          .exampleFailed(
            id: pattern.id, example: example.text,
            reason: "OCR example: expected \(example.confidence.map(\.rawValue) ?? "nothing"), got \(got)"))
      }
    }
    return errors
  }
}
