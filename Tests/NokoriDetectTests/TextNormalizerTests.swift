import NokoriDetect
import Testing

@Suite struct TextNormalizerTests {
  func normalize(_ text: String) -> (String, OffsetMap) {
    var output: [UInt8] = []
    var map = OffsetMap()
    Array(text.utf8).withUnsafeBufferPointer { TextNormalizer().normalize($0, into: &output, map: &map) }
    return (String(decoding: output, as: UTF8.self), map)
  }

  @Test func foldsFullWidthDigitsLettersAndSpaces() {
    #expect(normalize("１２３４　ＡＢｃ＠ｅｘ．ｊｐ").0 == "1234 ABc@ex.jp")
  }

  @Test func foldsDashVariants() {
    #expect(normalize("03‐1234―5678 −1 －2").0 == "03-1234-5678 -1 -2")
  }

  @Test func foldsLongVowelMarkOnlyAfterDigits() {
    #expect(normalize("090ー1234ー5678 コーヒー").0 == "090-1234-5678 コーヒー")
  }

  @Test func leavesOtherTextAlone() {
    let text = "個人番号は未記入。Ünïcödé ①②"
    let (normalized, map) = normalize(text)
    #expect(normalized == text)
    #expect(map.isIdentity)
  }

  @Test func mapsEveryOffsetBack() {
    let text = "番号：１２３４ー５６７８"
    let (normalized, map) = normalize(text)
    #expect(normalized == "番号:1234-5678")
    // "番号" is 6 bytes, "：" 3 bytes → ":" 1 byte; each full-width digit 3 bytes → 1.
    #expect(map.decodedOffset(0) == 0)
    #expect(map.decodedOffset(6) == 6)  // ':' starts where '：' started
    #expect(map.decodedOffset(7) == 9)  // '1'
    #expect(map.decodedOffset(8) == 12)  // '2'
    #expect(map.decodedOffset(normalized.utf8.count) == text.utf8.count)
  }

  /// What normalising means, one scalar at a time (the engine works on bytes, eight at a time
  /// over ASCII): the reference the generated texts are checked against.
  static func reference(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      let afterDigit = result.unicodeScalars.last.map { ("0"..."9").contains($0) } ?? false
      switch scalar.value {
      case 0xFF01...0xFF5E: result.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF01 + 0x21) ?? scalar)
      case 0x3000: result += " "
      case 0x2010...0x2015, 0x2212: result += "-"
      case 0x30FC where afterDigit, 0xFF70 where afterDigit: result += "-"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  @Test func generatedMixedTextsMatchTheScalarReference() {
    let pieces = [
      "a", "1", "１", "ー", "ｰ", "ア", "　", "−", "―", "xyz1234567", "番号", "@", "Ü", "12345678901", "\n", "ＡＢ",
      // Near misses of the sixteen-byte filter: same first bytes as a folding character.
      "、", "。", "「", "ダ", "ヿ", "…", "∀", "｡", "ﾝ", "ひらがなとカタカナ", "漢字の文章です",
    ]
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<600 {
      let text = (0..<Int.random(in: 1...80, using: &generator)).map { _ in
        pieces.randomElement(using: &generator) ?? "a"
      }.joined()
      let (normalized, map) = normalize(text)
      #expect(normalized == Self.reference(text), "\(text)")
      #expect(map.decodedOffset(normalized.utf8.count) == text.utf8.count)
    }
  }
}
