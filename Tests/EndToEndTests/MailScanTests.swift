import Foundation
import NokoriCore
import NokoriScanner
import NokoriTestSupport
import NokoriWalk
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Builds test mails: Japanese text in the encodings mailers write, MIME parts around it.
enum MailFixture {
  /// `text` in CP932 bytes (glibc iconv), so Windows characters such as ① are kept.
  static func cp932(_ text: String) -> [UInt8] { encode(text, as: "CP932") }

  static func encode(_ text: String, as encoding: String) -> [UInt8] {
    let converter = iconv_open(encoding, "UTF-8")
    defer { iconv_close(converter) }
    var input = Array(text.utf8)
    var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
    var inLeft = input.count
    var outLeft = output.count
    input.withUnsafeMutableBufferPointer { inBuffer in
      output.withUnsafeMutableBufferPointer { outBuffer in
        var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
        var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
        _ = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
      }
    }
    return Array(output[0..<(output.count - outLeft)])
  }

  /// `text` as Windows writes ISO-2022-JP (CP50221): CP932 cells as JIS codes between escapes.
  static func iso2022JP(_ text: String) -> [UInt8] {
    let sjis = cp932(text)
    var result: [UInt8] = []
    var kanji = false
    var index = 0
    while index < sjis.count {
      let lead = sjis[index]
      if lead < 0x80 {
        if kanji { result += [0x1B, 0x28, 0x42]; kanji = false }
        result.append(lead)
        index += 1
        continue
      }
      let trail = sjis[index + 1]
      if !kanji { result += [0x1B, 0x24, 0x42]; kanji = true }
      var row = Int(lead) - (lead >= 0xE0 ? 0xB0 : 0x70)
      row = row * 2 - (trail < 0x9F ? 1 : 0)
      let cell = trail < 0x9F ? Int(trail) - (trail >= 0x80 ? 0x20 : 0x1F) : Int(trail) - 0x7E
      result += [UInt8(row), UInt8(cell)]
      index += 2
    }
    if kanji { result += [0x1B, 0x28, 0x42] }
    return result
  }

  static func base64(_ bytes: [UInt8]) -> String {
    Data(bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
  }

  /// An RFC 2047 B word of `text` in ISO-2022-JP.
  static func word(_ text: String) -> String { "=?ISO-2022-JP?B?\(base64(iso2022JP(text)))?=" }

  static func headers(subject: String = "お問い合わせ", extra: String = "") -> String {
    "From: \(word("山田太郎")) <taro.yamada@example.jp>\r\nTo: support@example.co.jp\r\nSubject: \(word(subject))\r\n"
      + "Date: Mon, 6 Jan 2025 10:00:00 +0900\r\nMessage-ID: <1@example.jp>\r\nMIME-Version: 1.0\r\n" + extra
  }
}

/// Saved e-mails through the file scanner: headers, bodies in every Japanese mail encoding,
/// attachments scanned as files of their own, and the limits on bad input.
@Suite struct MailScanTests {
  let folder: URL

  init() throws { folder = try TestPaths.temporaryDirectory("nokori-mail") }

  func scanner() throws -> FileScanner {
    try FileScanner(
      patternSet: TestPaths.patternSet(), fingerprinter: TestPaths.fingerprinter(), options: ScanOptions(roots: []))
  }

  func scan(_ bytes: [UInt8], name: String = "mail.eml", with scanner: FileScanner? = nil) throws -> FileReport {
    let url = folder.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    let entry = WalkEntry(path: url.path, root: folder.path, size: 0, mtime: 0, inode: 0, device: 0, mayRepeat: false)
    return try (scanner ?? self.scanner()).scan(entry)
  }

  func places(_ report: FileReport, _ category: String) -> [String] {
    report.findings.filter { $0.category == Category(category) }.map {
      ($0.location.member ?? "") + "|" + ($0.location.field ?? "")
    }.sorted()
  }

  @Test func iso2022JPBodyAndHeadersWithWindowsCharacters() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    // 髙 as Windows writes it in ISO-2022-JP: the NEC-selected IBM row 92 (JIS 7C62).
    let takahashi: [UInt8] = [0x1B, 0x24, 0x42, 0x7C, 0x62, 0x1B, 0x28, 0x42]
    let body = MailFixture.iso2022JP("お世話になっております。①の件です。\r\n氏名：") + takahashi
      + MailFixture.iso2022JP("橋花子\r\n個人番号：123456789018\r\n")
    let mail = Array((MailFixture.headers(subject: "マイナンバー 314159265352 の件") + "Content-Type: text/plain; charset=ISO-2022-JP\r\nContent-Transfer-Encoding: 7bit\r\n\r\n").utf8) + body
    let report = try scan(mail, name: "inquiry.txt")
    #expect(report.format == "eml")
    #expect(report.outcome == .scanned, "\(report.detail ?? "")")
    #expect(places(report, "jp.my_number") == ["|", "|Subject"])
    #expect(report.findings.contains { $0.category == Category("pii.email") && $0.location.field == "From" })
    #expect(report.detail == nil)
  }

  @Test func base64AndQuotedPrintableBodiesInEveryCharset() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let text = "お客様情報\r\n個人番号：271828182840\r\n"
    let parts: [(String, String)] = [
      ("ISO-2022-JP", MailFixture.base64(MailFixture.iso2022JP(text))),
      ("Shift_JIS", MailFixture.base64(MailFixture.cp932(text))),
      ("UTF-8", MailFixture.base64(Array(text.utf8))),
    ]
    for (charset, encoded) in parts {
      let mail = MailFixture.headers() + "Content-Type: text/plain; charset=\"\(charset)\"\r\nContent-Transfer-Encoding: base64\r\n\r\n\(encoded)\r\n"
      let report = try scan(Array(mail.utf8))
      #expect(places(report, "jp.my_number") == ["|"], "\(charset)")
      #expect(report.outcome == .scanned, "\(charset): \(report.detail ?? "")")
    }
    // Quoted-printable UTF-8 with soft line breaks in the middle of the number's line.
    let qp = Array("個人番号：2718".utf8).map { String(format: "=%02X", $0) }.joined() + "=\r\n28182840\r\n"
    let mail = MailFixture.headers() + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\(qp)"
    #expect(places(try scan(Array(mail.utf8)), "jp.my_number") == ["|"])
    // EUC-JP, 8bit.
    let euc = Array((MailFixture.headers() + "Content-Type: text/plain; charset=EUC-JP\r\nContent-Transfer-Encoding: 8bit\r\n\r\n").utf8)
      + MailFixture.encode(text, as: "EUC-JP")
    #expect(places(try scan(euc), "jp.my_number") == ["|"])
  }

  /// A multipart mail: a body, a CSV, a zip with a text file in it, a forwarded mail with its own attachment.
  static func multipartMail(attachmentName: String = "=?UTF-8?B?\(Data("顧客一覧.csv".utf8).base64EncodedString())?=") throws -> [UInt8] {
    let csv = "氏名,個人番号,メール\r\n髙橋花子,123456789018,hanako@example.jp\r\n"
    let forwarded = MailFixture.headers(subject: "転送") + """
      Content-Type: multipart/mixed; boundary="inner"\r
      \r
      --inner\r
      Content-Type: text/plain; charset=utf-8\r
      \r
      転送します。\r
      --inner\r
      Content-Type: text/plain; charset=utf-8; name="memo.txt"\r
      Content-Disposition: attachment; filename="memo.txt"\r
      \r
      個人番号：314159265352\r
      --inner--\r

      """
    let outer = MailFixture.headers() + """
      Content-Type: multipart/mixed; boundary="outer"\r
      \r
      preamble\r
      --outer\r
      Content-Type: multipart/alternative; boundary="alt"\r
      \r
      --alt\r
      Content-Type: text/plain; charset=utf-8\r
      \r
      添付をご確認ください。電話 03-1234-5678\r
      --alt\r
      Content-Type: text/html; charset=utf-8\r
      \r
      <p>添付をご確認ください。電話 03-1234-5678</p>\r
      --alt--\r
      --outer\r
      Content-Type: text/csv; charset=Shift_JIS\r
      Content-Disposition: attachment; filename="\(attachmentName)"\r
      Content-Transfer-Encoding: base64\r
      \r
      \(MailFixture.base64(MailFixture.cp932(csv)))\r
      --outer\r
      Content-Type: message/rfc822\r
      Content-Disposition: attachment; filename="fwd.eml"\r
      \r
      \(forwarded)\r
      --outer--\r

      """
    return Array(outer.utf8)
  }

  @Test func attachmentsAreScannedAsFilesWithTheirNames() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = try scan(try Self.multipartMail())
    #expect(report.outcome == .scanned, "\(report.detail ?? "")")
    #expect(places(report, "jp.my_number") == ["fwd.eml!memo.txt|", "顧客一覧.csv|個人番号"])
    #expect(places(report, "pii.email").contains("顧客一覧.csv|メール"))
    // The HTML alternative repeats the text body: read once.
    #expect(places(report, "pii.phone") == ["|"])
  }

  @Test func aZipAttachmentIsOpenedAsAnArchive() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let zipURL = folder.appendingPathComponent("in.zip")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1],'w'); z.writestr('list/customers.txt', '個人番号：161803398872\\n'); z.close()", zipURL.path]
    try process.run()
    process.waitUntilExit()
    let zip = try [UInt8](Data(contentsOf: zipURL))
    let mail = MailFixture.headers() + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--b\r\nContent-Type: application/zip; name=data.zip\r\nContent-Transfer-Encoding: base64\r\n\r\n\(MailFixture.base64(zip))\r\n--b--\r\n"
    let report = try scan(Array(mail.utf8))
    #expect(places(report, "jp.my_number") == ["data.zip!list/customers.txt|"])
  }

  @Test func aPDFAttachmentIsReadByThePDFParser() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let pdf = try [UInt8](Data(contentsOf: TestPaths.corpus.appendingPathComponent("pdf/customer_ledger_ja.pdf")))
    let mail = MailFixture.headers() + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"ledger.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n\(MailFixture.base64(pdf))\r\n--b--\r\n"
    let report = try scan(Array(mail.utf8))
    #expect(report.outcome == .scanned, "\(report.detail ?? "")")
    let inPDF = report.findings.filter { $0.location.member == "ledger.pdf" }
    #expect(inPDF.contains { $0.category == Category("jp.my_number") })
    #expect(inPDF.allSatisfy { $0.location.page != nil })
  }

  @Test func attachedMailAndOutlookFilesAreOpenedByTheirBytes() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    // A saved mail sent as an octet-stream named .dat, and an Outlook message: each read as what it is.
    let inner = MailFixture.headers() + "Content-Type: text/plain; charset=utf-8\r\n\r\n個人番号：314159265352\r\n"
    let msg = try [UInt8](Data(contentsOf: TestPaths.corpus.appendingPathComponent("mail/outlook_enquiry.msg")))
    let mail = MailFixture.headers() + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
      + "Content-Type: application/octet-stream; name=saved.dat\r\nContent-Transfer-Encoding: base64\r\n\r\n\(MailFixture.base64(Array(inner.utf8)))\r\n--b\r\n"
      + "Content-Type: application/vnd.ms-outlook; name=enquiry.msg\r\nContent-Transfer-Encoding: base64\r\n\r\n\(MailFixture.base64(msg))\r\n--b--\r\n"
    let report = try scan(Array(mail.utf8))
    #expect(report.outcome == .scanned, "\(report.detail ?? "")")
    #expect(places(report, "jp.my_number") == ["enquiry.msg|", "saved.dat|"])
    #expect(places(report, "pii.phone").contains("enquiry.msg!contacts.csv|電話"))
  }

  @Test func attachmentNamesAreSanitisedLabels() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = try scan(try Self.multipartMail(attachmentName: "../../etc/\u{7}cron.csv"))
    #expect(places(report, "jp.my_number").contains(".._.._etc_?cron.csv|個人番号"))
    // A name in ISO-2022-JP words with ① (which glibc's ISO-2022-JP rejects) reads as written.
    let circled = try scan(try Self.multipartMail(attachmentName: MailFixture.word("①顧客.csv")))
    #expect(places(circled, "jp.my_number").contains("①顧客.csv|個人番号"))
    // Nothing was written beside the mail.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["mail.eml"])
  }

  @Test func aLyingCharsetFallsBackToTheBytes() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let mail = Array((MailFixture.headers() + "Content-Type: text/plain; charset=iso-2022-jp\r\nContent-Transfer-Encoding: 8bit\r\n\r\n").utf8)
      + Array("個人番号：123456789018\r\n".utf8)
    let report = try scan(mail)
    #expect(places(report, "jp.my_number") == ["|"])
    #expect(report.outcome == .scanned)
    #expect(report.detail?.contains("declared iso-2022-jp, but the bytes are utf-8") == true)
  }

  @Test func base64WithGarbageStillDecodes() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    var encoded = MailFixture.base64(Array("個人番号：123456789018\r\n".utf8))
    encoded.insert(contentsOf: "!!\u{7F}*~", at: encoded.index(encoded.startIndex, offsetBy: 8))
    let mail = MailFixture.headers() + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n\(encoded)\r\n%%%%\r\n"
    let report = try scan(Array(mail.utf8))
    #expect(places(report, "jp.my_number") == ["|"])
  }

  @Test func brokenBoundariesAreMalformedButRead() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    // The declared boundary never appears: the whole body is one unterminated multipart.
    let mail = MailFixture.headers() + "Content-Type: multipart/mixed; boundary=\"never\"\r\n\r\n--wrong\r\nContent-Type: text/plain\r\n\r\n個人番号：123456789018\r\n"
    let report = try scan(Array(mail.utf8))
    #expect(report.format == "eml")
    #expect(report.outcome == .malformed, "\(report.detail ?? "")")
    #expect(report.detail?.contains("multipart") == true, "\(report.detail ?? "")")
    // A multipart without a boundary parameter at all.
    let noBoundary = MailFixture.headers() + "Content-Type: multipart/mixed\r\n\r\n個人番号：123456789018\r\n"
    #expect(try scan(Array(noBoundary.utf8)).outcome == .malformed)
  }

  /// `levels` message/rfc822 parts, each inside the one before.
  static func nested(_ levels: Int) -> [UInt8] {
    var mail = "From: a@example.jp\r\nSubject: innermost\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n個人番号：123456789018\r\n"
    for _ in 0..<levels {
      mail = "From: a@example.jp\r\nSubject: fwd\r\nMIME-Version: 1.0\r\nContent-Type: message/rfc822\r\n\r\n" + mail
    }
    return Array(mail.utf8)
  }

  @Test func deeplyNestedMessagesAreHostileAndBounded() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = try scan(Self.nested(1000))
    #expect(report.outcome == .hostile, "\(report.detail ?? "")")
    #expect(report.detail?.contains("nested") == true)
    // Within the limit, the innermost message is read.
    let shallow = try scan(Self.nested(5))
    #expect(shallow.outcome == .scanned)
    #expect(places(shallow, "jp.my_number") == ["message-1.eml!message-2.eml!message-3.eml!message-4.eml!message-5.eml|"])
  }

  @Test func aLargeAttachmentIsReadUpToTheLimit() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let limited = try scanner()
    limited.mailLimits.maxPartBytes = 4096
    let big = "個人番号：123456789018\r\n" + String(repeating: "ordinary text line\r\n", count: 2000) + "個人番号：314159265352\r\n"
    let mail = MailFixture.headers() + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; name=big.txt\r\nContent-Disposition: attachment; filename=big.txt\r\nContent-Transfer-Encoding: base64\r\n\r\n\(MailFixture.base64(Array(big.utf8)))\r\n--b--\r\n"
    let report = try scan(Array(mail.utf8), with: limited)
    #expect(report.outcome == .tooLarge)
    #expect(report.detail?.contains("big.txt: over 4096 bytes") == true)
    #expect(places(report, "jp.my_number") == ["big.txt|"])
  }

  @Test func theSweepGoesOnAfterHostileMail() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let data = folder.appendingPathComponent("data")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    try Data(Self.nested(1000)).write(to: data.appendingPathComponent("bomb.eml"))
    try Data(try Self.multipartMail()).write(to: data.appendingPathComponent("fine.eml"))
    let environment = [
      "NOKORI_KEY_FILE": folder.appendingPathComponent("key").path,
      "NOKORI_DB": folder.appendingPathComponent("nokori.db").path,
    ]
    let scan = try CommandRunner.run(["scan", "--quiet", "--format", "jsonl", data.path], environment: environment)
    // Exit 3: a file could not be read whole (the hostile one); the other was scanned.
    #expect(scan.status == 3, "\(scan.stderr)")
    #expect(scan.stdout.contains("fine.eml"))
    #expect(scan.stdout.contains("顧客一覧.csv"))
    #expect(!scan.stdout.contains("123456789018"))
    let hostile = try CommandRunner.run(["files", "--run", "1", "--outcome", "hostile"], environment: environment)
    #expect(hostile.stdout.contains("bomb.eml"))
  }
}

/// Outlook messages: a body form that cannot be decoded is named; other OLE2 files are not messages.
@Suite struct OutlookScanTests {
  @Test func aDamagedRTFBodyIsNamedInTheOutcome() throws {
    let folder = try TestPaths.temporaryDirectory("nokori-msg")
    defer { try? FileManager.default.removeItem(at: folder) }
    var bytes = try [UInt8](Data(contentsOf: TestPaths.corpus.appendingPathComponent("mail/outlook_rtf_embedded.msg")))
    // Flip one byte of the compressed RTF body (after its 16-byte header, found by the "LZFu" tag).
    let tag = try #require(bytes.firstRange(of: Array("LZFu".utf8)))
    bytes[tag.upperBound + 10] ^= 0x20
    let url = folder.appendingPathComponent("damaged.msg")
    try Data(bytes).write(to: url)
    let scanner = try FileScanner(
      patternSet: TestPaths.patternSet(), fingerprinter: TestPaths.fingerprinter(), options: ScanOptions(roots: []))
    let report = scanner.scan(WalkEntry(path: url.path, root: folder.path, size: 0, mtime: 0, inode: 0, device: 0, mayRepeat: false))
    #expect(report.format == "msg")
    #expect(report.outcome == .unreadable)
    #expect(report.detail?.contains("RTF body: CRC mismatch") == true, "\(report.detail ?? "")")
    // The embedded message is still read.
    #expect(report.findings.contains { $0.location.member == "licence.msg" })
  }
}
