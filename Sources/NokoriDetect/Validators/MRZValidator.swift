/// A machine-readable zone (ICAO 9303): TD3 passports (2 × 44), TD2 (2 × 36) and TD1 ID cards
/// (3 × 30). Every check digit must pass. OCR confusions (`O`/`0`, `I`/`1`, `B`/`8`, `S`/`5`,
/// `Z`/`2`, `K`/`<` in fillers) are repaired only where the check digits prove the repair.
public struct MRZValidator: Validator {
  public static let name = "mrz"
  public init(resources: PatternResources = .empty) {}

  public func validate(_ value: String) -> ValidationResult {
    let lines = value.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map {
      Array($0.utf8.filter { $0 != 0x20 })
    }
    var repairs = 0
    let parsed: [UInt8]?
    switch lines.map(\.count) {
    case [44, 44]: parsed = Self.checkTwoLine(lines[0], lines[1], optionalEnd: 42, repairs: &repairs)
    case [36, 36]: parsed = Self.checkTwoLine(lines[0], lines[1], optionalEnd: 35, repairs: &repairs)
    case [30, 30, 30]: parsed = Self.checkTD1(lines[0], lines[1], repairs: &repairs)
    default: return .invalid("not a TD1, TD2 or TD3 zone")
    }
    guard let documentNumber = parsed else { return .invalid("a check digit fails") }
    let canonical = String(decoding: documentNumber.filter { $0 != 0x3C }, as: UTF8.self)
    let kind = lines.count == 3 ? "TD1" : (lines[0].count == 44 ? "TD3" : "TD2")
    return ValidationResult(
      valid: true, canonical: canonical,
      note: "\(kind), every check digit ok" + (repairs > 0 ? " after repairing \(repairs) OCR character(s)" : ""))
  }

  /// TD3/TD2 second line: number, nationality, birth, sex, expiry, optional data, composite.
  /// Returns the (repaired) document number.
  static func checkTwoLine(_ first: [UInt8], _ second: [UInt8], optionalEnd: Int, repairs: inout Int) -> [UInt8]? {
    guard [0x50, 0x49, 0x41, 0x43, 0x56].contains(first[0]) else { return nil }
    var line = second
    // A Japanese passport number is two letters and seven digits: where the issuer is JPN, each
    // position's kind is known and OCR slips are undone by position, not by trial.
    if first[2..<5].elementsEqual("JPN".utf8) {
      for index in 0..<2 { repairLetter(&line, at: index, repairs: &repairs) }
      for index in 2..<9 { repairNumericCharacter(&line, at: index, repairs: &repairs) }
    }
    guard let number = repairAlphanumeric(&line, field: 0..<9, check: 9, repairs: &repairs),
      repairNumeric(&line, field: 13..<19, check: 19, repairs: &repairs),
      repairNumeric(&line, field: 21..<27, check: 27, repairs: &repairs)
    else { return nil }
    guard [0x4D, 0x46, 0x3C, 0x58].contains(line[20]) else { return nil }
    if optionalEnd == 42 {
      // TD3's personal number has its own check digit (`<` counts as 0 when the field is empty).
      repairFiller(&line, field: 28..<42, repairs: &repairs)
      guard checkDigit(line[28..<42]) == digitValue(line[42]) else { return nil }
    } else {
      repairFiller(&line, field: 28..<35, repairs: &repairs)
    }
    let compositeAt = optionalEnd == 42 ? 43 : 35
    repairNumericCharacter(&line, at: compositeAt, repairs: &repairs)
    let composite = Array(line[0..<10]) + Array(line[13..<20]) + Array(line[21..<compositeAt])
    guard checkDigit(composite[...]) == digitValue(line[compositeAt]) else { return nil }
    return number
  }

  /// TD1: number on line 1, birth/sex/expiry on line 2, composite over both.
  static func checkTD1(_ first: [UInt8], _ second: [UInt8], repairs: inout Int) -> [UInt8]? {
    var one = first
    var two = second
    guard [0x49, 0x41, 0x43].contains(one[0]),
      let number = repairAlphanumeric(&one, field: 5..<14, check: 14, repairs: &repairs),
      repairNumeric(&two, field: 0..<6, check: 6, repairs: &repairs),
      repairNumeric(&two, field: 8..<14, check: 14, repairs: &repairs)
    else { return nil }
    repairFiller(&one, field: 15..<30, repairs: &repairs)
    repairFiller(&two, field: 18..<29, repairs: &repairs)
    repairNumericCharacter(&two, at: 29, repairs: &repairs)
    let composite = Array(one[5..<30]) + Array(two[0..<7]) + Array(two[8..<15]) + Array(two[18..<29])
    guard checkDigit(composite[...]) == digitValue(two[29]) else { return nil }
    return number
  }

  /// ICAO 9303 check digit: 0–9 as themselves, A–Z as 10–35, `<` as 0, weights 7 3 1.
  static func checkDigit(_ characters: ArraySlice<UInt8>) -> Int {
    let weights = [7, 3, 1]
    var sum = 0
    for (index, character) in characters.enumerated() { sum += value(character) * weights[index % 3] }
    return sum % 10
  }

  static func value(_ character: UInt8) -> Int {
    switch character {
    case 0x30...0x39: Int(character - 0x30)
    case 0x41...0x5A: Int(character - 0x41) + 10
    default: 0
    }
  }

  static func digitValue(_ character: UInt8) -> Int { character == 0x3C ? 0 : (character >= 0x30 && character <= 0x39 ? Int(character - 0x30) : -1) }

  /// Letters OCR reads in place of digits.
  static let asDigit: [UInt8: UInt8] = [
    0x4F: 0x30, 0x51: 0x30, 0x44: 0x30, 0x49: 0x31, 0x4C: 0x31, 0x5A: 0x32, 0x53: 0x35, 0x47: 0x36, 0x42: 0x38,
  ]
  /// Digit/letter pairs OCR confuses inside alphanumeric fields.
  static let swaps: [UInt8: UInt8] = [
    0x30: 0x4F, 0x4F: 0x30, 0x31: 0x49, 0x49: 0x31, 0x38: 0x42, 0x42: 0x38, 0x35: 0x53, 0x53: 0x35, 0x32: 0x5A,
    0x5A: 0x32,
  ]

  /// Digits OCR reads in place of letters.
  static let asLetter: [UInt8: UInt8] = [0x30: 0x4F, 0x31: 0x49, 0x32: 0x5A, 0x35: 0x53, 0x38: 0x42, 0x36: 0x47]

  static func repairLetter(_ line: inout [UInt8], at index: Int, repairs: inout Int) {
    if let letter = asLetter[line[index]] {
      line[index] = letter
      repairs += 1
    }
  }

  static func repairNumericCharacter(_ line: inout [UInt8], at index: Int, repairs: inout Int) {
    if let digit = asDigit[line[index]] {
      line[index] = digit
      repairs += 1
    }
  }

  /// A numeric field (a date) and its check digit: letters become the digits they look like.
  static func repairNumeric(_ line: inout [UInt8], field: Range<Int>, check: Int, repairs: inout Int) -> Bool {
    for index in field { repairNumericCharacter(&line, at: index, repairs: &repairs) }
    repairNumericCharacter(&line, at: check, repairs: &repairs)
    guard line[field].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
    return checkDigit(line[field]) == digitValue(line[check])
  }

  /// An alphanumeric field (the document number): as read if its check digit passes, else
  /// the one combination of confusable characters (at most 6 of them) that passes.
  static func repairAlphanumeric(_ line: inout [UInt8], field: Range<Int>, check: Int, repairs: inout Int) -> [UInt8]? {
    repairNumericCharacter(&line, at: check, repairs: &repairs)
    let expected = digitValue(line[check])
    guard expected >= 0 else { return nil }
    if checkDigit(line[field]) == expected { return Array(line[field]) }
    let confusable = field.filter { swaps[line[$0]] != nil }
    guard !confusable.isEmpty, confusable.count <= 6 else { return nil }
    var passing: [[UInt8]] = []
    for mask in 1..<(1 << confusable.count) {
      var candidate = line
      for (bit, index) in confusable.enumerated() where mask & (1 << bit) != 0 {
        candidate[index] = swaps[line[index]] ?? line[index]
      }
      if checkDigit(candidate[field]) == expected { passing.append(Array(candidate[field])) }
    }
    // Only a repair the check digit singles out is proven.
    guard passing.count == 1, let repaired = passing.first else { return nil }
    for (offset, index) in field.enumerated() where line[index] != repaired[offset] { repairs += 1 }
    line.replaceSubrange(field, with: repaired)
    return repaired
  }

  /// A filler field read with `K` for `<` (OCR's usual slip) when it is otherwise all filler.
  static func repairFiller(_ line: inout [UInt8], field: Range<Int>, repairs: inout Int) {
    guard line[field].contains(0x4B), line[field].allSatisfy({ $0 == 0x3C || $0 == 0x4B }) else { return }
    for index in field where line[index] == 0x4B {
      line[index] = 0x3C
      repairs += 1
    }
  }
}
