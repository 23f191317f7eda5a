import NokoriCore
import NokoriExtract
import Testing

@Suite struct CSVFieldTrackerTests {
  /// Feeds `text` as UTF-8 in blocks of `blockSize` bytes (all at once by default).
  private func track(
    _ text: String, delimiter: UInt8 = UInt8(ascii: ","), blockSize: Int = .max, finish: Bool = true
  ) -> CSVFieldTracker {
    let tracker = CSVFieldTracker(delimiter: delimiter)
    let bytes = Array(text.utf8)
    var start = 0
    while start < bytes.count {
      let end = start + min(blockSize, bytes.count - start)
      bytes[start..<end].withUnsafeBytes { tracker.consume($0) }
      start = end
    }
    if finish { tracker.finish() }
    return tracker
  }

  /// Byte range of the `occurrence`-th `needle` in `text`'s UTF-8.
  private func range(of needle: String, in text: String, occurrence: Int = 0) throws -> Range<Int> {
    let haystack = Array(text.utf8)
    let pattern = Array(needle.utf8)
    var seen = 0
    if pattern.count <= haystack.count {
      for start in 0...(haystack.count - pattern.count)
      where haystack[start..<(start + pattern.count)].elementsEqual(pattern) {
        if seen == occurrence { return start..<(start + pattern.count) }
        seen += 1
      }
    }
    Issue.record("\(needle) #\(occurrence) not in the text")
    throw NotFound()
  }

  private struct NotFound: Error {}

  private func field(_ tracker: CSVFieldTracker, at needle: String, in text: String, occurrence: Int = 0) throws
    -> FieldInfo
  {
    let offset = try range(of: needle, in: text, occurrence: occurrence).lowerBound
    return try #require(tracker.field(containing: offset), "no field at \(needle)")
  }

  // MARK: - Headers

  @Test func headerRowIsRecognised() throws {
    let text = "name,mail,phone\nTaro,taro@example.jp,03-1234-5678\n"
    let tracker = track(text)
    #expect(tracker.headers == ["name", "mail", "phone"])
    #expect(tracker.rowCount == 2)
    let mail = try field(tracker, at: "taro@", in: text)
    #expect(
      mail == FieldInfo(
        name: "mail", column: 1, valueRange: try range(of: "taro@example.jp", in: text), nonEmptyOrdinal: 1))
    let phone = try field(tracker, at: "03-", in: text)
    #expect(phone.name == "phone")
    #expect(phone.column == 2)
    #expect(phone.valueRange == (try range(of: "03-1234-5678", in: text)))
  }

  /// The tracker answers from where it last answered; questions in any order (backwards,
  /// far jumps, after a discard) must get the same answers as a fresh lookup.
  @Test func answersDoNotDependOnTheOrderOfQuestions() {
    var text = "id,name,mail,memo\n"
    for row in 0..<400 { text += "\(row),name\(row),user\(row)@example.jp,\(row % 7 == 0 ? "" : "note")\n" }
    let bytes = Array(text.utf8)
    func answers(_ offsets: [Int], discarding: Int? = nil) -> [Int: FieldInfo?] {
      let tracker = track(text)
      if let discarding { tracker.discard(before: discarding) }
      var out: [Int: FieldInfo?] = [:]
      for offset in offsets { out[offset] = tracker.field(containing: offset) }
      return out
    }
    let all = Array(0..<bytes.count)
    let forward = answers(all)
    var generator = SystemRandomNumberGenerator()
    #expect(answers(all.reversed()) == forward)
    #expect(answers(all.shuffled(using: &generator)) == forward)
    // Every field ends in a comma or newline, which belongs to no value.
    #expect(forward.values.filter { $0 == nil }.count >= 400 * 4)
    let cut = bytes.count / 2
    let afterCut = Array(cut..<bytes.count)
    let discarded = answers(afterCut.shuffled(using: &generator), discarding: cut)
    for offset in afterCut { #expect(discarded[offset] == forward[offset], "offset \(offset)") }
  }

  /// A long table fed block by block while the oldest fields are dropped, as the detector
  /// does: the kept fields (grown, compacted and dropped many times over) still answer as a
  /// tracker that kept everything.
  @Test func droppingAndGrowingKeepsEveryAnswer() {
    var text = "id,mail,memo\n"
    for row in 0..<30_000 { text += "\(row),u\(row)@example.jp,\(row % 5 == 0 ? "\"a, b\"" : "x")\n" }
    let bytes = Array(text.utf8)
    let reference = track(text)
    let tracker = CSVFieldTracker(delimiter: UInt8(ascii: ","))
    var generator = SystemRandomNumberGenerator()
    var position = 0
    var checked = 0
    while position < bytes.count {
      let end = min(bytes.count, position + Int.random(in: 1...3000, using: &generator))
      bytes[position..<end].withUnsafeBytes { tracker.consume($0) }
      position = end
      let keepFrom = max(0, position - 4000)
      tracker.discard(before: keepFrom)
      // Only fields that have ended are known; ask about the older part of what is kept.
      for _ in 0..<20 where position - keepFrom > 200 {
        let offset = Int.random(in: keepFrom..<(position - 200), using: &generator)
        #expect(tracker.field(containing: offset) == reference.field(containing: offset), "offset \(offset)")
        checked += 1
      }
    }
    #expect(checked > 1000)
  }

  @Test func headerCellsAreNotFields() {
    let text = "name,mail\nTaro,t@example.jp\n"
    let tracker = track(text)
    for offset in 0..<10 {
      #expect(tracker.field(containing: offset) == nil, "offset \(offset) is in the header")
    }
  }

  @Test func japaneseHeadersWithQuotesAndSpaces() throws {
    let text = " \"氏名\" , \"メール, 連絡先\" ,電話\r\n山田,yamada@example.jp,03-1111-2222\r\n"
    let tracker = track(text)
    #expect(tracker.headers == ["氏名", "メール, 連絡先", "電話"])
    #expect(try field(tracker, at: "yamada@", in: text).name == "メール, 連絡先")
    #expect(try field(tracker, at: "山田", in: text).displayName == "氏名")
  }

  @Test func firstRowWithAMostlyDigitCellIsData() throws {
    let text = "Taro,123456789012,taro@example.jp\nHanako,234567890123,hanako@example.jp\n"
    let tracker = track(text)
    #expect(tracker.headers == nil)
    #expect(tracker.rowCount == 2)
    // The first row is data: findable, without a name.
    let first = try field(tracker, at: "123456789012", in: text)
    #expect(
      first == FieldInfo(
        name: nil, column: 1, valueRange: try range(of: "123456789012", in: text), nonEmptyOrdinal: 1))
    #expect(first.displayName == "column 2")
    let second = try field(tracker, at: "234567890123", in: text)
    #expect(second.nonEmptyOrdinal == 2)
    #expect(try field(tracker, at: "Taro", in: text).column == 0)
  }

  @Test(arguments: [
    ("code,A123\nx,y\n", false),  // 3 digits of 4
    ("phone,03-1234-5678\nx,y\n", false),
    ("ID1,ID2\nx,y\n", true),  // 1 digit of 3
    ("No.12,name\nx,y\n", true),  // 2 digits of 5
    ("\"2024\",name\nx,y\n", false),  // quotes do not hide digits
    (",,\nx,y,z\n", false),  // all empty: not a header
    ("name,,mail\nx,y,z\n", true),  // empty cells are ignored
  ])
  func mostlyDigitRule(text: String, isHeader: Bool) {
    #expect((track(text).headers != nil) == isHeader)
  }

  @Test func headerOnlyFile() {
    let tracker = track("name,mail\n")
    #expect(tracker.headers == ["name", "mail"])
    #expect(tracker.rowCount == 1)
    #expect(tracker.field(containing: 0) == nil)
  }

  @Test func columnsBeyondTheHeaderHaveNoName() throws {
    let text = "a,b\n1,2,extra\n"
    let tracker = track(text)
    let extra = try field(tracker, at: "extra", in: text)
    #expect(extra.name == nil)
    #expect(extra.column == 2)
    #expect(extra.displayName == "column 3")
  }

  // MARK: - Value ranges

  @Test func valueRangeExcludesQuotesAndSurroundingSpaces() throws {
    let text = "id,name,mail\n7,  \"Yamada, Taro\"  ,   taro@example.jp   \n"
    let tracker = track(text)
    let rowStart = try range(of: "\n", in: text).upperBound

    let id = try #require(tracker.field(containing: rowStart))
    #expect(id == FieldInfo(name: "id", column: 0, valueRange: rowStart..<(rowStart + 1), nonEmptyOrdinal: 1))

    let quoted = try field(tracker, at: "Yamada", in: text)
    let openQuote = try range(of: "\"", in: text).lowerBound
    #expect(openQuote == rowStart + 4)
    #expect(quoted.valueRange == (openQuote + 1)..<(openQuote + 1 + "Yamada, Taro".utf8.count))
    #expect(quoted.valueRange == (try range(of: "Yamada, Taro", in: text)))
    #expect(quoted.name == "name")
    #expect(quoted.column == 1)
    // The comma inside the quotes is part of the value, not a delimiter.
    #expect(tracker.field(containing: try range(of: ", Taro", in: text).lowerBound) == quoted)

    let mail = try field(tracker, at: "taro@", in: text)
    #expect(mail.valueRange == (try range(of: "taro@example.jp", in: text)))
    #expect(mail.column == 2)
    // The spaces after the value are outside it.
    #expect(tracker.field(containing: mail.valueRange.upperBound) == nil)
    #expect(tracker.field(containing: mail.valueRange.upperBound + 2) == nil)
  }

  @Test func doubledQuotesStayInsideTheField() throws {
    let text = "a,b\n\"He said \"\"hi\"\", then left\",x\n"
    let tracker = track(text)
    let content = "He said \"\"hi\"\", then left"
    let quoted = try field(tracker, at: "hi", in: text)
    #expect(quoted.column == 0)
    #expect(quoted.name == "a")
    #expect(quoted.valueRange == (try range(of: content, in: text)))
    #expect(tracker.field(containing: try range(of: "then", in: text).lowerBound) == quoted)
    let x = try field(tracker, at: "x", in: text)
    #expect(x == FieldInfo(name: "b", column: 1, valueRange: try range(of: "x", in: text), nonEmptyOrdinal: 1))
    #expect(tracker.rowCount == 2)
  }

  @Test func newlinesInsideQuotesDoNotEndTheRow() throws {
    let text = "note,mail\n\"line one\nline two, still\",a@example.jp\nplain,b@example.jp\n"
    let tracker = track(text)
    #expect(tracker.rowCount == 3)
    let note = try field(tracker, at: "line two", in: text)
    #expect(note.column == 0)
    #expect(note.name == "note")
    #expect(note.valueRange == (try range(of: "line one\nline two, still", in: text)))
    let first = try field(tracker, at: "a@example.jp", in: text)
    #expect(first.column == 1)
    #expect(first.name == "mail")
    #expect(first.nonEmptyOrdinal == 1)
    let second = try field(tracker, at: "b@example.jp", in: text)
    #expect(second.column == 1)
    #expect(second.nonEmptyOrdinal == 2)
  }

  @Test func crlfLineEndings() throws {
    let text = "name,mail\r\nTaro,t@example.jp\r\nHanako,h@example.jp\r\n"
    let tracker = track(text)
    #expect(tracker.headers == ["name", "mail"])
    #expect(tracker.rowCount == 3)
    let mail = try field(tracker, at: "t@example.jp", in: text)
    #expect(mail.valueRange == (try range(of: "t@example.jp", in: text)))
    #expect(tracker.field(containing: mail.valueRange.upperBound) == nil, "the CR is not in the value")
    let second = try field(tracker, at: "Hanako", in: text)
    #expect(second.column == 0)
    #expect(second.name == "name")
    #expect(second.nonEmptyOrdinal == 2)
  }

  @Test func quotedFieldsWithCRLF() throws {
    let text = "\"name\",\"mail\"\r\n\"Taro\",\"t@example.jp\"\r\n"
    let tracker = track(text)
    #expect(tracker.headers == ["name", "mail"])
    let mail = try field(tracker, at: "t@example.jp", in: text)
    #expect(mail.valueRange == (try range(of: "t@example.jp", in: text)))
    #expect(mail.name == "mail")
  }

  @Test func multiByteValues() throws {
    let text = "氏名,住所\n山田太郎,東京都千代田区\n"
    let tracker = track(text)
    let address = try field(tracker, at: "千代田", in: text)
    #expect(address.valueRange == (try range(of: "東京都千代田区", in: text)))
    #expect(address.valueRange.count == 21)
    #expect(address.name == "住所")
  }

  @Test func tabDelimiter() throws {
    let text = "氏名\t住所\n山田\t東京都, 千代田区\n"
    let tracker = track(text, delimiter: 0x09)
    #expect(tracker.headers == ["氏名", "住所"])
    let address = try field(tracker, at: "千代田区", in: text)
    #expect(address.column == 1)
    #expect(address.name == "住所")
    #expect(address.valueRange == (try range(of: "東京都, 千代田区", in: text)))
  }

  @Test func delimitersLineEndsAndEmptyFieldsAreInNoField() throws {
    let text = "a,b,c\nxx,,yy\n"
    let tracker = track(text)
    let rowStart = 6
    #expect(tracker.field(containing: rowStart)?.column == 0)
    #expect(tracker.field(containing: rowStart + 2) == nil, "first comma")
    #expect(tracker.field(containing: rowStart + 3) == nil, "second comma, after an empty field")
    #expect(tracker.field(containing: rowStart + 4)?.column == 2)
    #expect(tracker.field(containing: rowStart + 6) == nil, "line feed")
    #expect(tracker.field(containing: 1000) == nil, "past the end")
  }

  // MARK: - Ordinals

  @Test func nonEmptyOrdinalCountsPerColumn() throws {
    let text = "name,mail\nA,\nB,b@x.jp\n,c@x.jp\nD,\"\"\nE,e@x.jp\n"
    let tracker = track(text)
    #expect(try field(tracker, at: "b@x.jp", in: text).nonEmptyOrdinal == 1)
    #expect(try field(tracker, at: "c@x.jp", in: text).nonEmptyOrdinal == 2)
    #expect(try field(tracker, at: "e@x.jp", in: text).nonEmptyOrdinal == 3)
    #expect(try field(tracker, at: "A", in: text).nonEmptyOrdinal == 1)
    #expect(try field(tracker, at: "B", in: text).nonEmptyOrdinal == 2)
    #expect(try field(tracker, at: "D", in: text).nonEmptyOrdinal == 3)
    #expect(try field(tracker, at: "E", in: text).nonEmptyOrdinal == 4)
    // The empty quoted value of D has no extent: nothing is in it.
    let emptyQuotes = try range(of: "\"\"", in: text).lowerBound
    #expect(tracker.field(containing: emptyQuotes + 1) == nil)
  }

  @Test func spacesOnlyValueIsEmpty() throws {
    let text = "n,m\n   ,x\ny,z\n"
    let tracker = track(text)
    #expect(tracker.field(containing: 4) == nil)
    #expect(try field(tracker, at: "y", in: text).nonEmptyOrdinal == 1)
  }

  // MARK: - Streaming

  /// Runs of ordinary bytes are skipped sixteen at a time in blocks long enough, one at a
  /// time otherwise: generated tables with long fields must get the same answers both ways.
  @Test func longRunsGetTheSameAnswersAsByteByByte() {
    var generator = SystemRandomNumberGenerator()
    let pieces = ["a", "1234567890", "顧客", "x@example.jp", " ", "  ", "-", "ｱ", "\t"]
    for _ in 0..<40 {
      var text = "id,氏名,メモ\n"
      for _ in 0..<Int.random(in: 1...30, using: &generator) {
        let fields = (0..<Int.random(in: 1...5, using: &generator)).map { _ -> String in
          let body = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
            pieces.randomElement(using: &generator) ?? "a"
          }.joined()
          switch Int.random(in: 0..<6, using: &generator) {
          case 0: return "\"" + body + ",\"\"q\"\"\n" + body + "\""
          case 1: return " \"" + body + "\" "
          default: return body
          }
        }
        text += fields.joined(separator: ",") + (Bool.random(using: &generator) ? "\r\n" : "\n")
      }
      let whole = track(text)
      let byteByByte = track(text, blockSize: 15)
      #expect(whole.rowCount == byteByByte.rowCount)
      for offset in 0...text.utf8.count {
        #expect(whole.field(containing: offset) == byteByByte.field(containing: offset), "offset \(offset) of \(text)")
      }
    }
  }

  @Test(arguments: [1, 2, 3, 7, 64])
  func blockSizeDoesNotChangeTheAnswers(blockSize: Int) throws {
    let text = [
      " \"氏名\" ,\"メール\",電話\r\n",
      "\"山田, 太郎\"  ,  yamada@example.jp , 03-1234-5678\r\n",
      "\"He said \"\"hi\"\"\",\"multi\nline, value\",x\r\n",
      ",,\r\n",
      "佐藤,\"sato@example.jp\",090-0000-1111\r\n",
      "last,row,without newline",
    ].joined()
    let whole = track(text)
    let pieces = track(text, blockSize: blockSize)
    // Spaces inside the quotes belong to the value; those outside do not.
    #expect(track("\" a \", b \nx,y\n").headers == [" a ", "b"])
    #expect(pieces.headers == whole.headers)
    #expect(whole.headers == ["氏名", "メール", "電話"])
    #expect(pieces.rowCount == whole.rowCount)
    #expect(whole.rowCount == 6)
    var found = 0
    for offset in 0...(text.utf8.count + 1) {
      let expected = whole.field(containing: offset)
      #expect(pieces.field(containing: offset) == expected, "offset \(offset)")
      if expected != nil { found += 1 }
    }
    #expect(found > 100)
    #expect(try field(whole, at: "without", in: text).name == "電話")
    #expect(try field(whole, at: "sato@", in: text).nonEmptyOrdinal == 3)
  }

  @Test func lastRecordWithoutNewlineNeedsFinish() throws {
    let text = "a,b\n1,2"
    let open = track(text, finish: false)
    #expect(open.field(containing: 6) == nil)
    #expect(open.rowCount == 1)
    open.finish()
    #expect(open.rowCount == 2)
    #expect(open.field(containing: 6) == FieldInfo(name: "b", column: 1, valueRange: 6..<7, nonEmptyOrdinal: 1))
  }

  @Test func finishAfterTrailingNewlineAddsNoRow() {
    let tracker = track("a,b\n1,2\n", finish: false)
    #expect(tracker.rowCount == 2)
    tracker.finish()
    #expect(tracker.rowCount == 2)
  }

  @Test func finishWithTrailingDelimiter() throws {
    let text = "a,b,c\n1,2,"
    let tracker = track(text)
    #expect(tracker.rowCount == 2)
    #expect(try field(tracker, at: "2", in: text).column == 1)
  }

  @Test func discardForgetsOldFields() throws {
    let text = "name,mail\nA,a@x.jp\nB,b@x.jp\nC,c@x.jp\n"
    let tracker = track(text, finish: false)
    let rowC = try range(of: "C", in: text).lowerBound
    tracker.discard(before: rowC)
    #expect(tracker.field(containing: try range(of: "A", in: text).lowerBound) == nil)
    #expect(tracker.field(containing: try range(of: "a@x", in: text).lowerBound) == nil)
    #expect(tracker.field(containing: try range(of: "B", in: text).lowerBound) == nil)
    #expect(tracker.field(containing: try range(of: "b@x", in: text).lowerBound) == nil)
    #expect(try field(tracker, at: "C", in: text).nonEmptyOrdinal == 3)
    #expect(try field(tracker, at: "c@x", in: text).name == "mail")

    // A field that reaches past the offset is kept.
    let insideMail = try range(of: "c@x", in: text).lowerBound + 2
    tracker.discard(before: insideMail)
    #expect(tracker.field(containing: rowC) == nil)
    #expect(tracker.field(containing: insideMail)?.name == "mail")

    // Ordinals keep counting after a discard, and new fields are found.
    Array("D,d@x.jp\n".utf8).withUnsafeBytes { tracker.consume($0) }
    let next = try #require(tracker.field(containing: text.utf8.count + 2))
    #expect(next.name == "mail")
    #expect(next.nonEmptyOrdinal == 4)
  }

  @Test func discardBeforeEverythingKeepsNothing() {
    let text = "name,mail\nA,a@x.jp\nB,b@x.jp\n"
    let tracker = track(text)
    tracker.discard(before: text.utf8.count + 10)
    for offset in 0..<text.utf8.count {
      #expect(tracker.field(containing: offset) == nil)
    }
  }
}
