/// A bank account number after its label: seven digits (eight at some banks), or a ゆうちょ
/// 記号-番号 pair (5 + 8 digits). Account numbers carry no check digit.
public struct BankAccountValidator: Validator {
  public static let name = "bank-account"
  public init(resources: PatternResources = .empty) {}

  public func validate(_ value: String) -> ValidationResult {
    let groups = value.split(whereSeparator: { $0 == "-" || $0 == " " })
    let digits = value.asciiDigits
    let yucho = groups.count == 2 && groups[0].count == 5 && groups[1].count == 8
    guard digits.count == 7 || digits.count == 8 || yucho else { return .invalid("not 7–8 digits or 記号-番号") }
    guard Set(digits).count > 1 else { return .invalid("digits all the same") }
    return ValidationResult(
      valid: true, canonical: String.digitString(digits), note: yucho ? "ゆうちょ 記号-番号" : "account number")
  }
}
