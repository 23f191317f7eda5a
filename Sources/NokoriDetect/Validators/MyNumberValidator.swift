/// My Number (個人番号): 12 digits whose last is a weighted mod-11 check digit
/// (平成26年総務省令第85号 第5条; weights 6,5,4,3,2,7,6,5,4,3,2 left to right).
public struct MyNumberValidator: Validator {
  public static let name = "my-number"
  public init() {}

  public func validate(_ value: String) -> ValidationResult {
    let digits = value.asciiDigits
    let canonical = String.digitString(digits)
    guard digits.count == 12 else {
      return ValidationResult(valid: false, canonical: canonical, note: "\(digits.count) digits, not 12")
    }
    if digits.allSatisfy({ $0 == digits[0] }) {
      return ValidationResult(valid: false, canonical: canonical, note: "all digits the same")
    }
    let expected = Self.checkDigit(Array(digits.prefix(11)))
    let groups = value.digitGroups(separators: [0x20, 0x2D, 0x2E])
    let grouped = groups.lengths == [4, 4, 4] && groups.oneSeparator
    guard expected == digits[11] else {
      return ValidationResult(
        valid: false, canonical: canonical, grouped: grouped, note: "check digit fails")
    }
    return ValidationResult(valid: true, canonical: canonical, grouped: grouped, note: "check digit ok")
  }

  /// The check digit of an 11-digit base.
  public static func checkDigit(_ base: [Int]) -> Int {
    let weights = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    let sum = zip(base, weights).reduce(0) { $0 + $1.0 * $1.1 }
    let remainder = sum % 11
    return remainder <= 1 ? 0 : 11 - remainder
  }
}
