/// A name written before an honorific (山田様, 田中太郎さん): read backwards from the
/// honorific, it must start with a surname from the dictionary, and nothing written in
/// kanji may run into it (株式会社山田様 is a company).
public struct HonorificNameReader: ValueReader {
  public static let name = "name-before-honorific"
  private let resources: PatternResources

  public init(definition: PatternDefinition, resources: PatternResources) {
    self.resources = resources
  }

  public func read(_ text: UnsafeBufferPointer<UInt8>, anchor: Range<Int>, limit: Int) -> Range<Int>? {
    // 様式, 様子, 殿堂: a kanji right after the honorific makes it part of another word.
    if anchor.upperBound < limit, TextScalar(text, at: anchor.upperBound).isKanji { return nil }
    // Scalar starts of the run before the honorific, nearest first.
    var starts: [Int] = []
    var position = anchor.lowerBound
    // 佐藤 太郎 様: a space may stand before the honorific.
    while position > 0, text[position - 1] == 0x20 { position -= 1 }
    let nameEnd = position
    var spaces = 0
    while starts.count < 8, let scalar = TextScalar.before(text, position) {
      if scalar.isKanji || scalar.isKana {
        position -= scalar.length
        starts.append(position)
      } else if scalar.value == 0x20, spaces == 0, !starts.isEmpty {
        spaces += 1
        position -= 1
      } else {
        break
      }
    }
    // The farthest start that begins with a surname and is not glued to more kanji.
    for start in starts.reversed() {
      let head = TextScalar(text, at: start)
      guard head.isKanji || head.isKatakana else { continue }
      if let previous = TextScalar.before(text, start), previous.isKanji || previous.isKatakana { continue }
      if resources.surnamePrefixLength(text, from: start, to: nameEnd) != nil { return start..<nameEnd }
    }
    return nil
  }
}
