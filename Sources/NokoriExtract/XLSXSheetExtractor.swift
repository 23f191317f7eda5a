import LibXML
import NokoriCore

/// Streams one worksheet part (`xl/worksheets/sheet1.xml`) into UTF-8 text, one cell value
/// per line, each located by its cell (`Sheet1!C12`) and named by its column's header cell,
/// as a CSV column is by its header.
public final class XLSXSheetExtractor: XMLEventHandler {
  /// Bytes of one cell's value kept (longer values are cut: a cell is a field, not a document).
  static let maxCellBytes = 1 << 20

  public let sheetName: String
  private let sheetIndex: Int
  private let sharedStrings: XLSXSharedStrings?
  /// The field locator to hand the detector for this sheet.
  public let tracker: SpanFieldTracker
  private var parser: XMLPushParser?
  private var output: [UInt8] = []
  private var emitted = 0

  private enum Role { case other, row, cell, value, inlineText }
  private var roles: [Role] = []
  private var rowNumber = 0
  private var nextColumn = 0
  private var cellColumn = 0
  private var cellIsShared = false
  private var cellText: [UInt8] = []
  private var headers: [Int: String]?
  private var headerRow = 0
  /// A header of one cell may be a sheet's title (顧客名簿, 受注一覧（2024年度）) above the
  /// real header: until a row of several cells settles it, within the first rows, the header
  /// may still move down.
  private var headerMayMove = false
  private var contentRows = 0
  /// The current row's cells, kept while the header is not settled.
  private var rowCells: [(column: Int, value: [UInt8])] = []
  /// How far down a title may push the header (rows with content).
  static let headerSearchRows = 10

  public init(sheetName: String, sheetIndex: Int, sharedStrings: XLSXSharedStrings?) {
    self.sheetName = sheetName
    self.sheetIndex = sheetIndex
    self.sharedStrings = sharedStrings
    let columnBase = Self.columnBase(sheetIndex: sheetIndex)
    var describe: SpanFieldTracker.Describe = { key, _, range, ordinal in
      FieldInfo(name: nil, column: columnBase + key, valueRange: range, nonEmptyOrdinal: ordinal)
    }
    tracker = SpanFieldTracker(columnBase: columnBase) { key, detail, range, ordinal in
      describe(key, detail, range, ordinal)
    }
    describe = { [unowned self] column, row, range, ordinal in
      self.field(column: column, row: row, range: range, ordinal: ordinal)
    }
  }

  /// Parses the next chunk of the sheet part and hands the text it yielded to `sink`.
  public func feed(_ raw: UnsafeRawBufferPointer, sink: (UnsafeRawBufferPointer) throws -> Void) throws {
    let parser = try self.parser ?? XMLPushParser(handler: self, utf8Input: false)
    self.parser = parser
    parser.feed(raw)
    try flush(sink)
  }

  /// Ends the sheet; returns what the parse met.
  public func finish(sink: (UnsafeRawBufferPointer) throws -> Void) throws -> XMLParseSummary {
    let parser = try self.parser ?? XMLPushParser(handler: self, utf8Input: false)
    self.parser = parser
    let summary = parser.finish()
    try flush(sink)
    return summary
  }

  private func flush(_ sink: (UnsafeRawBufferPointer) throws -> Void) throws {
    guard !output.isEmpty else { return }
    try output.withUnsafeBytes { try sink($0) }
    emitted += output.count
    output.removeAll(keepingCapacity: true)
  }

  // MARK: - XMLEventHandler

  public func startElement(_ name: XMLName, attributes: XMLAttributes) {
    let local = name.bytes
    var role = Role.other
    if local.elementsEqual("row".utf8) {
      role = .row
      rowNumber += 1
      nextColumn = 0
      for index in 0..<attributes.count {
        guard let (attribute, value) = attributes[index], attribute.bytes.elementsEqual("r".utf8) else { continue }
        if let number = Self.number(value), number > 0 { rowNumber = number }
      }
    } else if local.elementsEqual("c".utf8) {
      role = .cell
      cellColumn = nextColumn
      cellIsShared = false
      cellText.removeAll(keepingCapacity: true)
      for index in 0..<attributes.count {
        guard let (attribute, value) = attributes[index] else { continue }
        if attribute.bytes.elementsEqual("r".utf8), let (column, row) = Self.cellReference(value) {
          cellColumn = column
          if row > 0 { rowNumber = row }
        } else if attribute.bytes.elementsEqual("t".utf8) {
          cellIsShared = value.elementsEqual("s".utf8)
        }
      }
      nextColumn = cellColumn + 1
    } else if roles.last == .cell, local.elementsEqual("v".utf8) {
      role = .value
    } else if local.elementsEqual("t".utf8), roles.contains(.cell) {
      role = .inlineText
    }
    roles.append(role)
  }

  public func endElement() {
    switch roles.popLast() {
    case .cell?: endCell()
    case .row?: endRow()
    default: break
    }
  }

  public func text(_ bytes: UnsafeRawBufferPointer) {
    guard let role = roles.last, role == .value || role == .inlineText else { return }
    let room = Self.maxCellBytes - cellText.count
    cellText.append(contentsOf: bytes.prefix(max(0, room)))
  }

  // MARK: - Cells

  private func endCell() {
    if cellIsShared {
      guard let index = Self.number(cellText), let sharedStrings else { return }
      sharedStrings.withString(index) { emit($0) }
    } else {
      cellText.withUnsafeBytes { emit($0) }
    }
  }

  private func emit(_ value: UnsafeRawBufferPointer) {
    guard let first = value.firstIndex(where: { !Self.isBlank($0) }),
      let last = value.lastIndex(where: { !Self.isBlank($0) })
    else { return }
    let trimmed = UnsafeRawBufferPointer(rebasing: value[first...last])
    if headers == nil || headerMayMove { rowCells.append((cellColumn, Array(trimmed))) }
    let start = emitted + output.count
    output.append(contentsOf: trimmed)
    tracker.record(start..<(emitted + output.count), key: cellColumn, detail: rowNumber)
    output.append(0x0A)
  }

  private func endRow() {
    guard !rowCells.isEmpty else { return }
    defer { rowCells = [] }
    contentRows += 1
    let looksLikeHeader = CSVFieldTracker.looksLikeHeader(rowCells.map(\.value))
    if headers == nil {
      // The first row with content names the columns when none of its cells is mostly digits.
      take(looksLikeHeader ? rowCells : [])
      headerMayMove = rowCells.count == 1
    } else if rowCells.count > 1 {
      // The first row of several cells under a one-cell row: the header when it looks like
      // one, else the first row of data; either way the cell above was the sheet's title,
      // which names no column.
      take(looksLikeHeader ? rowCells : [])
      headerMayMove = false
    } else if contentRows >= Self.headerSearchRows {
      headerMayMove = false
    }
  }

  /// Makes `cells` (empty: none) the header row, naming the columns of the rows below it.
  private func take(_ cells: [(column: Int, value: [UInt8])]) {
    var names: [Int: String] = [:]
    for (column, value) in cells { names[column] = String(decoding: value, as: UTF8.self) }
    headers = names
    headerRow = rowNumber
  }

  private func field(column: Int, row: Int, range: Range<Int>, ordinal: Int) -> FieldInfo {
    let name = row > headerRow ? headers?[column] : nil
    return FieldInfo(
      name: name, column: Self.columnBase(sheetIndex: sheetIndex) + column, valueRange: range, nonEmptyOrdinal: ordinal,
      place: "\(sheetName)!\(Self.columnLetters(column))\(row)")
  }

  /// Columns of different sheets are different fields to the detector.
  private static func columnBase(sheetIndex: Int) -> Int { (sheetIndex % 64) * 16_384 }

  // MARK: - Cell references

  /// `C12` → (2, 12); the row is 0 when the reference has none.
  static func cellReference(_ bytes: UnsafeRawBufferPointer) -> (column: Int, row: Int)? {
    var column = 0
    var row = 0
    var letters = 0
    for byte in bytes {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z") where row == 0:
        column = column * 26 + Int(byte - UInt8(ascii: "A") + 1)
        letters += 1
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        row = row * 10 + Int(byte - UInt8(ascii: "0"))
      default:
        return nil
      }
      if letters > 3 || row > 10_000_000 { return nil }
    }
    return letters > 0 ? (column - 1, row) : nil
  }

  /// 0 → `A`, 27 → `AB`.
  static func columnLetters(_ column: Int) -> String {
    var value = column + 1
    var letters: [Character] = []
    while value > 0 {
      let remainder = (value - 1) % 26
      letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
      value = (value - 1) / 26
    }
    return String(letters.reversed())
  }

  static func number<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Int? {
    var value = 0
    var digits = 0
    for byte in bytes where !isBlank(byte) {
      guard byte >= 0x30, byte <= 0x39, digits < 12 else { return nil }
      value = value * 10 + Int(byte - 0x30)
      digits += 1
    }
    return digits > 0 ? value : nil
  }

  @inline(__always)
  static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }
}
