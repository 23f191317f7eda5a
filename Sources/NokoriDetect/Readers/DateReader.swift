/// A date after a label (生年月日 昭和63年12月31日, DOB: 1990/01/02, Date of birth 20 FEB 1979):
/// the run of characters a date can be written with. ``DateValidator`` parses it.
public struct DateReader: ValueReader {
  public static let name = "date"
  public init(definition: PatternDefinition, resources: PatternResources) {}

  static let months: Set<String> = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]

  /// 年 月 日 元 and the era and numeral kanji a Japanese date uses.
  static let dateKanji: Set<UInt32> = Set(
    "年月日元明治大正昭和平成令和〇一二三四五六七八九十".unicodeScalars.map(\.value))

  public func read(_ text: UnsafeBufferPointer<UInt8>, anchor: Range<Int>, limit: Int) -> Range<Int>? {
    guard let start = LabelSeparator.skip(text, from: anchor.upperBound, limit: limit) else { return nil }
    var position = start
    var end = start
    var scalars = 0
    while position < limit, scalars < 24 {
      let scalar = TextScalar(text, at: position)
      let value = scalar.value
      if scalar.isDigit || Self.dateKanji.contains(value) {
        position += scalar.length
        end = position
      } else if scalar.isLatinLetter {
        // A run of letters belongs to the date only as a month (FEB) or an era letter (S63).
        var runEnd = position
        while runEnd < limit, TextScalar(text, at: runEnd).isLatinLetter { runEnd += 1 }
        let run = String(decoding: UnsafeBufferPointer(rebasing: text[position..<runEnd]), as: UTF8.self).uppercased()
        let eraLetter = run.count == 1 && "MTSHR".contains(run) && runEnd < limit && TextScalar(text, at: runEnd).isDigit
        guard Self.months.contains(String(run.prefix(3))) && run.count <= 9 || eraLetter else { break }
        position = runEnd
        end = position
      } else if value == 0x2F || value == 0x2E || value == 0x2D || value == 0x20 || value == 0x2C {
        position += 1
      } else {
        break
      }
      scalars += 1
    }
    return end > start ? start..<end : nil
  }
}
