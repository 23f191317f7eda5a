/// A value from the pattern's `values:` list right after a label (性別: 女, 国籍: 日本):
/// the longest entry that matches, ASCII case-insensitively, not running into a letter.
public struct OneOfReader: ValueReader {
  public static let name = "one-of"
  private let values: [[UInt8]]

  public init(definition: PatternDefinition, resources: PatternResources) {
    values = (definition.values ?? []).map { Array($0.utf8).map(Self.lower) }.sorted { $0.count > $1.count }
  }

  public func read(_ text: UnsafeBufferPointer<UInt8>, anchor: Range<Int>, limit: Int) -> Range<Int>? {
    guard let start = LabelSeparator.skip(text, from: anchor.upperBound, limit: limit) else { return nil }
    for value in values where start + value.count <= limit {
      var equal = true
      for (offset, byte) in value.enumerated() where Self.lower(text[start + offset]) != byte {
        equal = false
        break
      }
      guard equal else { continue }
      let end = start + value.count
      if end < limit, let last = value.last, last < 0x80, TextScalar(text, at: end).isLatinLetter { continue }
      // 男・女, M/F: the options a blank form offers, not an answer.
      if end < limit, [0x30FB, 0x2F, 0xFF0F, 0x7C, 0xFF5C].contains(TextScalar(text, at: end).value) { return nil }
      return start..<end
    }
    return nil
  }

  static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
}
