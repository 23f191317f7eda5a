/// Free text after a label (an employer, a job title): real content, not a placeholder
/// (なし, 未記入, -, N/A) or a form's instruction.
public struct LabelledTextValidator: Validator {
  public static let name = "labelled-text"
  public init(resources: PatternResources = .empty) {}

  static let placeholders: Set<String> = [
    "なし", "無し", "未記入", "不明", "特になし", "該当なし", "記入例", "n/a", "na", "none", "-", "--", "tbd", "unknown",
  ]

  public func validate(_ value: String) -> ValidationResult {
    let trimmed = value.trimmingSpacesAndSeparators()
    guard trimmed.count >= 2, !Self.placeholders.contains(trimmed.lowercased()) else {
      return .invalid("a placeholder, not a value")
    }
    guard !trimmed.hasPrefix("を"), !trimmed.hasPrefix("は"), !trimmed.hasPrefix("の"), !trimmed.hasPrefix("に") else {
      return .invalid("the label is part of a sentence")
    }
    return ValidationResult(valid: true, canonical: trimmed.lowercased(), note: "labelled text")
  }
}

extension String {
  func trimmingSpacesAndSeparators() -> String {
    var slice = Substring(self)
    while let last = slice.last, last == " " || last == "." || last == "/" || last == "-" || last == "," {
      slice = slice.dropLast()
    }
    while let first = slice.first, first == " " { slice = slice.dropFirst() }
    return String(slice)
  }
}
