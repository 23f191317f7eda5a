/// The 記号 (symbol) of a health insurance card: one to eight digits (groups allowed), not
/// all the same. It has no check digit; its label and the words around it carry it.
public struct InsuredSymbolValidator: Validator {
  public static let name = "insured-symbol"
  public init(resources: PatternResources = .empty) {}

  public func validate(_ value: String) -> ValidationResult {
    let digits = value.asciiDigits
    guard (1...8).contains(digits.count) else { return .invalid("not 1–8 digits") }
    guard digits.count < 3 || Set(digits).count > 1 else { return .invalid("digits all the same") }
    return ValidationResult(valid: true, canonical: String.digitString(digits), note: "insurance card symbol")
  }
}
