/// My Number (個人番号): 12 digits whose last is a weighted mod-11 check digit
/// (平成26年総務省令第85号 第5条; weights 6,5,4,3,2,7,6,5,4,3,2 left to right).
public struct MyNumberValidator: Validator {
  public static let name = "my-number"
  public init(resources: PatternResources = .empty) {}

  /// The weight of the digit at `position` (0-based, left to right): 6,5,4,3,2 then
  /// 7,6,5,4,3,2 (the ordinance's Pn for n = 11 down to 1). A function, not a static array:
  /// a static is checked for initialisation at every use, and this runs per candidate.
  @inline(__always)
  static func weight(_ position: Int) -> Int { position < 5 ? 6 &- position : 12 &- position }

  /// The check digit for a weighted sum of the eleven base digits.
  @inline(__always)
  static func checkDigit(weightedSum sum: Int) -> Int {
    let remainder = sum % 11
    return remainder <= 1 ? 0 : 11 - remainder
  }

  public func validate(_ value: String) -> ValidationResult {
    var copy = value
    let check = copy.withUTF8 { Self.check($0) }
    switch check.failure {
    case .digitCount(let count): return ValidationResult(valid: false, canonical: "", note: "\(count) digits, not 12")
    case .allSame: return ValidationResult(valid: false, canonical: "", note: "all digits the same")
    case .checkDigit: return ValidationResult(valid: false, canonical: "", note: "check digit fails")
    case nil: break
    }
    // Twelve bytes that passed are twelve digits: the value is its own canonical form.
    let canonical =
      value.utf8.count == 12 ? value : String(decoding: value.utf8.filter { $0 >= 0x30 && $0 <= 0x39 }, as: UTF8.self)
    return ValidationResult(valid: true, canonical: canonical, grouped: check.grouped, note: "check digit ok")
  }

  public func mayBeValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { Self.check(bytes).failure == nil }

  public func verdict(for bytes: UnsafeBufferPointer<UInt8>) -> ValidationVerdict {
    let check = Self.check(bytes)
    return ValidationVerdict(valid: check.failure == nil, grouped: check.grouped)
  }

  private enum Failure: Equatable {
    case digitCount(Int), allSame, checkDigit
  }

  /// One pass over the bytes with no allocation: a sales table offers one candidate per
  /// row, and ten in eleven fail here.
  private static func check(_ bytes: UnsafeBufferPointer<UInt8>) -> (failure: Failure?, grouped: Bool) {
    if bytes.count == 12, let failure = checkTwelveDigits(bytes) { return (failure, false) }
    var count = 0
    var sum = 0
    var last = -1
    var first = -1
    var allSame = true
    var groupLengths = (0, 0)
    var groups = 0
    var current = 0
    var separator: UInt8 = 0
    var mixedSeparators = false
    for byte in bytes {
      if byte >= 0x30 && byte <= 0x39 {
        let digit = Int(byte &- 0x30)
        if first < 0 { first = digit } else if digit != first { allSame = false }
        if count < 11 { sum &+= digit &* weight(count) }
        last = digit
        count &+= 1
        current &+= 1
      } else {
        if separator != 0, separator != byte { mixedSeparators = true }
        separator = byte
        if groups == 0 { groupLengths.0 = current } else if groups == 1 { groupLengths.1 = current }
        groups &+= 1
        current = 0
      }
    }
    guard count == 12 else { return (.digitCount(count), false) }
    if allSame { return (.allSame, false) }
    guard checkDigit(weightedSum: sum) == last else { return (.checkDigit, false) }
    let grouped = groups == 2 && !mixedSeparators && groupLengths.0 == 4 && groupLengths.1 == 4 && current == 4
    return (nil, grouped)
  }

  /// Twelve bytes, the usual candidate: the whole check in one loop of fixed length the
  /// compiler unrolls. Nil when they pass, or are not all digits (the general loop decides).
  @inline(__always)
  private static func checkTwelveDigits(_ bytes: UnsafeBufferPointer<UInt8>) -> Failure?? {
    var sum = 0
    var same = true
    let first = bytes[0]
    for index in 0..<12 {
      let digit = Int(bytes[index]) &- 0x30
      guard digit >= 0 && digit <= 9 else { return .none }
      same = same && bytes[index] == first
      if index < 11 { sum &+= digit &* weight(index) }
    }
    if same { return .some(.allSame) }
    return checkDigit(weightedSum: sum) == Int(bytes[11]) &- 0x30 ? .some(nil) : .some(.checkDigit)
  }

  /// The check digit of an 11-digit base.
  public static func checkDigit(_ base: [Int]) -> Int {
    checkDigit(weightedSum: base.prefix(11).enumerated().reduce(0) { $0 + $1.element * weight($1.offset) })
  }
}
