import NokoriCore

/// Follows a CSV/TSV stream (RFC 4180 quoting, fields spanning lines) as its decoded
/// blocks go by and answers which column an offset is in, with the header's name for it.
///
/// Keeps only the fields the detector may still ask about (``discard(before:)``), so memory
/// does not grow with the file.
public final class CSVFieldTracker: FieldLocator {
  private let delimiter: UInt8
  private var position = 0
  private var fieldStart = 0
  private var column = 0
  private var row = 0
  private var inQuotes = false
  private var wasQuoted = false
  /// Raw bytes of the first record's fields, until it is decided whether they are a header.
  private var firstRow: [[UInt8]] = []
  private var currentFirstRowField: [UInt8] = []
  public private(set) var headers: [String]?
  /// Non-empty values per column so far: plain memory, touched once per field.
  private var nonEmpty: UnsafeMutablePointer<Int>
  private var nonEmptyCapacity = 64

  /// Fields in stream order, while the detector may still ask about them.
  private let spans = FieldSpanQueue()
  private var rowOneInfos: [FieldInfo] = []
  private var rowOneStarts: [Int] = []

  /// Bytes with no meaning to the parser: not the delimiter, a quote, a newline, a space or a CR.
  private let ordinary: [Bool]

  public init(delimiter: UInt8) {
    self.delimiter = delimiter
    var ordinary = [Bool](repeating: true, count: 256)
    for byte in [delimiter, 0x22, 0x0A, 0x20, 0x0D] { ordinary[Int(byte)] = false }
    self.ordinary = ordinary
    nonEmpty = .allocate(capacity: nonEmptyCapacity)
    nonEmpty.initialize(repeating: 0, count: nonEmptyCapacity)
  }

  deinit { nonEmpty.deallocate() }

  /// Rows read so far, header included.
  public var rowCount: Int { row }

  /// Follows the next block of decoded UTF-8.
  public func consume(_ bytes: UnsafeRawBufferPointer) {
    // The per-byte state lives in locals: class properties in this loop cost an exclusivity
    // check per byte. Fields end (and touch `self`) once per field, not per byte.
    var position = self.position
    var inQuotes = self.inQuotes
    var closeQuote = self.closeQuote
    // -1 for "none": cheaper in this loop than optionals.
    var contentStart = self.contentStart ?? -1
    var contentEnd = self.contentEnd ?? -1
    let delimiter = self.delimiter
    let recordingFirstRow = row == 0
    var firstRowStart = 0
    let ordinary = self.ordinary
    var index = 0
    let count = bytes.count
    guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
    let delimiters = SIMD16<UInt8>(repeating: delimiter)
    let quotes = SIMD16<UInt8>(repeating: 0x22)
    let lineFeeds = SIMD16<UInt8>(repeating: 0x0A)
    let spaces = SIMD16<UInt8>(repeating: 0x20)
    let returns = SIMD16<UInt8>(repeating: 0x0D)
    while index < count {
      let byte = bytes[index]
      defer { index += 1 }
      if inQuotes {
        if byte == 0x22 {
          inQuotes = false
          closeQuote = position
        }
        position += 1
        continue
      }
      switch byte {
      case 0x22:
        if wasQuoted, closeQuote == position - 1 {
          inQuotes = true  // a doubled quote inside a quoted field
        } else if contentStart < 0 {
          inQuotes = true
          wasQuoted = true
          openQuote = position
          contentStart = position
        } else {
          contentEnd = position + 1
        }
      case delimiter, 0x0A:
        if row != 0 && !wasQuoted {
          // The common field: unquoted, past the first row. Recorded here, from the locals.
          let valueStart = contentStart >= 0 ? contentStart : fieldStart
          let valueEnd =
            contentStart >= 0 ? max(contentStart, contentEnd >= 0 ? contentEnd : contentStart) : fieldStart
          spans.append(
            FieldSpan(
              start: fieldStart, valueStart: valueStart, valueEnd: valueEnd, column: column,
              ordinal: countValue(column: column, empty: valueStart == valueEnd)))
        } else {
          self.contentStart = contentStart >= 0 ? contentStart : nil
          self.contentEnd = contentEnd >= 0 ? contentEnd : nil
          self.closeQuote = closeQuote
          if row == 0 {
            currentFirstRowField.append(contentsOf: bytes[firstRowStart...index])
            firstRowStart = index + 1
          }
          endField(at: position)
        }
        if byte == 0x0A {
          endRow()
          column = 0
        } else {
          column += 1
        }
        fieldStart = position + 1
        contentStart = -1
        contentEnd = -1
        closeQuote = -2
      case 0x20, 0x0D:
        break
      default:
        if contentStart < 0 { contentStart = position }
        // Skip the rest of a run of ordinary bytes at once: most of a table is such runs.
        // Sixteen bytes at a time while they last (a table's fields are short, so one step
        // usually finds the byte that ends the run), then byte by byte.
        var run = 1
        while index + run + 16 <= count {
          let chunk = UnsafeRawPointer(base + index + run).loadUnaligned(as: SIMD16<UInt8>.self)
          let special =
            (chunk .== delimiters) .| (chunk .== quotes) .| (chunk .== lineFeeds) .| (chunk .== spaces)
            .| (chunk .== returns)
          guard any(special) else {
            run += 16
            continue
          }
          let marks = unsafeBitCast(
            SIMD16<UInt8>(repeating: 0).replacing(with: 0xFF, where: special), to: (UInt64, UInt64).self)
          run += marks.0 != 0 ? marks.0.trailingZeroBitCount / 8 : 8 + marks.1.trailingZeroBitCount / 8
          break
        }
        while index + run < count, ordinary[Int(bytes[index + run])] { run += 1 }
        index += run - 1
        position += run - 1
        contentEnd = position + 1
      }
      position += 1
    }
    if recordingFirstRow, row == 0 { currentFirstRowField.append(contentsOf: bytes[firstRowStart...]) }
    self.position = position
    self.inQuotes = inQuotes
    self.closeQuote = closeQuote
    self.contentStart = contentStart >= 0 ? contentStart : nil
    self.contentEnd = contentEnd >= 0 ? contentEnd : nil
  }

  /// Ends the last record at end of stream.
  public func finish() {
    if position > fieldStart || column > 0 {
      endField(at: position)
      endRow()
    }
  }

  private var contentStart: Int?
  private var contentEnd: Int?
  private var openQuote = 0
  private var closeQuote = -2

  private func endField(at end: Int) {
    let value: Range<Int>
    if wasQuoted {
      let close = closeQuote > openQuote ? closeQuote : end
      value = (openQuote + 1)..<max(openQuote + 1, close)
    } else if let contentStart {
      value = contentStart..<max(contentStart, contentEnd ?? contentStart)
    } else {
      value = fieldStart..<fieldStart
    }
    inQuotes = false
    wasQuoted = false
    contentStart = nil
    contentEnd = nil
    closeQuote = -2
    if row == 0 {
      let info = FieldInfo(name: nil, column: column, valueRange: value, nonEmptyOrdinal: 0)
      var raw = currentFirstRowField
      if raw.last == delimiter || raw.last == 0x0A { raw.removeLast() }
      firstRow.append(raw)
      currentFirstRowField = []
      rowOneInfos.append(info)
      rowOneStarts.append(fieldStart)
      return
    }
    // Plain integers per field: a FieldInfo (with its optional strings) costs retains per field.
    spans.append(
      FieldSpan(
        start: fieldStart, valueStart: value.lowerBound, valueEnd: value.upperBound, column: column,
        ordinal: countValue(column: column, empty: value.isEmpty)))
  }

  /// Counts a value of `column`; returns how many non-empty values the column has had so far.
  @inline(__always)
  private func countValue(column: Int, empty: Bool) -> Int {
    if column >= nonEmptyCapacity { growCounts(toInclude: column) }
    if !empty { nonEmpty[column] &+= 1 }
    return nonEmpty[column]
  }

  private func growCounts(toInclude column: Int) {
    let capacity = max(column + 1, nonEmptyCapacity * 2)
    let grown = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
    grown.moveInitialize(from: nonEmpty, count: nonEmptyCapacity)
    (grown + nonEmptyCapacity).initialize(repeating: 0, count: capacity - nonEmptyCapacity)
    nonEmpty.deallocate()
    nonEmpty = grown
    nonEmptyCapacity = capacity
  }

  private func endRow() {
    if row == 0 {
      let values = firstRow.map { Self.trim($0) }
      if Self.looksLikeHeader(values) {
        headers = values.map { String(decoding: $0, as: UTF8.self) }
      } else {
        // A data row after all: count it and make it findable.
        for (info, start) in zip(rowOneInfos, rowOneStarts) {
          spans.append(
            FieldSpan(
              start: start, valueStart: info.valueRange.lowerBound, valueEnd: info.valueRange.upperBound,
              column: info.column, ordinal: countValue(column: info.column, empty: info.valueRange.isEmpty)))
        }
      }
      firstRow = []
      rowOneInfos = []
      rowOneStarts = []
    }
    row += 1
  }

  /// A first row is a header when none of its cells is mostly digits.
  static func looksLikeHeader(_ cells: [[UInt8]]) -> Bool {
    guard !cells.isEmpty else { return false }
    for cell in cells where !cell.isEmpty {
      let digits = cell.filter { $0 >= 0x30 && $0 <= 0x39 }.count
      if digits * 2 >= cell.count { return false }
    }
    return cells.contains { !$0.isEmpty }
  }

  static func trim(_ cell: [UInt8]) -> [UInt8] {
    var slice = cell[...]
    while let first = slice.first, first == 0x20 || first == 0x0D { slice.removeFirst() }
    while let last = slice.last, last == 0x20 || last == 0x0D { slice.removeLast() }
    if slice.count >= 2, slice.first == 0x22, slice.last == 0x22 {
      slice = slice.dropFirst().dropLast()
    }
    return Array(slice)
  }

  // MARK: - FieldLocator

  public func slot(containing offset: Int) -> FieldSlot? {
    guard let index = index(ofFieldStartingAtOrBefore: offset) else { return nil }
    lastAsked = index
    let span = spans[index]
    guard offset < span.valueEnd else { return nil }
    return FieldSlot(column: span.column, valueRange: span.valueStart..<span.valueEnd, nonEmptyOrdinal: span.ordinal)
  }

  public func field(for slot: FieldSlot) -> FieldInfo {
    let name = headers.flatMap { slot.column < $0.count ? $0[slot.column] : nil }
    return FieldInfo(name: name, column: slot.column, valueRange: slot.valueRange, nonEmptyOrdinal: slot.nonEmptyOrdinal)
  }

  /// The field the previous question was about (see ``GallopingSearch``).
  private var lastAsked = 0

  /// The last field that starts at or before `offset`.
  private func index(ofFieldStartingAtOrBefore offset: Int) -> Int? {
    GallopingSearch.lastIndex(startingAtOrBefore: offset, in: 0..<spans.count, hint: lastAsked) { spans[$0].start }
  }

  public func forEachSlot(startingIn range: Range<Int>, _ body: (FieldSlot) -> Void) {
    // Without a header no column has a name to read values by.
    guard headers != nil else { return }
    var low = 0
    var high = spans.count
    while low < high {
      let mid = (low + high) / 2
      if spans[mid].valueStart < range.lowerBound { low = mid + 1 } else { high = mid }
    }
    var index = low
    while index < spans.count, spans[index].valueStart < range.upperBound {
      let span = spans[index]
      body(FieldSlot(column: span.column, valueRange: span.valueStart..<span.valueEnd, nonEmptyOrdinal: span.ordinal))
      index += 1
    }
  }

  public func discard(before offset: Int) {
    // Fields are kept in stream order, so their ends never decrease: a binary search finds
    // the first one to keep (a walk touched every field of the block once more).
    var count = 0
    var high = spans.count
    while count < high {
      let mid = (count + high) / 2
      if spans[mid].valueEnd < offset { count = mid + 1 } else { high = mid }
    }
    guard count > 0 else { return }
    spans.removeFirst(count)
    lastAsked = max(0, lastAsked - count)
  }
}
