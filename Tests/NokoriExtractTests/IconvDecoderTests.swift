import Foundation
import NokoriExtract
import Testing

@Suite struct IconvDecoderTests {
  @Test(arguments: TextEncoding.allCases)
  func everyEncodingIsSupportedByThisIconv(encoding: TextEncoding) throws {
    let decoder = try IconvDecoder(encoding: encoding)
    #expect(decoder.encoding == encoding)
    #expect(decoder.invalidSequences == 0)
  }

  @Test(arguments: TextEncoding.allCases)
  func decodesToTheOriginalText(encoding: TextEncoding) throws {
    let text: String
    switch encoding {
    case .cp932, .utf8, .utf16LE, .utf16BE: text = Samples.japanese + Samples.cp932Extensions + "𠮷野家 😀\n"
    case .eucJP: text = Samples.japanese + Samples.eucExtensions
    case .iso2022JP: text = Samples.japanese
    }
    // CP932 cannot hold 𠮷 or the emoji: leave them out of its bytes.
    let encodable = encoding == .cp932 ? Samples.japanese + Samples.cp932Extensions : text
    let decoded = try Decode.all(try Encode.bytes(encodable, as: encoding), as: encoding)
    #expect(decoded.text == encodable)
    #expect(decoded.invalid == 0)
  }

  @Test func utf8IsPassedThroughUnchanged() throws {
    let bytes = Encode.utf8(Samples.japanese + "😀")
    let decoder = try IconvDecoder(encoding: .utf8)
    var output: [UInt8] = [0x41]
    bytes.withUnsafeBytes { decoder.decode($0, final: false, into: &output) }
    #expect(output == [0x41] + bytes, "decode appends to what the output already holds")
  }

  @Test func cp932ExtensionsDecodeToTheirUnicodeCharacters() throws {
    let decoded = try Decode.all([0x87, 0x40, 0xFB, 0xFC, 0x87, 0x8A, 0x87, 0x8D, 0xB1, 0xDE], as: .cp932)
    #expect(decoded.text == "①髙㈱㍾ｱﾞ")
    #expect(decoded.invalid == 0)
  }

  // MARK: - Sequences split across calls

  /// Splits `bytes` at every offset into two calls and checks the text comes out whole.
  private func expectEverySplitDecodes(_ text: String, as encoding: TextEncoding) throws {
    let bytes = try Encode.bytes(text, as: encoding)
    let expected = Encode.utf8(text)
    for split in 0...bytes.count {
      let result = try Decode.pieces([bytes[..<split], bytes[split...]], as: encoding)
      #expect(result.bytes == expected, "\(encoding) split at \(split)")
      #expect(result.invalid == 0, "\(encoding) split at \(split)")
    }
  }

  @Test func cp932SplitAtEveryPoint() throws {
    try expectEverySplitDecodes("A①髙ｱ個人番号 ㈱テスト\n", as: .cp932)
  }

  @Test func eucJPSplitAtEveryPoint() throws {
    try expectEverySplitDecodes("A①ｱ個人番号 ㈱テスト\n", as: .eucJP)
  }

  @Test func utf16LESplitAtEveryPoint() throws {
    // 𠮷 and 😀 are surrogate pairs: a split may fall between the two code units.
    try expectEverySplitDecodes("A①髙ｱ𠮷個人😀\n", as: .utf16LE)
  }

  @Test func utf16BESplitAtEveryPoint() throws {
    try expectEverySplitDecodes("A①髙ｱ𠮷個人😀\n", as: .utf16BE)
  }

  @Test func iso2022JPSplitAtEveryPoint() throws {
    // Splits also fall inside the escape sequences (ESC $ B, ESC ( B).
    try expectEverySplitDecodes("A個人番号B東京\n", as: .iso2022JP)
  }

  @Test func oneByteAtATime() throws {
    for encoding in [TextEncoding.cp932, .eucJP, .utf16LE, .utf16BE, .iso2022JP] {
      let text = encoding == .cp932 ? "個人①髙ｱ,番号\n" : "個人①ｱ,番号\n"
      let safeText = encoding == .iso2022JP ? "個人,番号\n" : text
      let bytes = try Encode.bytes(safeText, as: encoding)
      var pieces = bytes.indices.map { bytes[$0..<($0 + 1)] }
      pieces.append(ArraySlice<UInt8>())  // the final call carries no bytes
      let result = try Decode.pieces(pieces, as: encoding)
      #expect(String(decoding: result.bytes, as: UTF8.self) == safeText, "\(encoding)")
      #expect(result.invalid == 0, "\(encoding)")
    }
  }

  @Test func splitInThreePiecesAroundOneCharacter() throws {
    // 3 calls where the middle one holds no whole character at all.
    let bytes: [UInt8] = [0x41, 0x8C, 0xC2, 0x42]  // A個B in CP932
    let result = try Decode.pieces([bytes[0..<2], bytes[2..<2], bytes[2...]], as: .cp932)
    #expect(String(decoding: result.bytes, as: UTF8.self) == "A個B")
    #expect(result.invalid == 0)
  }

  // MARK: - Invalid input

  @Test func invalidCP932ByteBecomesReplacementAndIsCounted() throws {
    let decoded = try Decode.all([0x41, 0xFF, 0x42], as: .cp932)
    #expect(decoded.text == "A\u{FFFD}B")
    #expect(decoded.invalid == 1)
  }

  @Test func cp932LeadByteWithBadTrailByteSkipsOnlyTheLeadByte() throws {
    // 93 is a lead byte, 20 (space) cannot follow it: the lead is replaced, the space kept.
    let decoded = try Decode.all([0x93, 0x20, 0x8C, 0xC2], as: .cp932)
    #expect(decoded.text == "\u{FFFD} 個")
    #expect(decoded.invalid == 1)
  }

  @Test func severalInvalidBytesAreEachCounted() throws {
    let decoded = try Decode.all([0xFF, 0x41, 0xFF, 0xFF, 0x8C, 0xC2], as: .cp932)
    #expect(decoded.text == "\u{FFFD}A\u{FFFD}\u{FFFD}個")
    #expect(decoded.invalid == 3)
  }

  @Test func invalidEUCJPByteBecomesReplacementAndIsCounted() throws {
    let decoded = try Decode.all([0x41, 0xFF, 0x42, 0xC5, 0xEC], as: .eucJP)
    #expect(decoded.text == "A\u{FFFD}B東")
    #expect(decoded.invalid == 1)
  }

  /// UTF-16 is decoded without iconv: on random code units (unpaired surrogates included),
  /// cut into random blocks, the text must be what the standard library makes of the same
  /// units, with one replacement (and one count) per unpaired surrogate.
  @Test(arguments: [TextEncoding.utf16LE, .utf16BE])
  func utf16MatchesTheStandardLibraryOnRandomUnits(encoding: TextEncoding) throws {
    var generator = SystemRandomNumberGenerator()
    let pool: [ClosedRange<UInt16>] = [0x20...0x7E, 0x80...0x7FF, 0x3040...0x30FF, 0x4E00...0x9FFF, 0xD800...0xDBFF, 0xDC00...0xDFFF]
    for _ in 0..<200 {
      var units: [UInt16] = []
      for _ in 0..<Int.random(in: 0...400, using: &generator) {
        let range = pool.randomElement(using: &generator) ?? 0x41...0x41
        units.append(UInt16.random(in: range, using: &generator))
        // Mostly well-formed pairs, so both paths are exercised.
        if units.last.map({ $0 >= 0xD800 && $0 <= 0xDBFF }) == true, Int.random(in: 0..<4, using: &generator) > 0 {
          units.append(UInt16.random(in: 0xDC00...0xDFFF, using: &generator))
        }
      }
      let bytes = units.flatMap { encoding == .utf16BE ? [UInt8($0 >> 8), UInt8($0 & 0xFF)] : [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
      var cuts = (0..<Int.random(in: 0...6, using: &generator)).map { _ in Int.random(in: 0...bytes.count, using: &generator) }
      cuts = ([0] + cuts.sorted() + [bytes.count])
      let pieces = zip(cuts, cuts.dropFirst()).map { bytes[$0..<$1] }
      let decoded = try Decode.pieces(pieces, as: encoding)
      let expected = String(decoding: units, as: UTF16.self)
      #expect(String(decoding: decoded.bytes, as: UTF8.self) == expected)
      let replacements = expected.unicodeScalars.filter { $0 == "\u{FFFD}" }.count
      #expect(decoded.invalid == replacements)
    }
  }

  @Test func loneLowSurrogateInUTF16IsReplacedByWholeUnit() throws {
    // A, DC00 (low surrogate without a high one), B
    let decoded = try Decode.all([0x41, 0x00, 0x00, 0xDC, 0x42, 0x00], as: .utf16LE)
    #expect(decoded.text == "A\u{FFFD}B")
    #expect(decoded.invalid == 1)
  }

  @Test func loneHighSurrogateInUTF16IsReplacedAndTheNextCharacterKept() throws {
    // D800 followed by A: the high surrogate has no partner.
    let decoded = try Decode.all([0x00, 0xD8, 0x41, 0x00, 0x42, 0x00], as: .utf16LE)
    #expect(decoded.text == "\u{FFFD}AB")
    #expect(decoded.invalid == 1)
  }

  @Test func invalidByteInISO2022JPKeepsTheKanjiModeForWhatFollows() throws {
    // ESC $ B 東京 <80> 大阪 ESC ( B LF: after the bad byte the text is still in JIS X 0208.
    let bytes: [UInt8] = [
      0x1B, 0x24, 0x42, 0x45, 0x6C, 0x35, 0x7E, 0x80, 0x42, 0x67, 0x3A, 0x65, 0x1B, 0x28, 0x42, 0x0A,
    ]
    let decoded = try Decode.all(bytes, as: .iso2022JP)
    #expect(decoded.text == "東京\u{FFFD}大阪\n")
    #expect(decoded.invalid == 1)
  }

  @Test func invalidSequenceCountAccumulatesAcrossCalls() throws {
    let decoder = try IconvDecoder(encoding: .cp932)
    var output: [UInt8] = []
    [UInt8]([0xFF, 0x41]).withUnsafeBytes { decoder.decode($0, final: false, into: &output) }
    #expect(decoder.invalidSequences == 1)
    [UInt8]([0x42, 0xFF]).withUnsafeBytes { decoder.decode($0, final: true, into: &output) }
    #expect(decoder.invalidSequences == 2)
    #expect(String(decoding: output, as: UTF8.self) == "\u{FFFD}AB\u{FFFD}")
  }

  // MARK: - Truncated at the end

  @Test(arguments: [
    (TextEncoding.cp932, [UInt8]([0x41, 0x93])),  // lead byte of 東 without its trail
    (.eucJP, [0x41, 0xC5]),  // first byte of 東
    (.eucJP, [0x41, 0x8E]),  // SS2 without the katakana byte
    (.utf16LE, [0x41, 0x00, 0x42]),  // odd byte count
    (.utf16LE, [0x41, 0x00, 0x3D, 0xD8]),  // high surrogate without the low one
    (.utf16BE, [0x00, 0x41, 0xD8]),
  ])
  func truncatedSequenceAtTheEndIsReplacedWhenFinal(encoding: TextEncoding, bytes: [UInt8]) throws {
    let decoded = try Decode.all(bytes, as: encoding)
    #expect(decoded.text == "A\u{FFFD}")
    #expect(decoded.invalid == 1)
  }

  @Test func truncatedSequenceIsKeptWhenNotFinal() throws {
    let decoder = try IconvDecoder(encoding: .cp932)
    var output: [UInt8] = []
    [UInt8]([0x41, 0x93]).withUnsafeBytes { decoder.decode($0, final: false, into: &output) }
    #expect(output == [0x41])
    #expect(decoder.invalidSequences == 0)
    // The end of the stream arrives with nothing more: now it is incomplete.
    decoder.decode(UnsafeRawBufferPointer(start: nil, count: 0), final: true, into: &output)
    #expect(String(decoding: output, as: UTF8.self) == "A\u{FFFD}")
    #expect(decoder.invalidSequences == 1)
  }

  @Test func truncatedSequenceCompletedByTheFinalCallIsNotCounted() throws {
    let decoder = try IconvDecoder(encoding: .cp932)
    var output: [UInt8] = []
    [UInt8]([0x41, 0x93]).withUnsafeBytes { decoder.decode($0, final: false, into: &output) }
    [UInt8]([0x8C]).withUnsafeBytes { decoder.decode($0, final: true, into: &output) }
    #expect(String(decoding: output, as: UTF8.self) == "A東")
    #expect(decoder.invalidSequences == 0)
  }

  @Test func largeInputCrossesTheOutputChunk() throws {
    // More than 64 KiB of UTF-8 output from one call: the E2BIG path must keep going.
    let text = String(repeating: "個人番号①ｱ", count: 10_000)
    let decoded = try Decode.all(try Encode.cp932(text), as: .cp932)
    #expect(decoded.text == text)
    #expect(decoded.invalid == 0)
  }
}
