import Crypto
import Foundation
import NokoriCore
import NokoriScanner
import NokoriTestSupport
import NokoriWalk
import Testing

/// XML, Office files and zips through the file scanner: locations, outcomes, limits.
@Suite struct StructuredScanTests {
  func scanner() throws -> FileScanner {
    try FileScanner(
      patternSet: TestPaths.patternSet(), fingerprinter: TestPaths.fingerprinter(), options: ScanOptions(roots: []))
  }

  func scan(_ url: URL, with scanner: FileScanner? = nil) throws -> FileReport {
    let entry = WalkEntry(
      path: url.path, root: url.deletingLastPathComponent().path, size: 0, mtime: 0, inode: 0, device: 0,
      mayRepeat: false)
    return try (scanner ?? self.scanner()).scan(entry)
  }

  func corpus(_ path: String) -> URL { TestPaths.corpus.appendingPathComponent("structured/" + path) }

  /// Runs a Python snippet (stdlib zipfile) that writes `out`; hostile zips are built here, not committed.
  func python(_ script: String, out: URL) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, out.path]
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
  }

  @Test func xmlFindingsCarryTheirElementPath() throws {
    let report = try scan(corpus("xml/customer_export_namespaced.xml"))
    #expect(report.outcome == .scanned)
    #expect(report.format == "xml")
    // By category, so that detectors added later (names in /Export/Customer/Name) do not matter here.
    func fields(_ category: String) -> Set<String> {
      Set(report.findings.filter { $0.category == Category(category) }.map { $0.location.field ?? "" })
    }
    #expect(fields("jp.my_number") == ["/Export/Customer/MyNumber"])
    #expect(fields("pii.email") == ["/Export/Customer/Contact/Email"])
    #expect(fields("pii.phone") == ["/Export/Customer/Contact/Phone"])
    #expect(report.findings.allSatisfy { $0.location.line == nil })
  }

  @Test func orderNumbersInOrderFieldsAreNotMyNumbers() throws {
    let report = try scan(corpus("xml/order_numbers_only.xml"))
    #expect(report.outcome == .scanned)
    #expect(report.findings.isEmpty)
  }

  @Test func anAttributeIsNamedWithItsElement() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("mixed.xml")
    let xml = """
      <?xml version="1.0"?>
      <Data><Order no="123456789018"/><Customer id="023456789013"/><Person KojinBango="191187943353"/></Data>
      """
    try Data(xml.utf8).write(to: url)
    // At low confidence a bare valid number would be reported; the order and customer
    // fields refute theirs, the person's KojinBango attribute corroborates its own.
    let scanner = try FileScanner(
      patternSet: TestPaths.patternSet(), fingerprinter: TestPaths.fingerprinter(),
      options: ScanOptions(roots: [], minimumConfidence: .low))
    let report = try scan(url, with: scanner)
    #expect(report.findings.map(\.location.field) == ["/Data/Person/@KojinBango"])
    #expect(report.findings.first?.confidence == .high)
  }

  @Test func japaneseElementNamesInShiftJISAreFieldHints() throws {
    let report = try scan(corpus("xml/cp932_japanese_elements.xml"))
    #expect(report.encoding == "cp932")
    let myNumbers = report.findings.filter { $0.category == Category("jp.my_number") }
    #expect(myNumbers.count == 4)
    #expect(myNumbers.allSatisfy { $0.location.field == "/顧客一覧/顧客/個人番号" && $0.confidence == .high })
  }

  @Test func malformedXMLIsScannedAsFarAsItRecovers() throws {
    let report = try scan(corpus("xml/malformed_truncated.xml"))
    #expect(report.outcome == .malformed)
    #expect(report.detail?.contains("malformed XML") == true)
    #expect(report.categories.contains(Category("pii.email")))
    #expect(!report.categories.contains(Category("jp.my_number")))  // cut off before its end
  }

  @Test func xlsxFindingsNameTheSheetCellAndHeader() throws {
    let report = try scan(corpus("office/customer_list.xlsx"))
    #expect(report.outcome == .scanned)
    #expect(report.format == "xlsx")
    let first = try #require(report.findings.first { $0.category == Category("jp.my_number") })
    #expect(first.location.member == "顧客一覧!B2")
    #expect(first.location.field == "個人番号")
    #expect(first.confidence == .high)
  }

  @Test func aTitleAboveTheSheetsHeaderLeavesItsColumnsNamed() throws {
    let report = try scan(corpus("office/customer_list_titled.xlsx"))
    let numbers = report.findings.filter { $0.category == Category("jp.my_number") }
    #expect(numbers.count == 4)
    #expect(numbers.allSatisfy { $0.location.field == "個人番号" && $0.confidence == .high }, "\(numbers)")
    #expect(numbers.first?.location.member == "顧客一覧!B5")
    // Order numbers under 注文番号, below a title, are refuted as My Numbers at every level.
    let everyLevel = try FileScanner(
      patternSet: TestPaths.patternSet(), fingerprinter: TestPaths.fingerprinter(),
      options: ScanOptions(roots: [], minimumConfidence: .low))
    let orders = try scan(corpus("office/order_numbers_titled.xlsx"), with: everyLevel)
    #expect(orders.outcome == .scanned)
    #expect(!orders.findings.contains { $0.category == Category("jp.my_number") }, "\(orders.findings)")
  }

  @Test func docxNumberCutAcrossRunsIsFound() throws {
    let report = try scan(corpus("office/identity_memo.docx"))
    #expect(report.format == "docx")
    let myNumber = try #require(report.findings.first { $0.category == Category("jp.my_number") })
    #expect(myNumber.location.member == "word/document.xml")
  }

  @Test func legacyBinaryOfficeIsUnsupportedWithTheFormatNamed() throws {
    let report = try scan(corpus("office/legacy_workbook.xls"))
    #expect(report.outcome == .unsupportedFormat)
    #expect(report.detail?.contains("legacy Excel .xls") == true)
  }

  @Test func zipMembersNestAndCarryTheirDecodePath() throws {
    let report = try scan(corpus("zip/customers_2024.zip"))
    #expect(report.outcome == .scanned)
    let members = Set(report.findings.compactMap(\.location.member))
    #expect(members.contains("2024/list.xlsx!顧客一覧!B2"))
    #expect(members.contains("2024/export.xml"))
    #expect(members.contains("notes/payment.txt"))
    let nested = try scan(corpus("zip/nested_archive.zip"))
    #expect(nested.findings.first?.location.member == "inner/backup.zip!memo.txt")
  }

  @Test func traversalMemberNamesAreOnlyLabels() throws {
    let report = try scan(corpus("zip/traversal_names.zip"))
    #expect(report.findings.first?.location.member == "../../etc/contacts.csv")
    // Nothing is ever extracted: no file appeared beside the corpus or above it.
    #expect(!FileManager.default.fileExists(atPath: corpus("etc/contacts.csv").path))
    #expect(!FileManager.default.fileExists(atPath: TestPaths.corpus.appendingPathComponent("etc/contacts.csv").path))
  }

  @Test func encryptedMembersAreReportedNotRead() throws {
    let report = try scan(corpus("zip/encrypted_member.zip"))
    #expect(report.outcome == .encrypted)
    #expect(report.detail?.contains("secret.csv") == true)
  }

  @Test func zipBombsAreHostileQuickly() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    // 96 MiB of text in a ~100 KB zip, against limits scaled down to keep the test quick.
    let honest = folder.appendingPathComponent("bomb.zip")
    try python(
      """
      import sys, zipfile
      with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
          with z.open('customers.csv', 'w') as f:
              block = b'a,b,c\\n' * (1 << 20)
              for _ in range(16): f.write(block)
      """, out: honest)
    let strict = try scanner()
    strict.zipLimits.ratioAllowance = 16 << 20
    let start = ContinuousClock.now
    let report = try scan(honest, with: strict)
    #expect(report.outcome == .hostile)
    #expect(ContinuousClock.now - start < .seconds(10))

    // Archives nested past the depth limit.
    let deep = folder.appendingPathComponent("deep.zip")
    try python(
      """
      import io, sys, zipfile
      data = b'mail a@example.com\\n'
      name = 'note.txt'
      for level in range(8):
          out = io.BytesIO()
          with zipfile.ZipFile(out, 'w') as z: z.writestr(name, data)
          data, name = out.getvalue(), 'level%d.zip' % level
      open(sys.argv[1], 'wb').write(data)
      """, out: deep)
    let deepReport = try scan(deep)
    #expect(deepReport.outcome == .hostile)
    #expect(deepReport.detail?.contains("nested deeper") == true)

    // More members than the limit.
    let many = folder.appendingPathComponent("many.zip")
    try python(
      """
      import sys, zipfile
      with zipfile.ZipFile(sys.argv[1], 'w') as z:
          for i in range(40): z.writestr('m%d.txt' % i, 'x')
      """, out: many)
    let limited = try scanner()
    limited.zipLimits.maxMembers = 30
    #expect(try scan(many, with: limited).outcome == .hostile)
  }

  @Test func aZipThatLiesAboutItsSizesIsStoppedByWhatItInflates() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("liar.zip")
    // 48 MiB of text whose headers (local and central) claim 1,000 bytes.
    try python(
      """
      import struct, sys, zipfile
      with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
          z.writestr('data.csv', b'a,b,c\\n' * (8 << 20))
      d = bytearray(open(sys.argv[1], 'rb').read())
      struct.pack_into('<I', d, d.find(b'PK\\x03\\x04') + 22, 1000)
      struct.pack_into('<I', d, d.find(b'PK\\x01\\x02') + 24, 1000)
      open(sys.argv[1], 'wb').write(bytes(d))
      """, out: url)
    let strict = try scanner()
    strict.zipLimits.ratioAllowance = 8 << 20
    let report = try scan(url, with: strict)
    #expect(report.outcome == .hostile)
    #expect(report.detail?.contains("data.csv: expands to over") == true)
  }

  @Test func cp932MemberNamesWithoutTheUTF8FlagAreDecoded() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("windows.zip")
    // Written by hand: zipfile always sets the UTF-8 flag on non-ASCII names.
    try python(
      """
      import struct, sys, zlib
      name = '顧客一覧.csv'.encode('cp932'); data = 'メール\\nx@example.jp\\n'.encode('cp932')
      crc = zlib.crc32(data)
      local = struct.pack('<IHHHHHIIIHH', 0x04034b50, 20, 0, 0, 0, 0, crc, len(data), len(data), len(name), 0) + name + data
      central = struct.pack('<IHHHHHHIIIHHHHHII', 0x02014b50, 20, 20, 0, 0, 0, 0, crc, len(data), len(data), len(name), 0, 0, 0, 0, 0, 0) + name
      end = struct.pack('<IHHHHIIH', 0x06054b50, 0, 0, 1, 1, len(central), len(local), 0)
      open(sys.argv[1], 'wb').write(local + central + end)
      """, out: url)
    let report = try scan(url)
    #expect(report.findings.first?.location.member == "顧客一覧.csv")
    #expect(report.findings.first?.location.field == "メール")
  }

  @Test func corruptCentralDirectoryIsMalformedAndTheSweepGoesOn() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    var bytes = try Data(contentsOf: corpus("zip/traversal_names.zip"))
    bytes.removeLast(30)
    let url = folder.appendingPathComponent("cut.zip")
    try bytes.write(to: url)
    let shared = try scanner()
    #expect(try scan(url, with: shared).outcome == .malformed)
    // The same scanner goes on to the next file.
    #expect(try scan(corpus("zip/nested_archive.zip"), with: shared).categories == [Category("jp.my_number")])
  }

  @Test func hostileXMLFileIsReportedAndTheNextFileIsScanned() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    var dtd = "<!ENTITY l0 \"lol\">"
    for level in 1...9 { dtd += "<!ENTITY l\(level) \"" + String(repeating: "&l\(level - 1);", count: 10) + "\">" }
    let url = folder.appendingPathComponent("laughs.xml")
    try Data("<?xml version=\"1.0\"?><!DOCTYPE x [\(dtd)]><x>&l9;</x>".utf8).write(to: url)
    let shared = try scanner()
    let report = try scan(url, with: shared)
    #expect(report.outcome == .hostile)
    #expect(report.outcome.isCoverageGap)
    #expect(try scan(corpus("xml/values_in_attributes.xml"), with: shared).outcome == .scanned)
  }

  /// A My Number with a valid check digit, from an 11-digit base.
  static func myNumber(_ base: Int) -> String {
    let digits = String(format: "%011d", base).compactMap(\.wholeNumberValue)
    let weights = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    let remainder = zip(digits, weights).map { $0 * $1 }.reduce(0, +) % 11
    return digits.map(String.init).joined() + String(remainder <= 1 ? 0 : 11 - remainder)
  }

  @Test func aLargeExportIsParsedAndDetectedOnTwoThreadsWithTheSameResults() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    var xml = "<?xml version=\"1.0\"?>\n<Export>\n"
    var records = 0
    while xml.utf8.count < Int(FileScanner.pipelineThreshold) + (1 << 20) {
      xml += "<Customer id=\"\(records)\"><MyNumber>\(Self.myNumber(10_000_000_000 + records * 7919))</MyNumber>"
        + "<OrderNo>\(Self.myNumber(20_000_000_000 + records * 104_729))</OrderNo>"
        + "<Note>\(String(repeating: "備考", count: 40))</Note></Customer>\n"
      records += 1
    }
    xml += "</Export>\n"
    let url = folder.appendingPathComponent("large.xml")
    try Data(xml.utf8).write(to: url)
    let report = try scan(url)
    #expect(report.outcome == .scanned)
    #expect(report.findingCounts == [Category("jp.my_number"): records])
    #expect(report.findings.allSatisfy { $0.location.field == "/Export/Customer/MyNumber" })
    #expect(report.bytesRead == Int64(xml.utf8.count))
    // Hashed by the parsing thread from the first finding on, after catching up.
    #expect(report.sha256 == SHA256.hash(data: Data(xml.utf8)).hexString)
  }

  @Test func aLargeExportFlaggedOnlyAtItsEndHasTheWholeFilesDigest() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    // Nothing to find until the last record: the parsing thread has read (nearly) all of the
    // file before the detector asks for a hash, and the digest must still be of every byte.
    let filler = String(repeating: "<r>nothing to see</r>\n", count: Int(FileScanner.pipelineThreshold) / 22 + 50_000)
    let xml = "<?xml version=\"1.0\"?>\n<Export>\n" + filler
      + "<Customer><MyNumber>\(Self.myNumber(10_000_000_019))</MyNumber></Customer>\n</Export>\n"
    let url = folder.appendingPathComponent("late.xml")
    try Data(xml.utf8).write(to: url)
    let report = try scan(url)
    #expect(report.findingCounts == [Category("jp.my_number"): 1])
    #expect(report.sha256 == SHA256.hash(data: Data(xml.utf8)).hexString)
  }

  @Test func aLargeHostileExportStopsOnTheParsingThread() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    var dtd = "<!ENTITY l0 \"lol\">"
    for level in 1...9 { dtd += "<!ENTITY l\(level) \"" + String(repeating: "&l\(level - 1);", count: 10) + "\">" }
    let head = "<?xml version=\"1.0\"?><!DOCTYPE x [\(dtd)]><x>&l9;"
    let padding = String(repeating: "<r>filler</r>\n", count: Int(FileScanner.pipelineThreshold) / 14 + 1)
    let url = folder.appendingPathComponent("big-laughs.xml")
    try Data((head + padding + "</x>").utf8).write(to: url)
    let start = ContinuousClock.now
    let report = try scan(url)
    #expect(report.outcome == .hostile)
    #expect(report.detail?.contains("entity") == true)
    #expect(ContinuousClock.now - start < .seconds(5))
  }
}
