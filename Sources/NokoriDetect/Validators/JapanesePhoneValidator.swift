/// Telephone numbers: Japanese national numbers (10 digits for fixed lines and 0120/0570,
/// 11 for 070/080/090 mobiles, 050 IP phones, 060 and 0800), the same written with +81,
/// and other countries' numbers in E.164 form (+ and 8–15 digits).
public struct JapanesePhoneValidator: Validator {
  public static let name = "jp-phone"
  public init(resources: PatternResources = .empty) {}

  public func validate(_ value: String) -> ValidationResult {
    var copy = value
    let reading = copy.withUTF8(Self.read)
    return ValidationResult(
      valid: reading.valid, canonical: reading.canonical, grouped: reading.grouped, note: reading.note.text)
  }

  public func verdict(for bytes: UnsafeBufferPointer<UInt8>) -> ValidationVerdict {
    let reading = Self.read(bytes)
    return ValidationVerdict(valid: reading.valid, grouped: reading.valid && reading.grouped)
  }

  /// What the bytes of a number say, with its canonical form and note left unbuilt.
  private struct Reading {
    var valid: Bool
    var grouped: Bool
    var form: Form
    var note: Note

    enum Form {
      case none
      case national(SmallDigits)
      case international(SmallDigits)
    }

    var canonical: String {
      switch form {
      case .none: ""
      case .national(let digits): digits.string
      case .international(let digits): "+" + digits.string
      }
    }
  }

  private enum Note {
    case digitCount(Int), digitsAfterPlus(Int), international, notJapanese, repeatedDigits
    case mobile, ipPhone, freeDial, elevenDigitPrefix, service, fixedLine, fixedLineViaPlus81, tenDigitPrefix

    var text: String {
      switch self {
      case .digitCount(let count): "\(count) digits"
      case .digitsAfterPlus(let count): "\(count) digits after +"
      case .international: "international number"
      case .notJapanese: "not a Japanese number"
      case .repeatedDigits: "repeated digits"
      case .mobile: "mobile number"
      case .ipPhone: "IP phone number"
      case .freeDial: "free-dial number"
      case .elevenDigitPrefix: "11 digits with this prefix"
      case .service: "service number"
      case .fixedLine: "fixed line"
      case .fixedLineViaPlus81: "fixed line via +81"
      case .tenDigitPrefix: "10 digits with this prefix"
      }
    }
  }

  private static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Reading {
    // The digits go into a small fixed buffer, not an array: customer tables offer one
    // phone candidate per row.
    var digits = SmallDigits()
    var grouped = false
    for byte in bytes {
      if byte >= 0x30 && byte <= 0x39 {
        digits.append(byte)
      } else if byte == 0x2D || byte == 0x20 || byte == 0x28 || byte == 0x29 || byte == 0x2E {
        grouped = true
      }
    }
    guard digits.count <= 15 else {
      return Reading(valid: false, grouped: false, form: .none, note: .digitCount(digits.count))
    }
    if bytes.first == UInt8(ascii: "+") {
      if digits.count >= 2, digits[0] == 0x38, digits[1] == 0x31 {
        var national = SmallDigits()
        national.append(0x30)
        var from = 2
        if digits.count > 2, digits[2] == 0x30 { from = 3 }  // "+81 (0)3-…"
        for index in from..<digits.count { national.append(digits[index]) }
        return readNational(national, grouped: grouped, international: true)
      }
      guard (8...15).contains(digits.count), digits.count > 0, digits[0] != 0x30 else {
        return Reading(
          valid: false, grouped: false, form: .international(digits), note: .digitsAfterPlus(digits.count))
      }
      return Reading(valid: true, grouped: grouped, form: .international(digits), note: .international)
    }
    return readNational(digits, grouped: grouped, international: false)
  }

  private static func readNational(_ digits: SmallDigits, grouped: Bool, international: Bool) -> Reading {
    func result(_ valid: Bool, _ note: Note) -> Reading {
      Reading(valid: valid, grouped: grouped, form: valid ? .national(digits) : .none, note: note)
    }
    guard digits.count >= 10, digits.count <= 11, digits[0] == 0x30 else {
      return result(false, digits.count > 11 ? .digitCount(digits.count) : .notJapanese)
    }
    var repeated = true
    for index in 2..<digits.count where digits[index] != digits[1] { repeated = false }
    if repeated { return result(false, .repeatedDigits) }
    let d1 = digits[1]
    let d2 = digits[2]
    let d3 = digits[3]
    switch digits.count {
    case 11:
      if d2 == 0x30, d1 == 0x37 || d1 == 0x38 || d1 == 0x39 || d1 == 0x36 { return result(true, .mobile) }
      if d1 == 0x35, d2 == 0x30 { return result(true, .ipPhone) }
      if d1 == 0x38, d2 == 0x30, d3 == 0x30 { return result(true, .freeDial) }
      return result(false, .elevenDigitPrefix)
    case 10:
      if (d1 == 0x31 && d2 == 0x32 && d3 == 0x30) || (d1 == 0x35 && d2 == 0x37 && d3 == 0x30)
        || (d1 == 0x39 && d2 == 0x39 && d3 == 0x30)
      {
        return result(true, .service)
      }
      if d1 != 0x30 { return result(true, international ? .fixedLineViaPlus81 : .fixedLine) }
      return result(false, .tenDigitPrefix)
    default:
      return result(false, .digitCount(digits.count))
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
