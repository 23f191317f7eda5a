/// A person's name after a label (氏名, お名前, Name:): a run of kanji and kana with at most
/// one space between family and given name, or two to four capitalised Latin words.
public struct PersonNameReader: ValueReader {
  public static let name = "person-name"
  public init(definition: PatternDefinition, resources: PatternResources) {}

  public func read(_ text: UnsafeBufferPointer<UInt8>, anchor: Range<Int>, limit: Int) -> Range<Int>? {
    guard let start = LabelSeparator.skip(text, from: anchor.upperBound, limit: limit) else { return nil }
    let first = TextScalar(text, at: start)
    if first.isLatinLetter { return Self.readLatin(text, from: start, limit: limit) }
    guard first.isKanji || first.isKana else { return nil }
    // 氏名欄には…, 名前を入力: a label running straight into more words is prose, not a form.
    guard start > anchor.upperBound || anchor.isEmpty else { return nil }
    var position = start
    var end = start
    var scalars = 0
    var spaces = 0
    while position < limit, scalars < 14 {
      let scalar = TextScalar(text, at: position)
      if scalar.isKanji || scalar.isKana {
        position += scalar.length
        end = position
        scalars += 1
      } else if scalar.value == 0x20 || scalar.value == 0x3000, spaces == 0, scalars > 0 {
        spaces += 1
        position += scalar.length
      } else {
        break
      }
    }
    return scalars >= 2 ? start..<end : nil
  }

  /// `Taro Yamada`, `YAMADA TARO`, `Yamada, Taro`: two to four words, each capitalised.
  static func readLatin(_ text: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int) -> Range<Int>? {
    var position = start
    var end = start
    var words = 0
    while position < limit, words < 4 {
      guard TextScalar(text, at: position).isLatinLetter, text[position] >= 0x41, text[position] <= 0x5A else {
        break
      }
      var wordEnd = position
      while wordEnd < limit, TextScalar(text, at: wordEnd).isLatinLetter || text[wordEnd] == 0x27 || text[wordEnd] == 0x2D {
        wordEnd += 1
      }
      guard wordEnd - position >= 2 else { break }
      words += 1
      end = wordEnd
      position = wordEnd
      if position < limit, text[position] == 0x2C { position += 1 }
      guard position < limit, text[position] == 0x20 else { break }
      position += 1
    }
    return words >= 1 ? start..<end : nil
  }
}
