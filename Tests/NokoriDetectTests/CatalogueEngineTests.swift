import Foundation
import NokoriCore
import NokoriDetect
import NokoriExtract
import NokoriTestSupport
import Testing

/// The catalogue in the engine: values read beside labels and out of named columns, evidence
/// only the whole file gives (an identity document, an MRZ, a record of one person), and
/// pathological lines that must stay linear with exact offsets.
@Suite struct CatalogueEngineTests {
  let set: PatternSet
  let fingerprinter: Fingerprinter

  init() throws {
    set = try TestPaths.patternSet()
    fingerprinter = try TestPaths.fingerprinter()
  }

  func detect(_ text: String, locator: (any FieldLocator)? = nil, minimum: Confidence = .medium) throws -> [Hit] {
    let detector = try StreamDetector(patternSet: set, fingerprinter: fingerprinter)
    detector.minimumConfidence = minimum
    detector.reset(fieldLocator: locator)
    try detector.feed(text)
    try detector.finish()
    return detector.hits
  }

  func csvHits(_ text: String) throws -> [Hit] {
    let tracker = CSVFieldTracker(delimiter: 0x2C)
    let detector = try StreamDetector(patternSet: set, fingerprinter: fingerprinter)
    detector.minimumConfidence = .medium
    detector.reset(fieldLocator: tracker)
    var bytes = Array(text.utf8)
    try bytes.withUnsafeMutableBytes { buffer in
      tracker.consume(UnsafeRawBufferPointer(buffer))
      try detector.feed(UnsafeRawBufferPointer(buffer))
    }
    tracker.finish()
    try detector.finish()
    return detector.hits
  }

  @Test func namedColumnsAreReadWithoutLabelsInTheText() throws {
    let hits = try csvHits("氏名,生年月日,性別,国籍,住所\n山田 太郎,1985/07/14,男,ベトナム,横浜市中区山下町1-1\n")
    let categories = Set(hits.map(\.category.rawValue))
    #expect(
      categories == ["pii.person_name", "pii.date_of_birth", "pii.gender", "pii.nationality", "pii.address"])
    let name = try #require(hits.first { $0.category.rawValue == "pii.person_name" })
    #expect(name.field == "氏名")
    #expect(name.confidence == .high, "a dictionary surname in a name column")
  }

  @Test func aHeaderCellWithoutANameDoesNotDecideItsColumn() throws {
    // A spreadsheet names a column from its header row, so the header cell itself has no
    // name: the names under it must still be read as names.
    let text = "氏名\n山田 太郎\n佐藤 花子\n"
    let lines = text.split(separator: "\n").map(String.init)
    var cells: [(range: Range<Int>, name: String?)] = []
    var offset = 0
    for (row, line) in lines.enumerated() {
      cells.append((offset..<(offset + line.utf8.count), row == 0 ? nil : "氏名"))
      offset += line.utf8.count + 1
    }
    let hits = try detect(text, locator: SheetColumnLocator(cells: cells))
    let names = hits.filter { $0.category.rawValue == "pii.person_name" }
    #expect(names.map(\.range) == [cells[1].range, cells[2].range])
    #expect(names.allSatisfy { $0.field == "氏名" })
  }

  @Test func aCompanyColumnIsNotANameColumn() throws {
    let hits = try csvHits("会社名,担当者\n株式会社サンプル,窓口\n")
    #expect(!hits.contains { $0.category.rawValue == "pii.person_name" })
  }

  @Test func anIdentityDocumentRaisesTheNumbersOnIt() throws {
    // A My Number with no label is low on its own; on a copy of a My Number card it is high.
    let bare = try detect("番号 1234 5678 9018\n", minimum: .low)
    #expect(bare.first { $0.category == .myNumber }?.confidence == .low)
    let card = """
      個人番号カード
      氏名 山田 花子
      住所 東京都港区六本木1-2-3
      生年月日 平成2年1月1日
      性別 女
      2030年1月1日まで有効
      番号 1234 5678 9018

      """
    let hits = try detect(card)
    #expect(hits.contains { $0.category.rawValue == "doc.my_number_card" })
    let number = try #require(hits.first { $0.category == .myNumber })
    #expect(number.confidence == .high)
    #expect(number.signals.contains(.document))
  }

  @Test func aPassportNumberMatchingTheMRZIsHighWithoutAKeyword() throws {
    let text = """
      TZ1234567
      P<JPNSATO<<TARO<<<<<<<<<<<<<<<<<<<<<<<<<<<<<
      TZ12345676JPN9001011M3001019<<<<<<<<<<<<<<<4

      """
    let hits = try detect(text)
    #expect(hits.contains { $0.category.rawValue == "mrz.passport" && $0.confidence == .high })
    let passport = try #require(hits.first { $0.category.rawValue == "jp.passport_number" })
    #expect(passport.confidence == .high)
    #expect(passport.range == 0..<9)
    // Without the MRZ the same number has no context at all.
    #expect(try detect("TZ1234567\n").isEmpty)
  }

  @Test func severalKindsOfOnePersonMakeARecord() throws {
    // An address with no label is low; with a name and a phone beside it, it is a record.
    let alone = try detect("北海道札幌市中央区北一条西2-1\n", minimum: .low)
    #expect(alone.first?.confidence == .low)
    let record = try detect("お名前：佐藤 花子\n北海道札幌市中央区北一条西2-1\n電話 090-1234-5678\n")
    let address = try #require(record.first { $0.category.rawValue == "pii.address" })
    #expect(address.confidence == .medium)
    #expect(address.signals.contains(.record))
  }

  @Test func overlappingPatternsOfOneCategoryReportOneValue() throws {
    let hits = try detect("住所：東京都港区六本木1-2-3\n").filter { $0.category.rawValue == "pii.address" }
    #expect(hits.count == 1)
    #expect(hits.first?.confidence == .high)
  }

  @Test func labelledValuesSplitAcrossBlocksAreFoundOnce() throws {
    let text = "前置き\n氏名：山田 太郎\n生年月日：昭和63年12月31日\n国籍：ベトナム\n"
    let bytes = Array(text.utf8)
    let whole = try detect(text)
    #expect(whole.count == 3)
    for split in stride(from: 1, to: bytes.count, by: 1) {
      let detector = try StreamDetector(patternSet: set, fingerprinter: fingerprinter)
      detector.minimumConfidence = .medium
      detector.reset()
      try Array(bytes[..<split]).withUnsafeBytes { try detector.feed($0) }
      try Array(bytes[split...]).withUnsafeBytes { try detector.feed($0) }
      try detector.finish()
      #expect(detector.hits == whole, "split at byte \(split)")
    }
  }

  /// A megabyte of digits, of `<`, of kanji without a break, of labels: each must finish in
  /// time linear in its length (measured as a ratio to a quarter of it, generously, so a
  /// loaded machine does not fail it) and find nothing false.
  @Test(arguments: ["0123456789", "<", "山田太郎様", "氏名：", "住所東京都港区", "P<JPN"])
  func pathologicalLinesStayLinear(unit: String) throws {
    func seconds(_ bytes: Int) throws -> (Double, [Hit]) {
      let text = String(repeating: unit, count: max(1, bytes / unit.utf8.count))
      let start = DispatchTime.now().uptimeNanoseconds
      let hits = try detect(text, minimum: .low)
      return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, hits)
    }
    let (quarter, _) = try seconds(256 * 1024)
    let (whole, hits) = try seconds(1024 * 1024)
    #expect(whole < max(0.5, quarter * 12), "1 MB took \(whole) s, 256 KB took \(quarter) s")
    #expect(hits.filter { $0.confidence >= .medium }.count <= 1000 * 22)
  }

  @Test func offsetsMoveExactlyBehindAMultiByteText() throws {
    let text = "生年月日：昭和63年12月31日 性別 女 国籍 ベトナム\n"
    let prefix = "日本語の前置き、全角１２３。\n"
    let plain = try detect(text)
    let shifted = try detect(prefix + text)
    #expect(plain.count == 3)
    #expect(shifted.map(\.range.lowerBound) == plain.map { $0.range.lowerBound + prefix.utf8.count })
  }
}

/// One spreadsheet column: the cells' ranges, and the name each has (none for the header cell).
private final class SheetColumnLocator: FieldLocator {
  let cells: [(range: Range<Int>, name: String?)]
  init(cells: [(range: Range<Int>, name: String?)]) { self.cells = cells }

  private func slot(_ index: Int) -> FieldSlot {
    FieldSlot(column: 0, valueRange: cells[index].range, nonEmptyOrdinal: index + 1, key: index)
  }
  func slot(containing offset: Int) -> FieldSlot? { cells.firstIndex { $0.range.contains(offset) }.map(slot) }
  func field(for slot: FieldSlot) -> FieldInfo {
    FieldInfo(name: cells[slot.key].name, column: 0, valueRange: slot.valueRange, nonEmptyOrdinal: slot.nonEmptyOrdinal)
  }
  func discard(before offset: Int) {}
  func forEachSlot(startingIn range: Range<Int>, _ body: (FieldSlot) -> Void) {
    for index in cells.indices where range.contains(cells[index].range.lowerBound) { body(slot(index)) }
  }
}
