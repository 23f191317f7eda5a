import Foundation
import NokoriExtract
import Testing

@Suite struct FormatSnifferTests {
  private func sniff(_ bytes: [UInt8], name: String = "sample.txt", isComplete: Bool = true) -> SniffedFormat {
    FormatSniffer.sniff(bytes, fileName: name, isComplete: isComplete)
  }

  @Test func emptyFile() {
    #expect(sniff([]) == .empty)
    #expect(sniff([], name: "list.csv") == .empty)
  }

  static let signatures: [(bytes: [UInt8], name: String)] = {
    let zipHeader: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]
    let emptyZip: [UInt8] = [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18)
    let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]
    let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10]
    let ole2: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 24)
    let gzip: [UInt8] = [0x1F, 0x8B, 0x08, 0x00]
    let elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01]
    return [
      (Array("%PDF-1.7\n%\u{00E2}\u{00E3}\n1 0 obj\n".utf8), "pdf"),
      (zipHeader + Array("[Content_Types].xml".utf8), "zip"),
      (emptyZip, "zip"),
      (png + Array("IHDR".utf8), "png"),
      (jpeg + Array("JFIF".utf8) + [0x00], "jpeg"),
      (ole2, "ole2 (doc/xls/msg)"),
      (gzip, "gzip"),
      (elf, "elf"),
      (Array("SQLite format 3".utf8) + [0x00], "sqlite"),
    ]
  }()

  @Test(arguments: signatures)
  func knownSignatures(bytes: [UInt8], name: String) {
    #expect(sniff(bytes) == .known(name))
    // The file name does not override the signature.
    #expect(sniff(bytes, name: "looks-like.csv") == .known(name))
  }

  @Test func textStartingWithBMIsNotABitmap() {
    let text = Array("BMI and other measurements\nline two\nline three\n".utf8)
    #expect(sniff(text) == .text(encoding: .utf8, bomLength: 0, delimiter: nil))
  }

  @Test func binaryData() {
    let bytes = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ ($0 >> 5)) }
    #expect(sniff(bytes) == .binary)
    #expect(sniff(bytes, name: "data.csv") == .binary, "a .csv name does not make binary data text")
  }

  @Test func plainTextHasNoDelimiter() {
    let text = Encode.utf8("Hello.\nThis is a note.\nNothing tabular here.\nEnd.\n")
    #expect(sniff(text) == .text(encoding: .utf8, bomLength: 0, delimiter: nil))
  }

  @Test func proseWithCommasIsNotCSV() {
    let text = Encode.utf8("Hello, world.\nThis line has none\nBut this one, has, three, commas\nEnd.\n")
    #expect(sniff(text) == .text(encoding: .utf8, bomLength: 0, delimiter: nil))
  }

  @Test func csvByName() {
    // No comma at all: the name alone decides.
    let text = Encode.utf8("just one column\nvalue\n")
    #expect(sniff(text, name: "顧客一覧.csv") == .text(encoding: .utf8, bomLength: 0, delimiter: UInt8(ascii: ",")))
    #expect(sniff(text, name: "EXPORT.CSV") == .text(encoding: .utf8, bomLength: 0, delimiter: UInt8(ascii: ",")))
  }

  @Test func tsvByName() {
    let text = Encode.utf8("a,b\n")
    #expect(sniff(text, name: "export.tsv") == .text(encoding: .utf8, bomLength: 0, delimiter: 0x09))
    #expect(sniff(text, name: "export.TAB") == .text(encoding: .utf8, bomLength: 0, delimiter: 0x09))
  }

  @Test func csvByContent() {
    let text = Encode.utf8("id,name,mail\n1,Taro,taro@example.jp\n2,Hanako,hanako@example.jp\n")
    #expect(sniff(text, name: "export.txt") == .text(encoding: .utf8, bomLength: 0, delimiter: UInt8(ascii: ",")))
  }

  @Test func tsvByContent() {
    let text = Encode.utf8("id\tname\tmail\n1\tTaro\ttaro@example.jp\n2\tHanako\thanako@example.jp\n")
    #expect(sniff(text, name: "export") == .text(encoding: .utf8, bomLength: 0, delimiter: 0x09))
  }

  @Test func twoLinesAreNotEnoughForCSVByContent() {
    let text = Encode.utf8("id,name\n1,Taro\n")
    #expect(sniff(text) == .text(encoding: .utf8, bomLength: 0, delimiter: nil))
  }

  @Test func cp932CSVByContent() throws {
    let text = "番号,氏名,電話\n1,山田太郎,03-1234-5678\n2,髙橋①子,090-1111-2222\n3,ｶﾀｶﾅ,06-1234-5678\n"
    #expect(
      sniff(try Encode.cp932(text), name: "meibo.dat") == .text(encoding: .cp932, bomLength: 0, delimiter: 0x2C))
  }

  @Test func utf8BOMIsReported() {
    let text = [0xEF, 0xBB, 0xBF] + Encode.utf8("a,b\n1,2\n3,4\n")
    #expect(sniff(text) == .text(encoding: .utf8, bomLength: 3, delimiter: 0x2C))
  }

  @Test func utf16IsNotSniffedForDelimitersButTheNameStillCounts() throws {
    let bytes = [0xFF, 0xFE] + (try Encode.utf16LE("a,b\n1,2\n3,4\n"))
    #expect(sniff(bytes, name: "x.txt") == .text(encoding: .utf16LE, bomLength: 2, delimiter: nil))
    #expect(sniff(bytes, name: "x.csv") == .text(encoding: .utf16LE, bomLength: 2, delimiter: 0x2C))
  }

  @Test func sampleSizeIs64KiB() {
    #expect(FormatSniffer.sampleSize == 65_536)
  }
}

@Suite struct CSVDialectTests {
  private func detect(_ text: String) -> UInt8? { CSVDialect.detectDelimiter(Array(text.utf8)) }

  @Test func commas() {
    #expect(detect("a,b,c\n1,2,3\n4,5,6\n") == UInt8(ascii: ","))
  }

  @Test func tabs() {
    #expect(detect("a\tb\n1\t2\n3\t4\n") == 0x09)
  }

  @Test func tabsWinWhenBothAreConsistent() {
    #expect(detect("a,x\tb\n1,y\t2\n3,z\t4\n") == 0x09)
  }

  @Test func commasInsideQuotesDoNotCount() {
    // Without quote handling the second line would have 3 commas and the third 2.
    let text = "name,address\n\"Yamada, Taro\",\"Tokyo, Chiyoda\"\n\"Sato, Hanako\",Osaka\nSuzuki,\"Kyoto\"\n"
    #expect(detect(text) == UInt8(ascii: ","))
  }

  @Test func inconsistentCountsAreNotATable() {
    #expect(detect("a,b,c\n1,2\n3,4,5\n") == nil)
  }

  @Test func noDelimiterIsNotATable() {
    #expect(detect("one\ntwo\nthree\nfour\n") == nil)
  }

  @Test func fewerThanThreeWholeLinesIsNotEnough() {
    #expect(detect("a,b\n1,2\n") == nil)
    // The unterminated last line is cut off by the sample, so only 2 lines count.
    #expect(detect("a,b\n1,2\n3,4") == nil)
    #expect(detect("a,b\n1,2\n3,4\n") == UInt8(ascii: ","))
  }

  @Test func onlyTheFirstSixLinesAreCompared() {
    let text = "a,b\n1,2\n3,4\n5,6\n7,8\n9,0\nthis line, has, more, commas\n"
    #expect(detect(text) == UInt8(ascii: ","))
    let broken = "a,b\n1,2\n3,4\n5,6\n7,8\nthis line, has, more, commas\n"
    #expect(detect(broken) == nil)
  }

  @Test func crlfLines() {
    #expect(detect("a,b\r\n1,2\r\n3,4\r\n") == UInt8(ascii: ","))
  }
}
