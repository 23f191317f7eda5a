/// Telephone numbers: Japanese national numbers (10 digits for fixed lines and 0120/0570,
/// 11 for 070/080/090 mobiles, 050 IP phones, 060 and 0800), the same written with +81,
/// and other countries' numbers in E.164 form (+ and 8–15 digits).
public struct JapanesePhoneValidator: Validator {
  public static let name = "jp-phone"
  public init() {}

  private static let separators: [UInt8] = Array("- ().".utf8)

  public func validate(_ value: String) -> ValidationResult {
    var digits = value.asciiDigits
    let grouped = value.utf8.contains { Self.separators.contains($0) }
    if value.utf8.first == UInt8(ascii: "+") {
      if digits.starts(with: [8, 1]) {
        digits.removeFirst(2)
        if digits.first == 0 { digits.removeFirst() }  // "+81 (0)3-…"
        return validateNational([0] + digits, grouped: grouped, international: true)
      }
      let canonical = "+" + String.digitString(digits)
      guard (8...15).contains(digits.count), digits.first != 0 else {
        return ValidationResult(valid: false, canonical: canonical, note: "\(digits.count) digits after +")
      }
      return ValidationResult(valid: true, canonical: canonical, grouped: grouped, note: "international number")
    }
    return validateNational(digits, grouped: grouped, international: false)
  }

  private func validateNational(_ digits: [Int], grouped: Bool, international: Bool) -> ValidationResult {
    let canonical = String.digitString(digits)
    func result(_ valid: Bool, _ note: String) -> ValidationResult {
      ValidationResult(valid: valid, canonical: canonical, grouped: grouped, note: note)
    }
    guard digits.first == 0, digits.count >= 10 else { return result(false, "not a Japanese number") }
    if digits.dropFirst().allSatisfy({ $0 == digits[1] }) { return result(false, "repeated digits") }
    let prefix3 = String(canonical.utf8.prefix(3)) ?? ""
    let prefix4 = String(canonical.utf8.prefix(4)) ?? ""
    switch digits.count {
    case 11:
      if ["070", "080", "090", "060"].contains(prefix3) { return result(true, "mobile number") }
      if prefix3 == "050" { return result(true, "IP phone number") }
      if prefix4 == "0800" { return result(true, "free-dial number") }
      return result(false, "11 digits with prefix \(prefix3)")
    case 10:
      if ["0120", "0570", "0990"].contains(prefix4) { return result(true, "service number") }
      if digits[1] != 0 { return result(true, international ? "fixed line via +81" : "fixed line") }
      return result(false, "10 digits with prefix \(prefix3)")
    default:
      return result(false, "\(digits.count) digits")
    }
  }
}
