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
  public func mayBeValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { Self.rejection(bytes) == nil }

  public func validate(_ value: String) -> ValidationResult {
    var copy = value
    return copy.withUTF8 { bytes in
      if let rejection = Self.rejection(bytes) { return .invalid(rejection.note) }
      var sum = 0
      for index in 0..<10 { sum += Int(bytes[index] - 0x30) * Self.weight(index) }
      return Self.checkDigit(weightedSum: sum) == Int(bytes[10] - 0x30)
        ? ValidationResult(valid: true, canonical: value, note: "commission code, check digit ok", signals: .checksum)
        : ValidationResult(valid: true, canonical: value, note: "commission code ok; check digit does not match")
    }
  }

  /// Why a candidate is not a licence number.
  private enum Rejection: Equatable {
    case length, commissionCode, notDigits, allSame, year(Int)

    var note: String {
      switch self {
      case .length, .notDigits: "not 12 digits"
      case .commissionCode: "no such commission code"
      case .allSame: "digits all the same"
      case .year(let year): "first-licence year \(year) is not plausible"
      }
    }
  }

  /// Why `bytes` are no licence number, or nil when they are one: one pass, no allocation
  /// (it runs for every 12-digit number in the text).
  private static func rejection(_ bytes: UnsafeBufferPointer<UInt8>) -> Rejection? {
    guard bytes.count == 12 else { return .length }
    let first = Int(bytes[0]) - 0x30
    let second = Int(bytes[1]) - 0x30
    guard (0...9).contains(first), (0...9).contains(second), isCommissionCode[first * 10 + second] else {
      return .commissionCode
    }
    var same = true
    for index in 0..<12 {
      let byte = bytes[index]
      guard byte >= 0x30, byte <= 0x39 else { return .notDigits }
      if index > 2, byte != bytes[2] { same = false }
    }
    if same { return .allSame }
    // Digits 3–4 are the year of the first licence (Western, two digits). 27–29 would be
    // 2027–2029 (not yet) or 1927–1929 (a holder licensed a century ago): not a licence.
    let year = Int(bytes[2] - 0x30) * 10 + Int(bytes[3] - 0x30)
    return (27...29).contains(year) ? .year(year) : nil
  }

  /// The weight of digit `index` (0-based) in the check: 5 4 3 2 7 6 5 4 3 2.
  @inline(__always)
  static func weight(_ index: Int) -> Int { index < 4 ? 5 - index : 11 - index }

  /// (11 − (Σ weights·digits mod 11)) mod 10 over the first ten digits, weights 5 4 3 2 7 6 5 4 3 2.
  static func checkDigit(_ digits: [Int]) -> Int {
    checkDigit(weightedSum: digits.prefix(10).enumerated().reduce(0) { $0 + $1.element * weight($1.offset) })
  }

  /// The check digit for a weighted sum of the first ten digits.
  static func checkDigit(weightedSum sum: Int) -> Int { (11 - sum % 11) % 10 }
}
