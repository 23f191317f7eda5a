/// A Japanese address written the English way, found from its ward or city suffix
/// (`-ku`, `-shi`…) and read back to the block number: `1-2-3 Roppongi, Minato-ku, Tokyo`.
public struct RomanisedAddressReader: ValueReader {
  public static let name = "romanised-address"
  public init(definition: PatternDefinition, resources: PatternResources) {}

  public func read(_ text: UnsafeBufferPointer<UInt8>, anchor: Range<Int>, limit: Int) -> Range<Int>? {
    // After the suffix: not more letters (`-kun`), optionally `, City`.
    var end = anchor.upperBound
    if end < limit, isLower(text[end]) { return nil }
    var position = end
    if position < limit, text[position] == 0x2C { position += 1 }
    if position < limit, text[position] == 0x20 { position += 1 }
    if position < limit, isUpper(text[position]) {
      var word = position + 1
      while word < limit, isLower(text[word]) { word += 1 }
      if word - position >= 3, word >= limit || !isLetter(text[word]) { end = word }
    }
    // Before it: `Ward` (capitalised), separator, `Town` (maybe `Town-cho`), separator, block number.
    guard var cursor = Self.word(text, endingAt: anchor.lowerBound, capitalised: true) else { return nil }
    guard let town = Self.separator(text, before: cursor), let townStart = Self.town(text, endingAt: town) else {
      return nil
    }
    cursor = townStart
    guard let blockEnd = Self.separator(text, before: cursor), let start = Self.block(text, endingAt: blockEnd) else {
      return nil
    }
    return start..<end
  }

  func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
  func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
  func isLetter(_ byte: UInt8) -> Bool { isLower(byte) || isUpper(byte) }

  /// Start of a `[A-Z][a-z]+` word ending at `end`.
  static func word(_ text: UnsafeBufferPointer<UInt8>, endingAt end: Int, capitalised: Bool) -> Int? {
    var start = end
    while start > 0, text[start - 1] >= 0x61, text[start - 1] <= 0x7A, end - start < 30 { start -= 1 }
    guard end - start >= 1, start > 0, text[start - 1] >= 0x41, text[start - 1] <= 0x5A else { return nil }
    return start - 1
  }

  /// `Town` or `Town-cho` ending at `end`.
  static func town(_ text: UnsafeBufferPointer<UInt8>, endingAt end: Int) -> Int? {
    var lower = end
    while lower > 0, text[lower - 1] >= 0x61, text[lower - 1] <= 0x7A, end - lower < 30 { lower -= 1 }
    if lower > 1, text[lower - 1] == 0x2D { return word(text, endingAt: lower - 1, capitalised: true) }
    return word(text, endingAt: end, capitalised: true)
  }

  /// End of what comes before `start` once `, ` or ` ` is skipped.
  static func separator(_ text: UnsafeBufferPointer<UInt8>, before start: Int) -> Int? {
    var position = start
    guard position > 0, text[position - 1] == 0x20 else { return nil }
    position -= 1
    if position > 0, text[position - 1] == 0x2C { position -= 1 }
    return position
  }

  /// Start of `1-2` or `1-2-3` (1–4 digits each) ending at `end`, not glued to more digits.
  static func block(_ text: UnsafeBufferPointer<UInt8>, endingAt end: Int) -> Int? {
    var position = end
    var groups = 0
    while groups < 3 {
      var digits = 0
      while position > 0, text[position - 1] >= 0x30, text[position - 1] <= 0x39, digits < 5 {
        position -= 1
        digits += 1
      }
      guard (1...4).contains(digits) else { return nil }
      groups += 1
      guard position > 0, text[position - 1] == 0x2D, groups < 3 else { break }
      position -= 1
    }
    guard groups >= 2 else { return nil }
    if position > 0, let previous = Optional(text[position - 1]), (previous >= 0x30 && previous <= 0x39) || previous == 0x2D {
      return nil
    }
    return position
  }
}
