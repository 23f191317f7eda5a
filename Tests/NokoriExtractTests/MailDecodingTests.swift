import NokoriExtract
import Testing

/// ISO-2022-JP as Windows mailers write it, RFC 2047 header words, lying charsets, and the
/// mail sniffer: the decoding under `.eml` scanning, without GMime.
@Suite struct MailDecodingTests {
  static let esc: UInt8 = 0x1B
  static let kanjiIn: [UInt8] = [esc, 0x24, 0x42]  // ESC $ B
  static let asciiIn: [UInt8] = [esc, 0x28, 0x42]  // ESC ( B
  static let kanaIn: [UInt8] = [esc, 0x28, 0x49]  // ESC ( I

  /// 山田太郎 in JIS X 0208 (what Python's iso2022_jp writes).
  static let yamadaJIS: [UInt8] = Array(";3EDB@O:".utf8)

  func decode(_ bytes: [UInt8], _ encoding: TextEncoding = .iso2022JP) -> (String, Int) {
    let decoded = MailTextDecoder.decode(bytes, encoding: encoding)
    return (decoded.text, decoded.invalid)
  }

  @Test func necSpecialCharactersAndIBMKanjiDecodeAsWindowsMeansThem() {
    // ① is row 13 (NEC specials) and 髙 is row 92 (NEC-selected IBM kanji): glibc's ISO-2022-JP rejects both.
    let bytes = Self.kanjiIn + [0x2D, 0x21] + Self.yamadaJIS + [0x7C, 0x62] + Self.asciiIn + Array(" ok".utf8)
    let (text, invalid) = decode(bytes)
    #expect(text == "①山田太郎髙 ok")
    #expect(invalid == 0)
  }

  @Test func halfWidthKanaByEscapeAndByShiftOut() {
    // ｶﾅ after ESC ( I (CP50221) and after SO (CP50222).
    let bytes = Self.kanaIn + [0x36, 0x45] + Self.asciiIn + [0x0E, 0x36, 0x45, 0x0F] + Array("!".utf8)
    #expect(decode(bytes).0 == "ｶﾅｶﾅ!")
  }

  @Test func sequencesCutAtEveryPointDecodeTheSame() throws {
    let bytes: [UInt8] = [0x41] + Self.kanjiIn + Self.yamadaJIS + [0x2D, 0x22] + Self.asciiIn + [0x0A]
    let whole = decode(bytes).0
    #expect(whole == "A山田太郎②\n")
    for cut in 0...bytes.count {
      let decoder = try MailTextDecoder(encoding: .iso2022JP)
      var output: [UInt8] = []
      Array(bytes[..<cut]).withUnsafeBytes { decoder.decode($0, final: false, into: &output) }
      Array(bytes[cut...]).withUnsafeBytes { decoder.decode($0, final: true, into: &output) }
      #expect(String(decoding: output, as: UTF8.self) == whole, "cut at \(cut)")
      #expect(decoder.invalidSequences == 0)
    }
  }

  @Test func jisX0212HasNoWindowsEquivalentAndIsCounted() {
    let bytes: [UInt8] = [Self.esc, 0x24, 0x28, 0x44, 0x30, 0x21] + Self.asciiIn + Array("x".utf8)
    let (text, invalid) = decode(bytes)
    #expect(text == "?x")
    #expect(invalid == 1)
  }

  @Test func encodedWordsInISO2022JPJoinAcrossWords() {
    // 山田太郎 split over two B words (the escape state carries across), then Q-encoded UTF-8.
    let first = "GyRCOzNFRA=="  // ESC $ B ;3ED
    let second = "QkBPOhsoQg=="  // B@O: ESC ( B
    let raw = "=?ISO-2022-JP?B?\(first)?=\r\n =?iso-2022-jp?B?\(second)?= =?UTF-8?Q?=E6=A7=98_=E3=81=8A?= end"
    let (text, invalid) = EncodedWords.decode(Array(raw.utf8))
    #expect(text == "山田太郎様 お end")
    #expect(invalid == 0)
  }

  @Test func headerWordWithNECCharacterAndRawShiftJIS() {
    // ① in a B word (ESC $ B - ! ESC ( B), and a raw CP932 display name.
    let raw = Array("=?ISO-2022-JP?B?GyRCLSEbKEI=?= ".utf8) + [0x8E, 0x52, 0x93, 0x63] + Array(" <a@example.jp>".utf8)
    let (text, _) = EncodedWords.decode(raw)
    #expect(text == "① 山田 <a@example.jp>")
  }

  @Test func malformedWordsStayAsTheyAre() {
    let raw = "=?UTF-8?X?abc?= =?broken and =?UTF-8?B?!!!?="
    let (text, _) = EncodedWords.decode(Array(raw.utf8))
    #expect(text.hasPrefix("=?UTF-8?X?abc?= =?broken and "))
  }

  @Test func aDeclaredCharsetThatLiesFallsBackToTheBytes() throws {
    let utf8 = Array("お名前：山田太郎\n個人番号：123456789018\n".utf8)
    let lying = try #require(MailCharset.choose(declared: "iso-2022-jp", sample: utf8, isComplete: true))
    #expect(lying.encoding == .utf8)
    #expect(lying.note?.contains("declared iso-2022-jp") == true)
    let shiftJIS = try #require(MailCharset.choose(declared: "Shift_JIS", sample: utf8, isComplete: true))
    #expect(shiftJIS.encoding == .utf8)
    let honest = try #require(MailCharset.choose(declared: "UTF-8", sample: utf8, isComplete: true))
    #expect(honest.encoding == .utf8)
    #expect(honest.note == nil)
    let jis = Self.kanjiIn + Self.yamadaJIS + Self.asciiIn
    #expect(MailCharset.choose(declared: "ISO-2022-JP", sample: jis, isComplete: true)?.encoding == .iso2022JP)
    #expect(MailCharset.choose(declared: nil, sample: jis, isComplete: true)?.encoding == .iso2022JP)
    #expect(MailCharset.choose(declared: "windows-31j", sample: [0x8E, 0x52, 0x93, 0x63], isComplete: true)?.encoding == .cp932)
  }

  @Test func mailIsSniffedFromItsHeaderBlock() {
    let mail = "Received: from x\r\nFrom: a@example.jp\r\nSubject: hi\r\n\r\nbody"
    #expect(MailSniffer.looksLikeMail(Array(mail.utf8)))
    let folded = "Subject: a\r\n long\r\nDate: Mon, 1 Jan 2024 00:00:00 +0900\r\nMIME-Version: 1.0\r\n\r\n"
    #expect(MailSniffer.looksLikeMail(Array(folded.utf8)))
    // Key-value text, a memo that mentions a subject, YAML: not mail.
    #expect(!MailSniffer.looksLikeMail(Array("Subject: hi\nTo: you\n\nbody".utf8)))
    #expect(!MailSniffer.looksLikeMail(Array("件名: 請求\nFrom: 山田\nDate: today\n".utf8)))
    #expect(!MailSniffer.looksLikeMail(Array("name: x\nversion: 2\n".utf8)))
    #expect(!MailSniffer.looksLikeMail(Array("From: a\nthis is prose, not a header\n\n".utf8)))
  }

  @Test func attachmentNamesBecomeLabelsNotPaths() {
    #expect(AttachmentLabel.make("../../etc/passwd", fallback: "x") == ".._.._etc_passwd")
    #expect(AttachmentLabel.make("a\u{0}b\u{1B}[31m\r\n.pdf", fallback: "x") == "a?b?[31m??.pdf")
    #expect(AttachmentLabel.make("evil\u{202E}fdp.exe", fallback: "x") == "evil?fdp.exe")
    #expect(AttachmentLabel.make(nil, fallback: "attachment-1") == "attachment-1")
    #expect(AttachmentLabel.make("  ..", fallback: "attachment-2") == "attachment-2")
    #expect(AttachmentLabel.make(String(repeating: "長", count: 500), fallback: "x").count == 200)
  }
}
