import NokoriExtract
import Testing

/// The Outlook body forms: MS-OXRTFCP decompression (with its CRC) and RTF reduced to text.
@Suite struct OutlookBodyTests {
  /// The specification's own example (MS-OXRTFCP 4.1): "{\rtf1\ansi\ansicpg1252\pard hello world}\r\n".
  static let specExample: [UInt8] = [
    0x2d, 0x00, 0x00, 0x00, 0x2b, 0x00, 0x00, 0x00, 0x4c, 0x5a, 0x46, 0x75, 0xf1, 0xc5, 0xc7, 0xa7, 0x03, 0x00, 0x0a,
    0x00, 0x72, 0x63, 0x70, 0x67, 0x31, 0x32, 0x35, 0x42, 0x32, 0x0a, 0xf3, 0x20, 0x68, 0x65, 0x6c, 0x09, 0x00, 0x20,
    0x62, 0x77, 0x05, 0xb0, 0x6c, 0x64, 0x7d, 0x0a, 0x80, 0x0f, 0xa0,
  ]

  @Test func theSpecificationsExampleDecompresses() throws {
    let rtf = try CompressedRTF.decompress(Self.specExample)
    #expect(String(decoding: rtf, as: UTF8.self) == "{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n")
    #expect(RTFText.text(rtf).text == "hello world")
  }

  @Test func aDamagedBodyFailsItsCRC() {
    var damaged = Self.specExample
    damaged[30] ^= 0x01
    #expect(throws: CompressedRTF.Failure.badCRC) { try CompressedRTF.decompress(damaged) }
    #expect(throws: CompressedRTF.Failure.tooShort) { try CompressedRTF.decompress([1, 2, 3]) }
    var unknown = Self.specExample
    unknown[8] = 0x41
    #expect(throws: CompressedRTF.Failure.unknownType(0x7546_5A41)) { try CompressedRTF.decompress(unknown) }
  }

  @Test func rtfTextDecodesCodePageBytesAndUnicodeAndSkipsTables() {
    // 山田 as CP932 bytes under \ansicpg932, ① as \u9312 with a '?' fallback, a font table and a \* group.
    let rtf = "{\\rtf1\\ansi\\ansicpg932{\\fonttbl{\\f0\\fcharset128 MS Gothic;}}{\\*\\generator Riched20;}"
      + "\\pard \\'8e\\'52\\'93\\'63 \\u9312?\\par\r\n個人番号\\tab 123\\cell x\\~y \\{z\\}}"
    let (text, invalid) = RTFText.text(Array(rtf.utf8))
    #expect(text == "山田 ①\n個人番号\t123\tx y {z}")
    #expect(invalid == 0)
  }

  @Test func htmlWrappedInRTFKeepsOnlyTheText() {
    let rtf = "{\\rtf1\\ansi\\fromhtml1 {\\*\\htmltag <p>}\\htmlrtf {\\b \\htmlrtf0 Name: Hanako\\htmlrtf }\\htmlrtf0 {\\*\\htmltag </p>}}"
    #expect(RTFText.text(Array(rtf.utf8)).text.contains("Name: Hanako"))
  }
}
