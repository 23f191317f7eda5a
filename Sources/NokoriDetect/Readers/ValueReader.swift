/// Finds a value next to an anchor in normalised UTF-8 text: after a label (氏名, 生年月日),
/// starting at a prefecture, or before an honorific (様). Patterns name one in `value:`.
///
/// Readers only find where a value is; a validator then decides what it is worth.
public protocol ValueReader: Sendable {
  /// The name Patterns/*.yaml use in `value:`.
  static var name: String { get }
  init(definition: PatternDefinition, resources: PatternResources)
  /// The value's byte range, or nil. `anchor` is what the pattern matched (empty at a field's
  /// first byte, when the value is read out of a named field); the value must end by `limit`.
  func read(_ text: UnsafeBufferPointer<UInt8>, anchor: Range<Int>, limit: Int) -> Range<Int>?
}

/// The readers a pattern may name.
public enum ValueReaderRegistry {
  public static let all: [any ValueReader.Type] = [
    PersonNameReader.self, HonorificNameReader.self, DateReader.self, OneOfReader.self, FreeTextReader.self,
    AddressReader.self, LabelledAddressReader.self, DigitsReader.self, MRZReader.self, RomanisedAddressReader.self,
  ]

  public static func reader(named name: String, definition: PatternDefinition, resources: PatternResources)
    -> (any ValueReader)?
  {
    all.first { $0.name == name }.map { $0.init(definition: definition, resources: resources) }
  }
}

/// One Unicode scalar decoded from UTF-8 bytes, with the kinds Japanese text needs.
struct TextScalar {
  let value: UInt32
  let length: Int

  /// The scalar starting at `index` (a malformed byte reads as itself, length 1).
  init(_ text: UnsafeBufferPointer<UInt8>, at index: Int) {
    let lead = text[index]
    var length = 1
    var value = UInt32(lead)
    if lead >= 0xC0 {
      length = lead >= 0xF0 ? 4 : (lead >= 0xE0 ? 3 : 2)
      if index + length <= text.count {
        value = UInt32(lead) & (lead >= 0xF0 ? 0x07 : (lead >= 0xE0 ? 0x0F : 0x1F))
        for offset in 1..<length { value = value << 6 | UInt32(text[index + offset] & 0x3F) }
      } else {
        length = 1
      }
    }
    self.value = value
    self.length = length
  }

  /// The scalar ending right before `index`.
  static func before(_ text: UnsafeBufferPointer<UInt8>, _ index: Int) -> TextScalar? {
    guard index > 0 else { return nil }
    var start = index - 1
    while start > 0, index - start < 4, text[start] & 0xC0 == 0x80 { start -= 1 }
    return TextScalar(text, at: start)
  }

  var isKanji: Bool {
    (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value) || (0xF900...0xFAFF).contains(value)
      || value == 0x3005 || value == 0x30F6 || value == 0x30F5
  }
  var isHiragana: Bool { (0x3041...0x309F).contains(value) }
  var isKatakana: Bool { (0x30A1...0x30FF).contains(value) || (0xFF66...0xFF9F).contains(value) }
  var isKana: Bool { isHiragana || isKatakana }
  var isLatinLetter: Bool { (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) }
  var isDigit: Bool { (0x30...0x39).contains(value) }
  var isLineEnd: Bool { value == 0x0A || value == 0x0D }
  var isSpace: Bool { value == 0x20 || value == 0x09 || value == 0x3000 }
}

/// What stands between a label and its value: spaces, a colon, brackets, a qualifier in
/// parentheses (`氏名（漢字）：`).
enum LabelSeparator {
  /// The first byte of the value after a label ending at `index`, or nil when the value
  /// would start beyond `limit` or after more than one line break.
  static func skip(_ text: UnsafeBufferPointer<UInt8>, from index: Int, limit: Int) -> Int? {
    var position = index
    var lineBreaks = 0
    var steps = 0
    while position < limit, steps < 24 {
      let scalar = TextScalar(text, at: position)
      switch scalar.value {
      case 0x20, 0x09, 0x3A, 0x3D, 0x2E, 0xFF1A, 0x3000, 0x300C, 0x300D, 0x3010, 0x3011, 0x5D, 0x5B, 0x7C:
        position += scalar.length
      case 0x0D:
        position += 1
      case 0x0A:
        lineBreaks += 1
        if lineBreaks > 1 { return nil }
        position += 1
        // A label alone on its line may have its value on the next one, unless that line is
        // another `label: value` pair (a blank form's next question).
        if Self.lineHasColon(text, from: position, limit: limit) { return nil }
      case 0x28, 0xFF08:
        // A qualifier: (漢字), (Kanji), (フリガナ) — skipped whole when it closes soon.
        var end = position + scalar.length
        var inner = 0
        while end < limit, inner < 12 {
          let next = TextScalar(text, at: end)
          end += next.length
          inner += 1
          if next.value == 0x29 || next.value == 0xFF09 { break }
        }
        guard end <= limit, inner < 12 else { return position }
        position = end
      default:
        return position
      }
      steps += 1
    }
    return position < limit ? position : nil
  }

  /// True when a colon stands in the first 16 characters of the line starting at `start`.
  static func lineHasColon(_ text: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int) -> Bool {
    var position = start
    var scalars = 0
    while position < limit, scalars < 16 {
      let scalar = TextScalar(text, at: position)
      if scalar.value == 0x0A { return false }
      if scalar.value == 0x3A || scalar.value == 0xFF1A { return true }
      position += scalar.length
      scalars += 1
    }
    return false
  }
}
