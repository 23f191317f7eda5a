import Foundation

/// OCR text prepared for keyword matching: NFKC-folded (full-width letters and digits become
/// ASCII), ASCII upper-cased, white space removed — OCR puts spaces between Japanese
/// characters and drops them between English words, so spacing carries no meaning here.
public struct FuzzyText: Sendable {
  public let scalars: [Unicode.Scalar]

  public init(_ text: String) {
    scalars = Self.fold(text)
  }

  static func fold(_ text: String) -> [Unicode.Scalar] {
    text.precomposedStringWithCompatibilityMapping.unicodeScalars.compactMap { scalar in
      if scalar.properties.isWhitespace { return nil }
      if scalar.value >= 0x61 && scalar.value <= 0x7A { return Unicode.Scalar(scalar.value - 0x20) }
      return scalar
    }
  }

  /// Edits allowed when matching `keyword`: a Japanese character carries more than a Latin
  /// letter, so 健康保険 must not match 健康保険料 with two edits. Latin: none up to three
  /// letters, one up to five, two up to nine, three beyond; Japanese: none up to three
  /// characters, one up to seven, two beyond.
  static func allowedEdits(_ keyword: [Unicode.Scalar]) -> Int {
    let length = keyword.count
    if keyword.contains(where: { $0.value > 0x7F }) {
      return length <= 3 ? 0 : (length <= 7 ? 1 : 2)
    }
    switch length {
    case ...3: return 0
    case 4...5: return 1
    case 6...9: return 2
    default: return 3
    }
  }

  /// Whether `keyword` (already folded) occurs in this text within its allowed edit distance:
  /// the smallest edit distance between the keyword and any substring (Sellers' algorithm).
  public func contains(_ keyword: [Unicode.Scalar]) -> Bool {
    let length = keyword.count
    guard length > 0, !scalars.isEmpty else { return false }
    let allowed = Self.allowedEdits(keyword)
    if allowed == 0 { return exactlyContains(keyword) }
    // column[i]: distance between keyword[0..<i] and the best substring ending here.
    var column = Array(0...length)
    var next = column
    for scalar in scalars {
      next[0] = 0
      for index in 1...length {
        let substitution = column[index - 1] + (keyword[index - 1] == scalar ? 0 : 1)
        next[index] = min(substitution, column[index] + 1, next[index - 1] + 1)
      }
      if next[length] <= allowed { return true }
      swap(&column, &next)
    }
    return false
  }

  private func exactlyContains(_ keyword: [Unicode.Scalar]) -> Bool {
    guard keyword.count <= scalars.count else { return false }
    outer: for start in 0...(scalars.count - keyword.count) {
      for offset in 0..<keyword.count where scalars[start + offset] != keyword[offset] { continue outer }
      return true
    }
    return false
  }
}
