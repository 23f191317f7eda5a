/// Payment card numbers: 13–19 digits, the Luhn check, and an issuer prefix (IIN) that
/// fits the length (Visa, Mastercard, JCB, American Express, Diners, Discover, UnionPay).
public struct CreditCardValidator: Validator {
  public static let name = "luhn"
  public init(resources: PatternResources = .empty) {}

  public func validate(_ value: String) -> ValidationResult {
    let digits = value.asciiDigits
    let canonical = String.digitString(digits)
    guard (13...19).contains(digits.count) else {
      return ValidationResult(valid: false, canonical: canonical, note: "\(digits.count) digits")
    }
    guard !digits.allSatisfy({ $0 == digits[0] }) else {
      return ValidationResult(valid: false, canonical: canonical, note: "all digits the same")
    }
    guard let brand = Self.brand(canonical, length: digits.count) else {
      return ValidationResult(valid: false, canonical: canonical, note: "no issuer uses this prefix and length")
    }
    guard Self.luhnValid(digits) else {
      return ValidationResult(valid: false, canonical: canonical, note: "\(brand): Luhn check fails")
    }
    let groups = value.digitGroups(separators: [0x20, 0x2D])
    let grouped =
      groups.oneSeparator
      && (groups.lengths == [4, 4, 4, 4] || groups.lengths == [4, 6, 5] || groups.lengths == [4, 6, 4]
        || groups.lengths == [4, 4, 4, 4, 3])
    return ValidationResult(valid: true, canonical: canonical, grouped: grouped, note: "\(brand), Luhn ok")
  }

  /// True when the Luhn sum of `digits` is a multiple of 10.
  public static func luhnValid(_ digits: [Int]) -> Bool {
    var sum = 0
    for (index, digit) in digits.reversed().enumerated() {
      if index % 2 == 1 {
        let doubled = digit * 2
        sum += doubled > 9 ? doubled - 9 : doubled
      } else {
        sum += digit
      }
    }
    return sum % 10 == 0
  }

  static func brand(_ number: String, length: Int) -> String? {
    func prefix(_ n: Int) -> Int { Int(number.prefix(n)) ?? -1 }
    if prefix(1) == 4, [13, 16, 19].contains(length) { return "Visa" }
    if (51...55).contains(prefix(2)) || (2221...2720).contains(prefix(4)), length == 16 { return "Mastercard" }
    if [34, 37].contains(prefix(2)), length == 15 { return "American Express" }
    if (3528...3589).contains(prefix(4)), (16...19).contains(length) { return "JCB" }
    if (300...305).contains(prefix(3)) || [36, 38, 39].contains(prefix(2)), (14...19).contains(length) {
      return "Diners Club"
    }
    if prefix(4) == 6011 || (644...649).contains(prefix(3)) || prefix(2) == 65, (16...19).contains(length) {
      return "Discover"
    }
    if prefix(2) == 62, (16...19).contains(length) { return "UnionPay" }
    return nil
  }
}
