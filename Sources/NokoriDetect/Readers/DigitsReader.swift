/// A number right after a label (保険者番号 12345678, 口座番号 1234567): digits with at most
/// one kind of separator, up to 20 characters.
public struct DigitsReader: ValueReader {
  public static let name = "digits"
  public init(definition: PatternDefinition, resources: PatternResources) {}

  public func read(_ text: UnsafeBufferPointer<UInt8>, anchor: Range<Int>, limit: Int) -> Range<Int>? {
    guard let start = LabelSeparator.skip(text, from: anchor.upperBound, limit: limit) else { return nil }
    var position = start
    var end = start
    while position < limit, position - start < 20 {
      let byte = text[position]
      if byte >= 0x30 && byte <= 0x39 {
        position += 1
        end = position
      } else if byte == 0x2D || byte == 0x20, position + 1 < limit, text[position + 1] >= 0x30, text[position + 1] <= 0x39,
        end > start
      {
        position += 1
      } else {
        break
      }
    }
    guard end > start else { return nil }
    if end < limit, TextScalar(text, at: end).isLatinLetter { return nil }
    return start..<end
  }
}
