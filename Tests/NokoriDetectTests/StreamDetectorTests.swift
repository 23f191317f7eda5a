import NokoriCore
@testable import NokoriDetect
import NokoriExtract
import NokoriTestSupport
import Testing

/// The engine over streams: values cut by block boundaries, long streams, line numbers,
/// column evidence, and no raw value in anything it returns.
@Suite struct StreamDetectorTests {
  let set: PatternSet
  let fingerprinter: Fingerprinter

  init() throws {
    set = try TestPaths.patternSet()
    fingerprinter = try TestPaths.fingerprinter()
  }

  func detect(_ blocks: [[UInt8]], locator: (any FieldLocator)? = nil, minimum: Confidence = .low) throws -> StreamDetector {
    let detector = try StreamDetector(patternSet: set, fingerprinter: fingerprinter)
    detector.minimumConfidence = minimum
    detector.reset(fieldLocator: locator)
    for block in blocks { try block.withUnsafeBytes { try detector.feed($0) } }
    try detector.finish()
    return detector
  }

  /// The detector after a CSV `table` went through it whole, keeping `cap` hits per category.
  func detectTable(_ table: String, cap: Int, minimum: Confidence) throws -> StreamDetector {
    let tracker = CSVFieldTracker(delimiter: 0x2C)
    let detector = try StreamDetector(patternSet: set, fingerprinter: fingerprinter)
    detector.minimumConfidence = minimum
    detector.maxHitsPerCategory = cap
    detector.reset(fieldLocator: tracker)
    let bytes = Array(table.utf8)
    try bytes.withUnsafeBytes { buffer in
      tracker.consume(buffer)
      try detector.feed(buffer)
    }
    tracker.finish()
    try detector.finish()
    return detector
  }

  /// Line numbers rest on the word-at-a-time newline count: it must match a byte-by-byte
  /// count, and find the last line feed, at every length and alignment.
  @Test func newlineCountMatchesByteByByte() {
    var generator = SystemRandomNumberGenerator()
    let alphabet: [UInt8] = [0x0A, 0x0A, 0x41, 0x0B, 0x09, 0x8A, 0xE3, 0x00, 0xFF, 0x7F]
    for length in 0..<300 {
      let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
      for start in 0..<min(9, length + 1) {
        let slice = Array(bytes[start...])
        let expectedLines = slice.filter { $0 == 0x0A }.count
        let expectedLast = slice.lastIndex(of: 0x0A) ?? -1
        let (lines, last) = slice.withUnsafeBufferPointer { NewlineCounter.count($0) }
        #expect(lines == expectedLines && last == expectedLast, "length \(length) start \(start)")
      }
    }
  }

  @Test func valueSplitAtEveryPointIsFoundOnce() throws {
    let text = "前置き\n個人番号：１２３４ ５６７８ ９０１８ と mail taro@example.jp まで"
    let bytes = Array(text.utf8)
    let whole = try detect([bytes]).hits
    #expect(Set(whole.map(\.patternID)) == ["jp.my_number", "pii.email"])
    for split in 1..<bytes.count {
      let hits = try detect([Array(bytes[..<split]), Array(bytes[split...])]).hits
      #expect(hits == whole, "split at byte \(split)")
    }
  }

  @Test func valuesAcrossManyMegabytesKeepOffsetsAndLines() throws {
    // Values placed around the detector's internal window edges, fed in odd block sizes.
    var text = ""
    var expected: [(line: Int, offset: Int)] = []
    var line = 1
    for index in 0..<3000 {
      if index % 250 == 7 {
        let prefix = "個人番号 "
        expected.append((line, text.utf8.count + prefix.utf8.count))
        text += prefix + "123456789018\n"
      } else {
        text += String(repeating: "お客様対応の記録です。", count: 30) + "\n"
      }
      line += 1
    }
    let bytes = Array(text.utf8)
    #expect(bytes.count > 2_000_000)
    var blocks: [[UInt8]] = []
    var start = 0
    var size = 1
    while start < bytes.count {
      let end = min(bytes.count, start + size)
      blocks.append(Array(bytes[start..<end]))
      start = end
      size = size * 7 % 150_001 + 1
    }
    let hits = try detect(blocks).hits.filter { $0.patternID == "jp.my_number" }
    #expect(hits.count == expected.count)
    for (hit, want) in zip(hits, expected) {
      #expect(hit.line == want.line)
      #expect(hit.range.lowerBound == want.offset)
      #expect(hit.column == 6)
      #expect(hit.confidence == .high)
    }
  }

  @Test func oneHugeLineIsScannedInBoundedWindow() throws {
    // 8 MB without a newline, a value near the end.
    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 8 << 20)
    bytes += Array(" e-mail hanako@example.com".utf8)
    let detector = try detect(stride(from: 0, to: bytes.count, by: 1 << 20).map { Array(bytes[$0..<min(bytes.count, $0 + (1 << 20))]) })
    let hit = try #require(detector.hits.first)
    #expect(hit.patternID == "pii.email")
    #expect(hit.line == 1)
    #expect(hit.column == (8 << 20) + 9)
  }

  @Test func rejectedValuesNeverCarryRawDigits() throws {
    let detector = try StreamDetector(patternSet: set, fingerprinter: fingerprinter)
    detector.explain = true
    detector.reset()
    try detector.feed("注文番号 123456789018\n個人番号: 123456789012\n個人番号: 123456789018\n")
    try detector.finish()
    #expect(detector.hits.count == 1)
    #expect(detector.rejections.count >= 2)
    for masked in detector.hits.map(\.masked) + detector.rejections.map(\.masked) {
      #expect(!masked.contains("12345678"))
    }
    #expect(detector.hits[0].masked == "********9018")
    #expect(detector.hits[0].fingerprint.count == 64)
  }

  @Test func fingerprintsAreKeyedAndStable() throws {
    let a = try detect([Array("個人番号 123456789018".utf8)]).hits[0].fingerprint
    let b = try detect([Array("マイナンバー：１２３４-５６７８-９０１８".utf8)]).hits[0].fingerprint
    #expect(a == b, "the same number written two ways is the same person")
    let other = try StreamDetector(
      patternSet: set, fingerprinter: Fingerprinter(keyBytes: Array("another-key-of-enough-length!!".utf8)))
    other.reset()
    try other.feed("個人番号 123456789018")
    try other.finish()
    #expect(other.hits[0].fingerprint != a)
  }

  @Test func capKeepsCountingPastTheLimit() throws {
    let detector = try StreamDetector(patternSet: set, fingerprinter: fingerprinter)
    detector.maxHitsPerCategory = 10
    detector.reset()
    try detector.feed(String(repeating: "mail a@example.com\n", count: 50))
    try detector.finish()
    #expect(detector.hits.count == 10)
    #expect(detector.counts[.email] == 50)
  }

  /// Past the cap a hit is only counted, by a shorter path than a kept one: the counts must
  /// be those of an uncapped run whatever the evidence (named and negative columns, check
  /// digits, free text with negative words, upper-case addresses).
  @Test func countsPastTheCapMatchAnUncappedRun() throws {
    var generator = SystemRandomNumberGenerator()
    let validator = MyNumberValidator()
    func myNumber(valid: Bool) -> String {
      while true {
        let base = (0..<11).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
        for digit in 0...9 where validator.validate(base + String(digit)).valid == valid { return base + String(digit) }
      }
    }
    // Names, birth dates and addresses too: patterns whose values end-of-file evidence may
    // still raise, judged without their strings once the cap is reached.
    let surnames = ["山田", "佐藤", "髙橋", "未記入", "ヤマダ"]
    var table = "id,個人番号,注文番号,メール,電話,備考,氏名,生年月日,住所\n"
    // More addresses than the detector keeps for the end of the file (256 per category).
    for row in 0..<400 {
      table += "\(row),\(myNumber(valid: row % 5 != 0)),\(myNumber(valid: true)),User\(row)@Example.com,"
      table += "090-\(1000 + row)-\(2000 + row),注文番号 \(myNumber(valid: true)) 連絡先 03-1234-\(1000 + row),"
      table += "\(surnames[row % surnames.count]) 太郎,\(1940 + row % 70)/\(1 + row % 12)/\(1 + row % 31),"
      table += row % 4 == 0 ? "東京都\n" : "東京都港区六本木\(row % 9 + 1)-\(row % 20 + 1)\n"
    }
    func counts(cap: Int, minimum: Confidence = .medium) throws -> [Category: Int] {
      let detector = try detectTable(table, cap: cap, minimum: minimum)
      #expect(detector.hits.count <= cap * detector.counts.count)
      return detector.counts
    }
    let uncapped = try counts(cap: 100_000)
    #expect(uncapped[.myNumber, default: 0] >= 200)
    #expect(uncapped[.email] == 400)
    #expect(uncapped[Category(rawValue: "pii.person_name"), default: 0] >= 200)
    #expect(uncapped[Category(rawValue: "pii.date_of_birth"), default: 0] >= 200)
    // At `medium` an address found from its prefecture needs a record around it: its count
    // must not depend on how many values are kept, nor stop at those kept for the end of the file.
    let address = Category(rawValue: "pii.address")
    #expect(uncapped[address, default: 0] >= 300, "every address of a record, past the 256 kept for the end")
    #expect(try counts(cap: 3) == uncapped)
    let low = try counts(cap: 100_000, minimum: .low)
    #expect(low[address, default: 0] >= 200)
    #expect(try counts(cap: 3, minimum: .low) == low)
  }

  /// An address found from its prefecture in a column whose name says nothing reaches
  /// `medium` only by the record around it (a name, a phone, an e-mail on its row): every one
  /// must be counted, past the 256 kept for the end of the file and whatever the cap.
  @Test func addressesPastThoseKeptAreCountedByTheirRecord() throws {
    var table = "氏名,電話,メール,Line\n"
    for row in 0..<600 {
      table += "山田 太郎,090-\(1000 + row)-\(2000 + row),user\(row)@example.com,東京都港区六本木\(row % 9 + 1)-\(row % 20 + 1)\n"
    }
    func addresses(cap: Int) throws -> Int {
      try detectTable(table, cap: cap, minimum: .medium).counts[Category(rawValue: "pii.address"), default: 0]
    }
    #expect(try addresses(cap: 100_000) == 600)
    #expect(try addresses(cap: 3) == 600)
  }

  @Test func minimumConfidenceFilters() throws {
    let text = Array("ref 191187943353 x".utf8)
    #expect(try detect([text], minimum: .low).hits.count == 1)
    #expect(try detect([text], minimum: .medium).hits.isEmpty)
  }
}
