/// A health insurer number (保険者番号): eight digits, a known 法別番号 and a Luhn check digit;
/// or six digits for 国民健康保険, which carry no 法別番号 (their check rule is unverified,
/// so they are accepted on format).
public struct InsurerNumberValidator: Validator {
  public static let name = "insurer-number"
  public init(resources: PatternResources = .empty) {}

  static let lawCodes: Set<Int> = [1, 2, 3, 4, 6, 7, 31, 32, 33, 34, 39, 63, 67, 72, 73, 74, 75]

  public func validate(_ value: String) -> ValidationResult {
    let digits = value.asciiDigits
    let canonical = String.digitString(digits)
    switch digits.count {
    case 8:
      guard Self.lawCodes.contains(digits[0] * 10 + digits[1]) else { return .invalid("no such 法別番号") }
      guard (1...47).contains(digits[2] * 10 + digits[3]) else { return .invalid("no such prefecture number") }
      guard CreditCardValidator.luhnValid(digits) else { return .invalid("check digit fails") }
      return ValidationResult(valid: true, canonical: canonical, note: "法別番号, prefecture, check digit ok")
    case 6:
      guard (1...47).contains(digits[0] * 10 + digits[1]) else { return .invalid("no such prefecture number") }
      return ValidationResult(valid: true, canonical: canonical, note: "国民健康保険 format")
    default:
      return .invalid("not 6 or 8 digits")
    }
  }
}
