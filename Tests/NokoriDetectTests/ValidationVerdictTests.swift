import NokoriCore
import NokoriTestSupport
import Testing

@testable import NokoriDetect

/// Every validator's verdict on bytes (what the engine asks of values it only counts) must be
/// what ``Validator/validate(_:)`` says of the same text: the counts a scan reports depend on it.
@Suite struct ValidationVerdictTests {
  /// Values that take each validator down its edges: separators, placeholders, romanised and
  /// Japanese names, international numbers, eras and month names, kanji block numbers.
  static let edgeValues: [String] = [
    "", " ", "1234 5678 9018", "123456789018", "1234-5678-9018", "1234 5678-9018", "111111111111", "12345678901",
    "090-1234-5678", "+81 90-1234-5678", "+81 (0)3-1234-5678", "+1 212 555 0100", "+0123", "0120-123-456",
    "03-1234-5678", "0000000000", "0311111111", "050-1234-5678", "0800-123-4567", "0570-000-000", "1234567890123456",
    "(03) 1234.5678", "user@example.com", "User.Name@Example.CO.JP", "a@b", "icon@2x.png", ".a@b.com", "a..b@c.com",
    "a@-b.com", "a@b-.com", "名前@例え.jp", "1985/07/14", "1985年7月14日", "平成2年1月1日", "平成元年1月8日",
    "昭和六十三年十二月三十一日", "S63.12.31", "H31.5.1", "20 FEB 1979", "14/07/1985", "07/14/1985", "19850714",
    "1899-12-31", "2999-01-01", "2月30日", "令和5年4月1日", "明治45年7月30日", "東京都港区六本木1-2-3",
    "大阪府大阪市北区梅田一丁目2番3号", "東京都港区", "東京都", "愛知県名古屋市中村区5-14", "北海道札幌市 中央区 北1条西2丁目",
    "山田 太郎", "山田\u{3000}太郎", "山田\u{3000}太郎, ", "髙橋 由美", "ヤマダ タロウ", "未記入", "該当 なし", "山田1号",
    "山", "N/A", "Taro Yamada", "YAMADA", "HANAKO", "Sample, Yamada", "佐々木花子", "な し", "氏名", "様",
    "AB1234567", "TK1234567", "AB12345678", "123456789012", "12-34-567890-12", "\u{FF11}\u{FF12}",
  ]

  /// Every pattern's examples (the values they must match and the texts around them, word by word).
  static func exampleValues(_ set: PatternSet) -> [String] {
    var values: [String] = []
    for pattern in set.patterns {
      for example in pattern.definition.examples.positive {
        values.append(example.match)
        values.append(contentsOf: example.text.split(whereSeparator: \.isWhitespace).map(String.init))
      }
      for example in pattern.definition.examples.negative {
        values.append(example.text)
        values.append(contentsOf: example.text.split(whereSeparator: \.isWhitespace).map(String.init))
      }
    }
    return values
  }

  @Test func verdictsOnBytesAgreeWithValidate() throws {
    let set = try TestPaths.patternSet()
    let values = Self.edgeValues + Self.exampleValues(set)
    #expect(values.count > 500)
    for type in ValidatorRegistry.all {
      let validator = type.init(resources: set.resources)
      var valid = 0
      for value in values {
        let expected = ValidationVerdict(validator.validate(value))
        if expected.valid { valid += 1 }
        var copy = value
        let verdict = copy.withUTF8 { validator.verdict(for: $0) }
        #expect(verdict == expected, "\(type.name) on a \(value.utf8.count)-byte value")
      }
      // A validator that accepted nothing here would make the comparison say little.
      #expect(valid > 0, "\(type.name) accepted none of the values")
    }
  }

  @Test func bytesThatAreNotUTF8AreJudgedAsTheirRepairedText() throws {
    let set = try TestPaths.patternSet()
    // A lone continuation byte, a truncated kanji, an overlong slash and an encoded surrogate.
    let broken: [[UInt8]] = [
      [0xE5, 0xB1, 0xB1, 0x80, 0xE7, 0x94, 0xB0, 0x20, 0xE5, 0xA4, 0xAA, 0xE9, 0x83, 0x8E],
      Array("東京都港区六本木1-2-3".utf8) + [0xE5, 0xB1],
      Array("1985".utf8) + [0xC0, 0xAF] + Array("07/14".utf8),
      Array("user".utf8) + [0xED, 0xA0, 0x80] + Array("@example.com".utf8),
    ]
    for bytes in broken { #expect(!bytes.withUnsafeBufferPointer(UTF8Scalars.isValid)) }
    for pattern in set.patterns {
      guard let verdict = pattern.verdict, let validate = pattern.validate else { continue }
      for bytes in broken {
        let expected = ValidationVerdict(validate(String(decoding: bytes, as: UTF8.self)))
        #expect(bytes.withUnsafeBufferPointer(verdict) == expected, "\(pattern.definition.id)")
      }
    }
  }

  @Test func scalarsAreDecodedAsStringsDecodeThem() {
    for text in ["", "abc", "東京都", "𠮷野家", "Ünïcödé", "\u{10FFFF}", "a\u{0}b"] {
      var copy = text
      let scalars = copy.withUTF8 { bytes in UTF8Scalars.withScalars(of: bytes) { Array($0) } }
      #expect(scalars == text.unicodeScalars.map(\.value))
    }
  }
}
