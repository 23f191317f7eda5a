import Foundation
import NokoriCore
import NokoriScanner
import NokoriTestSupport
import NokoriWalk
import Testing

/// HTML reduced to text with its labels beside its values, and JSON keys as field names.
@Suite struct HTMLJSONScanTests {
  let folder: URL

  init() throws { folder = try TestPaths.temporaryDirectory("nokori-html-json") }

  func scan(_ bytes: [UInt8], name: String) throws -> FileReport {
    let url = folder.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    let scanner = try FileScanner(
      patternSet: TestPaths.patternSet(), fingerprinter: TestPaths.fingerprinter(), options: ScanOptions(roots: []))
    let entry = WalkEntry(path: url.path, root: folder.path, size: 0, mtime: 0, inode: 0, device: 0, mayRepeat: false)
    return scanner.scan(entry)
  }

  func fields(_ report: FileReport, _ category: String) -> [String] {
    report.findings.filter { $0.category == Category(category) }.map { $0.location.field ?? "" }.sorted()
  }

  func explainText(_ url: URL) throws -> [String] {
    let scanner = try FileScanner(
      patternSet: TestPaths.patternSet(), fingerprinter: TestPaths.fingerprinter(), options: ScanOptions(roots: []))
    return scanner.explain(url.path).hits.map { "\($0.category)" }
  }

  static let form = """
    <!DOCTYPE html>
    <html><head><meta charset="utf-8"><title>申込書</title>
    <style>td { color: red } /* 個人番号：123456789018 */</style>
    <script>var x = "314159265352";</script></head>
    <body>
    <table>
      <tr><th>氏名</th><td>髙橋&nbsp;花子</td></tr>
      <tr><th>個人&#x756A;号</th>
          <td>
            271828182840
          </td></tr>
      <tr><th>メール</th><td>hanako&#64;example.jp</td></tr>
    </table>
    <form><label>電話</label><input type="text" name="tel" value="090-1234-5678">
    <select name="pref"><option>北海道</option><option selected>東京都</option><option>沖縄県</option></select>
    <input type="submit" value="送信"></form>
    </body></html>
    """

  @Test func htmlFormKeepsLabelsBesideValuesAndDropsScripts() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = try scan(Array(Self.form.utf8), name: "form.html")
    #expect(report.format == "html")
    #expect(report.outcome == .scanned, "\(report.detail ?? "")")
    // Entities decoded (&#x756A; is 番, &#64; is @); the script's and style's numbers are not text.
    #expect(fields(report, "jp.my_number") == ["個人番号"])
    #expect(fields(report, "pii.email") == ["メール"])
    #expect(fields(report, "pii.phone") == ["tel"])
    #expect(report.findings.contains { $0.category == Category("pii.person_name") })
  }

  @Test func htmlIsSniffedByContentAndDecodedFromShiftJIS() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"></head><body><p>個人番号：123456789018</p></body></html>"
    let report = try scan(MailFixture.cp932(page), name: "saved_page")
    #expect(report.format == "html")
    #expect(report.encoding == "cp932")
    #expect(report.findings.filter { $0.category == Category("jp.my_number") }.count == 1)
  }

  @Test func anHTMLMailPartIsReducedToText() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let html = "<table><tr><th>個人番号</th><td>123456789018</td></tr></table>"
    let mail = MailFixture.headers() + "Content-Type: text/html; charset=ISO-2022-JP\r\nContent-Transfer-Encoding: base64\r\n\r\n\(MailFixture.base64(MailFixture.iso2022JP(html)))\r\n"
    let report = try scan(Array(mail.utf8), name: "html-mail.eml")
    #expect(fields(report, "jp.my_number") == ["個人番号"])
  }

  @Test func jsonKeysAreFieldNamesWithTheirPaths() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let json = """
      {"exported": "2025-01-06", "customers": [
        {"id": 1, "name": "髙橋 花子", "MyNumber": "123456789018", "contact": {"email": "hanako@example.jp"}},
        {"id": 2, "MyNumber": 314159265352, "phones": ["090-1234-5678"], "note": "ok\\u3067\\u3059"},
        {"id": 3, "orderNo": "271828182840"}
      ]}
      """
    let report = try scan(Array(json.utf8), name: "export.json")
    #expect(report.format == "json")
    #expect(report.outcome == .scanned, "\(report.detail ?? "")")
    #expect(fields(report, "jp.my_number") == ["$.customers[0].MyNumber", "$.customers[1].MyNumber"])
    #expect(fields(report, "pii.email") == ["$.customers[0].contact.email"])
    #expect(fields(report, "pii.phone") == ["$.customers[1].phones[0]"])
    #expect(report.findings.allSatisfy { $0.location.line == nil })
  }

  @Test func jsonLinesAndContentSniffing() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let lines = (0..<3).map { "{\"row\": \($0), \"kojin_bango\": \"123456789018\"}" }.joined(separator: "\n") + "\n"
    let report = try scan(Array(lines.utf8), name: "dump")
    #expect(report.format == "json")
    #expect(report.findings.filter { $0.category == Category("jp.my_number") }.count == 3)
    // Text that opens with a bracket is still text.
    let memo = try scan(Array("[1] 参照: 個人番号 123456789018\n".utf8), name: "memo")
    #expect(memo.format == "text")
  }

  @Test func brokenAndHostileJSON() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let broken = try scan(Array("{\"MyNumber\": \"123456789018\", \"x\": [1, 2,, }".utf8), name: "broken.json")
    #expect(broken.outcome == .malformed)
    #expect(fields(broken, "jp.my_number") == ["$.MyNumber"])
    let deep = try scan(Array((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8), name: "deep.json")
    #expect(deep.outcome == .hostile)
    #expect(deep.detail?.contains("nested deeper than 200") == true)
  }
}
