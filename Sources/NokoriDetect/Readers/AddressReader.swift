/// A Japanese address starting at its prefecture (東京都港区六本木1-2-3): kanji, kana, digits
/// and hyphens up to the end of the line or a separator. ``JapaneseAddressValidator`` decides
/// whether it is a full address.
public struct AddressReader: ValueReader {
  public static let name = "address"
  public init(definition: PatternDefinition, resources: PatternResources) {}

  public func read(_ text: UnsafeBufferPointer<UInt8>, anchor: Range<Int>, limit: Int) -> Range<Int>? {
    Self.readAddress(text, from: anchor.lowerBound, limit: limit)
  }

  static func readAddress(_ text: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int) -> Range<Int>? {
    var position = start
    var end = start
    var scalars = 0
    var spaces = 0
    while position < limit, scalars < 60 {
      let scalar = TextScalar(text, at: position)
      let value = scalar.value
      if scalar.isKanji || scalar.isKana || scalar.isDigit || value == 0x2D || value == 0x30FB || value == 0x2010 {
        position += scalar.length
        end = position
      } else if value == 0x20, spaces == 0, scalars > 0 {
        spaces += 1
        position += 1
      } else {
        break
      }
      scalars += 1
    }
    return end > start ? start..<end : nil
  }
}

/// The same address, after a label (住所: 港区六本木1-2-3), where the prefecture may be left out.
public struct LabelledAddressReader: ValueReader {
  public static let name = "address-after-label"
  public init(definition: PatternDefinition, resources: PatternResources) {}

  public func read(_ text: UnsafeBufferPointer<UInt8>, anchor: Range<Int>, limit: Int) -> Range<Int>? {
    guard var start = LabelSeparator.skip(text, from: anchor.upperBound, limit: limit) else { return nil }
    // A postal code before the address (〒106-0032 東京都…) belongs to it but is not the value.
    if start + 3 <= limit, text[start] == 0xE3, text[start + 1] == 0x80, text[start + 2] == 0x92 { start += 3 }
    var digits = start
    while digits < limit, (text[digits] >= 0x30 && text[digits] <= 0x39) || text[digits] == 0x2D { digits += 1 }
    if digits - start == 8 || digits - start == 7, let next = LabelSeparator.skip(text, from: digits, limit: limit) {
      start = next
    }
    return AddressReader.readAddress(text, from: start, limit: limit)
  }
}
