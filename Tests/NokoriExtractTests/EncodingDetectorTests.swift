import Foundation
import NokoriExtract
import Testing

@Suite struct EncodingDetectorTests {
  /// Asserts that `bytes` are detected as `expected` with a BOM of `bom` bytes.
  private func expectDetected(
    _ bytes: [UInt8], _ expected: TextEncoding, bom: Int = 0, isComplete: Bool = true,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let result = try #require(
      EncodingDetector.detect(bytes, isComplete: isComplete), "detected as binary", sourceLocation: sourceLocation)
    #expect(result.0 == expected, sourceLocation: sourceLocation)
    #expect(result.1 == bom, sourceLocation: sourceLocation)
  }

  @Test func plainASCIIIsUTF8() throws {
    try expectDetected(Encode.utf8("name,mail\nTaro,taro@example.jp\n"), .utf8)
  }

  @Test func japaneseUTF8() throws {
    try expectDetected(Encode.utf8(Samples.japanese + Samples.cp932Extensions), .utf8)
  }

  @Test func utf8WithBOM() throws {
    try expectDetected([0xEF, 0xBB, 0xBF] + Encode.utf8(Samples.japanese), .utf8, bom: 3)
  }

  @Test func utf8CutMidSequenceIsStillUTF8WhenSampleIsIncomplete() throws {
    let bytes = Encode.utf8(Samples.japanese + "個")
    let cut = Array(bytes.dropLast(1))  // 個 is 3 bytes: leave 2 of them
    try expectDetected(cut, .utf8, isComplete: false)
    // As a whole file the same bytes are not valid UTF-8.
    #expect(!EncodingDetector.isValidUTF8(cut, allowTruncatedEnd: false))
    #expect(EncodingDetector.isValidUTF8(cut, allowTruncatedEnd: true))
  }

  @Test func utf16LittleEndianWithBOM() throws {
    try expectDetected([0xFF, 0xFE] + Encode.utf16LE(Samples.japanese), .utf16LE, bom: 2)
  }

  @Test func utf16BigEndianWithBOM() throws {
    try expectDetected([0xFE, 0xFF] + Encode.utf16BE(Samples.japanese), .utf16BE, bom: 2)
  }

  @Test func utf16LittleEndianWithoutBOMMostlyASCII() throws {
    let text = "id,name,mail\n1,Taro Yamada,taro@example.jp\n2,Hanako Sato,hanako@example.jp\n"
    try expectDetected(Encode.utf16LE(text), .utf16LE)
  }

  @Test func utf16BigEndianWithoutBOMMostlyASCII() throws {
    let text = "id,name,mail\n1,Taro Yamada,taro@example.jp\n2,Hanako Sato,hanako@example.jp\n"
    try expectDetected(Encode.utf16BE(text), .utf16BE)
  }

  @Test func utf16LittleEndianWithoutBOMMostlyJapanese() throws {
    // Japanese lines: kanji, kana and full-width punctuation, with ASCII only in the line ends.
    let text = "氏名：山田太郎\n住所：東京都千代田区丸の内\n勤務先：株式会社テスト\n備考：本人確認済み\n"
    let bytes = try Encode.utf16LE(text)
    let ascii = bytes.enumerated().filter { $0.offset % 2 == 1 && $0.element == 0 }.count
    #expect(ascii * 4 < bytes.count / 2, "the sample should be mostly non-ASCII")
    try expectDetected(bytes, .utf16LE)
  }

  @Test func utf16WithoutBOMAndWithoutAnyASCIIIsNotRecognised() throws {
    // Known limitation of the heuristic: BOM-less UTF-16LE made only of hiragana has no
    // zero byte, and its bytes (42 30 44 30…) are valid ASCII, so it passes as UTF-8.
    // Real files nearly always hold a line break or a digit (00 bytes), which is covered above.
    let bytes = try Encode.utf16LE("あいうえおかきくけこさしすせそ")
    withKnownIssue("BOM-less UTF-16 with no ASCII character at all is taken for 8-bit text") {
      let result = EncodingDetector.detect(bytes, isComplete: true)
      #expect(result?.0 == .utf16LE)
    }
  }

  @Test func cp932WithExtensionCharacters() throws {
    let bytes = try Encode.cp932(Samples.japanese + Samples.cp932Extensions)
    // Sanity: the NEC (①) and IBM (髙) extension characters really are in the sample.
    #expect(bytes.contains(subsequence: [0x87, 0x40]))
    #expect(bytes.contains(subsequence: [0xFB, 0xFC]))
    #expect(bytes.contains(subsequence: [0xB6, 0xC0, 0xB6, 0xC5]))  // ｶﾀｶﾅ
    try expectDetected(bytes, .cp932)
  }

  @Test func cp932OnlyExtensionsAndHalfWidthKana() throws {
    try expectDetected(try Encode.cp932("①②③④⑤ 髙橋 ㈱ ｶﾌﾞｼｷｶﾞｲｼｬ 山田\n"), .cp932)
  }

  @Test func cp932ShortLine() throws {
    try expectDetected(try Encode.cp932("個人番号,氏名\n"), .cp932)
  }

  @Test func eucJP() throws {
    let bytes = try Encode.eucJP(Samples.japanese + Samples.eucExtensions)
    #expect(bytes.contains(subsequence: [0xC5, 0xEC]))  // 東
    #expect(bytes.contains(subsequence: [0xAD, 0xA1]))  // ①
    #expect(bytes.contains(subsequence: [0x8E, 0xB6]))  // ｶ
    try expectDetected(bytes, .eucJP)
  }

  @Test func eucJPShortLine() throws {
    try expectDetected(try Encode.eucJP("個人番号,氏名\n"), .eucJP)
  }

  @Test func legacySampleCutMidCharacterWhenIncomplete() throws {
    // A 64 KiB sample may end between the two bytes of a character: that is no error.
    let cp932 = try Encode.cp932(Samples.japanese + "個")
    try expectDetected(Array(cp932.dropLast(1)), .cp932, isComplete: false)
    let euc = try Encode.eucJP(Samples.japanese + "個")
    try expectDetected(Array(euc.dropLast(1)), .eucJP, isComplete: false)
  }

  @Test func iso2022JP() throws {
    let bytes = try Encode.iso2022JP(Samples.japanese)
    #expect(bytes.allSatisfy { $0 < 0x80 })
    #expect(bytes.contains(subsequence: [0x1B, 0x24, 0x42]))  // ESC $ B
    try expectDetected(bytes, .iso2022JP)
  }

  @Test func binaryReturnsNil() {
    let bytes = (0..<2048).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ ($0 >> 3)) }
    #expect(EncodingDetector.detect(bytes, isComplete: true) == nil)
  }

  @Test func binaryWithControlBytesAndNoZerosReturnsNil() {
    // No zero byte, but far more than 2% control characters, and no UTF-16 shape.
    let bytes: [UInt8] = (0..<1000).map { $0 % 5 == 0 ? 0x01 : UInt8(0x80 + $0 % 100) }
    #expect(EncodingDetector.detect(bytes, isComplete: true) == nil)
  }

  @Test func everyEncodingRoundTripsThroughDetection() throws {
    // The detected encoding must decode the sample back to the text (no U+FFFD).
    for encoding in TextEncoding.allCases {
      let text = encoding == .iso2022JP ? Samples.japanese : Samples.japanese + Samples.eucExtensions
      var bytes = try Encode.bytes(text, as: encoding)
      if encoding == .utf16LE { bytes = [0xFF, 0xFE] + bytes }
      if encoding == .utf16BE { bytes = [0xFE, 0xFF] + bytes }
      let (detected, bom) = try #require(EncodingDetector.detect(bytes, isComplete: true), "\(encoding)")
      #expect(detected == encoding)
      let decoded = try Decode.all(Array(bytes.dropFirst(bom)), as: detected)
      #expect(decoded.text == text, "\(encoding)")
      #expect(decoded.invalid == 0, "\(encoding)")
    }
  }
}

extension Array where Element == UInt8 {
  func contains(subsequence: [UInt8]) -> Bool {
    guard !subsequence.isEmpty, subsequence.count <= count else { return subsequence.isEmpty }
    for start in 0...(count - subsequence.count) where self[start..<(start + subsequence.count)].elementsEqual(subsequence) {
      return true
    }
    return false
  }
}
