/// A driver's licence number (運転免許証番号): 12 digits whose first two are a public-safety
/// commission code. The 11th digit is a check digit that was reverse-engineered, not
/// published: passing it is extra evidence (`checksum`), failing it is not a rejection.
public struct DriversLicenceValidator: Validator {
  public static let name = "drivers-licence"
  public init(resources: PatternResources = .empty) {}

  /// Commission codes (detectors.md §4.6); 00 for some converted foreign licences.
  static let commissionCodes: Set<Int> = [
    0, 10, 11, 12, 13, 14, 20, 21, 22, 23, 24, 25, 30, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55,
    60, 61, 62, 63, 64, 65, 70, 71, 72, 73, 74, 80, 81, 82, 83, 90, 91, 92, 93, 94, 95, 96, 97,
  ]

  /// Index 0–99 → whether it is a commission code.
  static let isCommissionCode: [Bool] = (0..<100).map { commissionCodes.contains($0) }

  /// The same decision as ``validate(_:)`` (both of its outcomes for a valid number are
  /// valid), on the bytes: every 12-digit order number of a sales table comes here.
  public func mayBeValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard bytes.count == 12 else { return false }
    var same = true
    for index in 0..<12 {
      let byte = bytes[index]
      guard byte >= 0x30, byte <= 0x39 else { return false }
      if index > 2, byte != bytes[2] { same = false }
    }
    guard Self.isCommissionCode[Int(bytes[0] - 0x30) * 10 + Int(bytes[1] - 0x30)], !same else { return false }
    let year = Int(bytes[2] - 0x30) * 10 + Int(bytes[3] - 0x30)
    return !(27...29).contains(year)
  }

  public func validate(_ value: String) -> ValidationResult {
    // A valid number is decided on its bytes, with no array; the reasons for an invalid one
    // come from the longer path below.
    var copy = value
    let decided = copy.withUTF8 { bytes -> (valid: Bool, checks: Bool) in
      guard mayBeValid(bytes) else { return (false, false) }
      var sum = 0
      for index in 0..<10 { sum += Int(bytes[index] - 0x30) * (index < 4 ? 5 - index : 11 - index) }
      return (true, (11 - sum % 11) % 10 == Int(bytes[10] - 0x30))
    }
    if decided.valid {
      return decided.checks
        ? ValidationResult(valid: true, canonical: value, note: "commission code, check digit ok", signals: .checksum)
        : ValidationResult(valid: true, canonical: value, note: "commission code ok; check digit does not match")
    }
    let bytes = value.utf8
    guard bytes.count == 12, let first = bytes.first, let second = bytes.dropFirst().first,
      (0x30...0x39).contains(first), (0x30...0x39).contains(second),
      Self.isCommissionCode[Int(first - 0x30) * 10 + Int(second - 0x30)]
    else { return .invalid(bytes.count == 12 ? "no such commission code" : "not 12 digits") }
    var digits = [Int](repeating: 0, count: 12)
    for (index, byte) in bytes.enumerated() {
      guard byte >= 0x30, byte <= 0x39 else { return .invalid("not 12 digits") }
      digits[index] = Int(byte - 0x30)
    }
    guard digits[2...].contains(where: { $0 != digits[2] }) else { return .invalid("digits all the same") }
    // Digits 3–4 are the year of the first licence (Western, two digits). 27–29 would be
    // 2027–2029 (not yet) or 1927–1929 (a holder licensed a century ago): not a licence.
    let year = digits[2] * 10 + digits[3]
    guard !(27...29).contains(year) else { return .invalid("first-licence year \(year) is not plausible") }
    let canonical = value
    if Self.checkDigit(digits) == digits[10] {
      return ValidationResult(valid: true, canonical: canonical, note: "commission code, check digit ok", signals: .checksum)
    }
    return ValidationResult(valid: true, canonical: canonical, note: "commission code ok; check digit does not match")
  }

  /// (11 − (Σ weights·digits mod 11)) mod 10 over the first ten digits, weights 5 4 3 2 7 6 5 4 3 2.
  static func checkDigit(_ digits: [Int]) -> Int {
    let weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    let sum = zip(weights, digits).reduce(0) { $0 + $1.0 * $1.1 }
    return (11 - sum % 11) % 10
  }
}
