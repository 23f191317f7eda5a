/// Telephone numbers: Japanese national numbers (10 digits for fixed lines and 0120/0570,
/// 11 for 070/080/090 mobiles, 050 IP phones, 060 and 0800), the same written with +81,
/// and other countries' numbers in E.164 form (+ and 8–15 digits).
public struct JapanesePhoneValidator: Validator {
  public static let name = "jp-phone"
  public init(resources: PatternResources = .empty) {}

  public func validate(_ value: String) -> ValidationResult {
    // The digits go into a small fixed buffer, not an array: customer tables offer one
    // phone candidate per row.
    var digits = SmallDigits()
    var grouped = false
    for byte in value.utf8 {
      if byte >= 0x30 && byte <= 0x39 {
        digits.append(byte)
      } else if byte == 0x2D || byte == 0x20 || byte == 0x28 || byte == 0x29 || byte == 0x2E {
        grouped = true
      }
    }
    guard digits.count <= 15 else {
      return ValidationResult(valid: false, canonical: "", note: "\(digits.count) digits")
    }
    if value.utf8.first == UInt8(ascii: "+") {
      if digits.count >= 2, digits[0] == 0x38, digits[1] == 0x31 {
        var national = SmallDigits()
        national.append(0x30)
        var from = 2
        if digits.count > 2, digits[2] == 0x30 { from = 3 }  // "+81 (0)3-…"
        for index in from..<digits.count { national.append(digits[index]) }
        return validateNational(national, grouped: grouped, international: true)
      }
      let canonical = "+" + digits.string
      guard (8...15).contains(digits.count), digits.count > 0, digits[0] != 0x30 else {
        return ValidationResult(valid: false, canonical: canonical, note: "\(digits.count) digits after +")
      }
      return ValidationResult(valid: true, canonical: canonical, grouped: grouped, note: "international number")
    }
    return validateNational(digits, grouped: grouped, international: false)
  }

  private func validateNational(_ digits: SmallDigits, grouped: Bool, international: Bool) -> ValidationResult {
    func result(_ valid: Bool, _ note: String) -> ValidationResult {
      ValidationResult(valid: valid, canonical: valid ? digits.string : "", grouped: grouped, note: note)
    }
    guard digits.count >= 10, digits.count <= 11, digits[0] == 0x30 else {
      return result(false, digits.count > 11 ? "\(digits.count) digits" : "not a Japanese number")
    }
    var repeated = true
    for index in 2..<digits.count where digits[index] != digits[1] { repeated = false }
    if repeated { return result(false, "repeated digits") }
    let d1 = digits[1]
    let d2 = digits[2]
    let d3 = digits[3]
    switch digits.count {
    case 11:
      if d2 == 0x30, d1 == 0x37 || d1 == 0x38 || d1 == 0x39 || d1 == 0x36 { return result(true, "mobile number") }
      if d1 == 0x35, d2 == 0x30 { return result(true, "IP phone number") }
      if d1 == 0x38, d2 == 0x30, d3 == 0x30 { return result(true, "free-dial number") }
      return result(false, "11 digits with this prefix")
    case 10:
      if (d1 == 0x31 && d2 == 0x32 && d3 == 0x30) || (d1 == 0x35 && d2 == 0x37 && d3 == 0x30)
        || (d1 == 0x39 && d2 == 0x39 && d3 == 0x30)
      {
        return result(true, "service number")
      }
      if d1 != 0x30 { return result(true, international ? "fixed line via +81" : "fixed line") }
      return result(false, "10 digits with this prefix")
    default:
      return result(false, "\(digits.count) digits")
    }
  }
}

/// Up to 24 ASCII digits on the stack.
struct SmallDigits {
  private var storage: (UInt64, UInt64, UInt64) = (0, 0, 0)
  private(set) var count = 0

  mutating func append(_ digit: UInt8) {
    guard count < 24 else {
      count += 1  // only counted: too long for any number that validates here
      return
    }
    withUnsafeMutableBytes(of: &storage) { $0[count] = digit }
    count += 1
  }

  subscript(index: Int) -> UInt8 {
    withUnsafeBytes(of: storage) { $0[index] }
  }

  var string: String {
    withUnsafeBytes(of: storage) { String(decoding: $0.prefix(min(count, 24)), as: UTF8.self) }
  }
}
