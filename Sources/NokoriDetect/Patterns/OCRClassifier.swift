import NokoriCore

/// The OCR side of a document classifier: the words printed on the document with weights,
/// matched within a small edit distance (OCR misreads a character or two), the categories
/// found in the same text that count as evidence, the document's shape, and the evidence one
/// of which must be present. Defined in Patterns/ beside the literal classifier it extends.
public struct OCRClassifier: Sendable, Codable, Equatable {
  /// Printed words → weight. Compared after NFKC folding, ASCII upper-casing and removing white space.
  public var keywords: [String: Int]
  /// Alternatives, one of which must hold: each is items joined by `+`, every item a keyword,
  /// a category of `findings`, or `shape`.
  public var required: [String]
  /// Categories found by the text detectors in the same text → weight (a verified MRZ).
  public var findings: [String: Int]?
  /// The document's outline, when the image is cropped to it.
  public var shape: DocumentShape?
  /// Weight of an image whose aspect ratio is the document's.
  public var shapeWeight: Int?
  /// Score for `medium`.
  public var medium: Int
  /// Score for `high`.
  public var high: Int
  /// OCR-like texts that must (`confidence` given) or must not (`confidence` absent) classify.
  public var examples: [OCRExample]?

  enum CodingKeys: String, CodingKey {
    case keywords, required, findings, shape, medium, high, examples
    case shapeWeight = "shape_weight"
  }
}

/// The outline of a document: an ID-1 card (85.6 × 54 mm) or an A4 page / passport spread.
public enum DocumentShape: String, Sendable, Codable, Equatable {
  case card, page

  /// Long side over short side.
  public var aspect: Double {
    switch self {
    case .card: 85.6 / 54
    case .page: 2.0.squareRoot()
    }
  }

  /// Whether an image of `width` × `height` pixels has this outline (either orientation).
  public func matches(width: Int, height: Int) -> Bool {
    guard width > 0, height > 0 else { return false }
    let ratio = Double(max(width, height)) / Double(min(width, height))
    return abs(ratio - aspect) <= 0.05
  }
}

/// One OCR example of a classifier.
public struct OCRExample: Sendable, Codable, Equatable {
  public var text: String
  /// Width over height of the imagined image (nil: shape unknown).
  public var aspect: Double?
  /// Categories the text detectors found in it (e.g. `mrz.passport`).
  public var findings: [String]?
  /// The level the classifier must reach exactly; nil means it must not fire.
  public var confidence: Confidence?
  public var why: String?
}
