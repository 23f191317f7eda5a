import Foundation
import LibXML
import NokoriCore
import NokoriExtract
import Testing

/// Runs `bytes` through an extractor in chunks of `chunk` bytes; returns the text and the summary.
func extract(
  _ bytes: [UInt8], dialect: XMLDialect = .generic, chunk: Int = 7, extractor: XMLExtractor? = nil
) throws -> (text: String, summary: XMLParseSummary, extractor: XMLExtractor) {
  let extractor = extractor ?? XMLExtractor(dialect: dialect)
  var out: [UInt8] = []
  var offset = 0
  while offset < bytes.count {
    let end = min(bytes.count, offset + chunk)
    try bytes[offset..<end].withUnsafeBytes { try extractor.feed($0) { out.append(contentsOf: $0) } }
    offset = end
  }
  let (summary, _) = try extractor.finish { out.append(contentsOf: $0) }
  return (String(decoding: out, as: UTF8.self), summary, extractor)
}

@Suite struct XMLExtractorTests {
  static let export = """
    <?xml version="1.0" encoding="UTF-8"?>
    <ex:Export xmlns:ex="urn:example">
      <ex:Customer id="C1">
        <ex:Name>山田 太郎</ex:Name>
        <ex:Contact><ex:Email> taro@example.com </ex:Email></ex:Contact>
        <Note><![CDATA[個人番号 <確認済>]]></Note>
      </ex:Customer>
    </ex:Export>
    """

  @Test func valuesComeOutOneALineWithElementPathsAndLocalNames() throws {
    // Chunks of 7 bytes cut names, values and UTF-8 characters: the output must not care.
    let (text, summary, extractor) = try extract(Array(Self.export.utf8))
    #expect(summary.wellFormed)
    // Blank space around a value stays in the text; the value's recorded range excludes it.
    #expect(text == "C1\n山田 太郎\n taro@example.com \n個人番号 <確認済>\n")
    let emailOffset = try #require(text.utf8.firstRange(of: "taro".utf8)).lowerBound
    let offset = text.utf8.distance(from: text.utf8.startIndex, to: emailOffset)
    let field = try #require(extractor.tracker.field(containing: offset))
    #expect(field.name == "Email")
    #expect(field.path == "/Export/Customer/Contact/Email")
    #expect(field.valueRange.count == "taro@example.com".utf8.count)
    #expect(extractor.tracker.field(containing: 0)?.path == "/Export/Customer/@id")
    #expect(extractor.tracker.field(containing: 0)?.name == "Customer id")
  }

  @Test func aLabelAttributeNamesTheElementsValue() throws {
    let xml = """
      <Export><Record>
      <Field name="個人番号">123456789018</Field>
      <item key="MyNumber" value="023456789013"/>
      </Record></Export>
      """
    let (text, _, extractor) = try extract(Array(xml.utf8))
    #expect(text == "個人番号\n123456789018\nMyNumber\n023456789013\n")
    func field(at value: String) -> FieldInfo? {
      guard let range = text.utf8.firstRange(of: value.utf8) else { return nil }
      return extractor.tracker.field(containing: text.utf8.distance(from: text.utf8.startIndex, to: range.lowerBound))
    }
    #expect(field(at: "123456789018")?.name == "Field[個人番号]")
    #expect(field(at: "123456789018")?.path == "/Export/Record/Field[個人番号]")
    #expect(field(at: "023456789013")?.name == "item[MyNumber] value")
    #expect(field(at: "個人番号")?.path == "/Export/Record/Field/@name")
  }

  @Test func fieldsAreListedForTheDetectorsFieldReaders() throws {
    let xml = "<顧客一覧><顧客><氏名>山田 太郎</氏名><住所>東京都</住所></顧客><顧客><氏名>佐藤 花子</氏名></顧客></顧客一覧>"
    let (text, _, extractor) = try extract(Array(xml.utf8))
    var values: [(name: String?, column: Int, value: String)] = []
    extractor.tracker.forEachSlot(startingIn: 0..<text.utf8.count) { slot in
      let value = String(decoding: Array(text.utf8)[slot.valueRange], as: UTF8.self)
      values.append((extractor.tracker.field(for: slot).name, slot.column, value))
    }
    #expect(values.map(\.value) == ["山田 太郎", "東京都", "佐藤 花子"])
    #expect(values.map(\.name) == ["氏名", "住所", "氏名"])
    // One column per field, so a detector judges a field's name once, not once per value.
    #expect(values[0].column == values[2].column)
    #expect(values[0].column != values[1].column)
    // A range selects the values starting in it.
    let second = try #require(text.utf8.firstRange(of: "佐藤".utf8))
    var later: [String] = []
    let from = text.utf8.distance(from: text.utf8.startIndex, to: second.lowerBound)
    extractor.tracker.forEachSlot(startingIn: from..<text.utf8.count) {
      later.append(String(decoding: Array(text.utf8)[$0.valueRange], as: UTF8.self))
    }
    #expect(later == ["佐藤 花子"])
  }

  @Test func wordRunsAreJoinedWithinAParagraphAndParagraphsAreLines() throws {
    let document = """
      <w:document xmlns:w="urn:w"><w:body>
      <w:p><w:r><w:t>個人番号：</w:t></w:r><w:r><w:t>1234 </w:t></w:r><w:r><w:t>5678 9018</w:t></w:r></w:p>
      <w:p><w:r><w:t>二段落目</w:t></w:r><w:r><w:tab/><w:t>x</w:t></w:r></w:p>
      <w:p><w:r><w:delText>消した</w:delText></w:r></w:p>
      </w:body></w:document>
      """
    let (text, _, _) = try extract(Array(document.utf8), dialect: .paragraphs)
    #expect(text == "個人番号：1234 5678 9018\n二段落目\tx\n")
  }

  @Test func declaredShiftJISIsDecodedAsCP932() throws {
    let xml = "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>\n<顧客><氏名>髙橋①</氏名></顧客>\n"
    let bytes = Array(try #require(xml.data(using: .shiftJIS)))
    let (text, summary, extractor) = try extract(bytes)
    #expect(summary.wellFormed)
    #expect(text == "髙橋①\n")
    #expect(extractor.encodingName == "cp932")
    #expect(extractor.tracker.field(containing: 0)?.path == "/顧客/氏名")
  }

  @Test func utf8BehindAFalseShiftJISDeclarationIsReadAsUTF8() throws {
    let xml = "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>\n<顧客><氏名>山田</氏名></顧客>\n"
    let (text, _, extractor) = try extract(Array(xml.utf8))
    #expect(text == "山田\n")
    #expect(extractor.encodingNote?.contains("UTF-8") == true)
  }

  @Test func utf16WithABOMIsDecoded() throws {
    let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<a><b>メール x@example.jp</b></a>\n"
    let bytes: [UInt8] = [0xFF, 0xFE] + xml.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let (text, summary, _) = try extract(bytes, chunk: 5)
    #expect(summary.wellFormed)
    #expect(text == "メール x@example.jp\n")
  }

  @Test func truncatedXMLIsMalformedAndWhatCameBeforeIsKept() throws {
    let xml = "<?xml version=\"1.0\"?><Export><Customer><Email>a@example.com</Email><MyNumber>1234"
    let (text, summary, _) = try extract(Array(xml.utf8))
    #expect(!summary.wellFormed)
    #expect(summary.problem == nil)
    #expect(text.hasPrefix("a@example.com\n"))
  }

  @Test func nulByteEndsTheParseAsMalformed() throws {
    let bytes = Array("<?xml version=\"1.0\"?><a><b>x@example.com</b>".utf8) + [0] + Array("<c>y</c></a>".utf8)
    let (text, summary, _) = try extract(bytes)
    #expect(!summary.wellFormed)
    #expect(text.hasPrefix("x@example.com\n"))
  }

  @Test func sheetCellsAreNamedByTheirHeaderAndLocatedByTheirCell() throws {
    let shared = XLSXSharedStrings()
    let parser = try XMLPushParser(handler: shared, utf8Input: false)
    let sst = "<sst><si><t>氏名</t></si><si><r><t>個人</t></r><r><t>番号</t></r><rPh><t>コジンバンゴウ</t></rPh></si><si><t>山田</t></si></sst>"
    Array(sst.utf8).withUnsafeBytes { parser.feed($0) }
    #expect(parser.finish().wellFormed)
    #expect(shared.count == 3)
    #expect(shared.withString(1) { String(decoding: $0, as: UTF8.self) } == "個人番号")

    let sheet = XLSXSheetExtractor(sheetName: "顧客", sheetIndex: 0, sharedStrings: shared)
    let xml = """
      <worksheet><sheetData>
      <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>
      <row r="12"><c r="A12" t="s"><v>2</v></c><c r="C12"><v>123456789018</v></c></row>
      </sheetData></worksheet>
      """
    var out: [UInt8] = []
    try Array(xml.utf8).withUnsafeBytes { try sheet.feed($0) { out.append(contentsOf: $0) } }
    #expect(try sheet.finish { out.append(contentsOf: $0) }.wellFormed)
    let text = String(decoding: out, as: UTF8.self)
    #expect(text == "氏名\n個人番号\n山田\n123456789018\n")
    let offset = text.utf8.count - "123456789018\n".utf8.count
    let field = try #require(sheet.tracker.field(containing: offset))
    #expect(field.name == "個人番号")
    #expect(field.place == "顧客!C12")
  }

  /// The text and named fields of a sheet whose cells are given as inline strings by reference.
  func sheetFields(_ rows: [(Int, [(String, String)])]) throws -> [String: String] {
    let sheet = XLSXSheetExtractor(sheetName: "S", sheetIndex: 0, sharedStrings: nil)
    let body = rows.map { number, cells in
      "<row r=\"\(number)\">" + cells.map { "<c r=\"\($0.0)\" t=\"inlineStr\"><is><t>\($0.1)</t></is></c>" }.joined() + "</row>"
    }.joined()
    var out: [UInt8] = []
    try Array("<worksheet><sheetData>\(body)</sheetData></worksheet>".utf8).withUnsafeBytes {
      try sheet.feed($0) { out.append(contentsOf: $0) }
    }
    #expect(try sheet.finish { out.append(contentsOf: $0) }.wellFormed)
    // Each value's place and the name of its field ("-" for none).
    var fields: [String: String] = [:]
    var offset = 0
    for line in String(decoding: out, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
      if let field = sheet.tracker.field(containing: offset), let place = field.place { fields[place] = field.name ?? "-" }
      offset += line.utf8.count + 1
    }
    return fields
  }

  @Test func aTitleAboveTheHeaderDoesNotNameTheColumns() throws {
    let fields = try sheetFields([
      (1, [("A1", "顧客名簿（2024年3月末）")]), (2, [("A2", "出力日 2024年4月1日")]),
      (4, [("A4", "氏名"), ("B4", "フリガナ"), ("C4", "個人番号")]),
      (5, [("A5", "山田 太郎"), ("B5", "ヤマダ タロウ"), ("C5", "123456789018")]),
    ])
    #expect(fields["S!A5"] == "氏名" && fields["S!B5"] == "フリガナ" && fields["S!C5"] == "個人番号")
    #expect(fields["S!A2"] == "-", "the title names nothing")
  }

  @Test func aOneColumnSheetKeepsItsHeader() throws {
    let fields = try sheetFields([(1, [("A1", "氏名")]), (2, [("A2", "山田 太郎")]), (3, [("A3", "佐藤 花子")])])
    #expect(fields["S!A2"] == "氏名" && fields["S!A3"] == "氏名")
  }

  @Test func aTitleAboveDataWithoutAHeaderNamesNothing() throws {
    let fields = try sheetFields([
      (1, [("A1", "受注一覧")]), (2, [("A2", "123456789018"), ("B2", "3")]), (3, [("A3", "987654321098"), ("B3", "1")]),
    ])
    #expect(fields["S!A2"] == "-" && fields["S!A3"] == "-")
  }

  @Test func theHeaderIsLookedForOnlyInTheFirstRows() throws {
    var rows: [(Int, [(String, String)])] = [(1, [("A1", "氏名")])]
    for row in 2...12 { rows.append((row, [("A\(row)", "山田 太郎")])) }
    rows.append((13, [("A13", "佐藤 花子"), ("B13", "東京都")]))
    rows.append((14, [("A14", "鈴木 一郎"), ("B14", "大阪府")]))
    let fields = try sheetFields(rows)
    #expect(fields["S!A14"] == "氏名", "a row of several cells past the first rows is data")
  }
}
