import NokoriCore
import NokoriDetect
import NokoriExtract

/// Turns a PDF's events into one detector stream: pages in order with a blank line between
/// them, form values as `name: value` lines after their page, metadata values on lines of their own. Remembers where each page and
/// each named value lies in the stream, so that a hit's offset gives its page and field.
/// One stream per file keeps the detector's end-of-file evidence whole.
final class PDFTextStream: FieldLocator {
  private struct NamedValue {
    var info: FieldInfo
    var page: Int?
  }

  private let detector: StreamDetector
  private var offset = 0
  /// Stream offset where each page's text begins, in page order.
  private var pageStarts: [(offset: Int, page: Int)] = []
  private var values: [NamedValue] = []
  /// Attachments wait until the stream is finished: each one is scanned as a file of its own.
  private(set) var attachments: [(name: String, data: [UInt8], truncated: Bool)] = []
  private(set) var ocrPages: Set<Int> = []
  /// Named values kept per file (the rest are still scanned, without a field name).
  static let maxNamedValues = 10_000

  init(detector: StreamDetector) {
    self.detector = detector
    detector.reset(fieldLocator: self)
  }

  func take(_ event: PDFEvent) throws {
    switch event {
    case .page(let number, let text, let ocr):
      pageStarts.append((offset, number))
      if ocr { ocrPages.insert(number) }
      try append(text)
      // A page break must not join the last value of a page to the first of the next.
      try append("\n\n")
    case .field(let name, let value, let page):
      // A form field's name is the label its value was typed against (氏名, MyNumber), so it
      // stands before the value as a label would. Metadata keys are not: "title: 顧客台帳"
      // reads as a job title, so a metadata value stands on its own line.
      try append(page == nil ? "\n" : "\(name): ")
      let start = offset
      try append(value)
      if values.count < Self.maxNamedValues {
        let path = page == nil ? "metadata:\(name)" : "form:\(name)"
        values.append(
          NamedValue(
            info: FieldInfo(
              name: name, column: values.count, valueRange: start..<offset, nonEmptyOrdinal: 1, path: path),
            page: page))
      }
      try append("\n")
    case .attachment(let name, let data, let truncated):
      attachments.append((name, data, truncated))
    }
  }

  private func append(_ text: String) throws {
    var copy = text
    try copy.withUTF8 { try detector.feed(UnsafeRawBufferPointer($0)) }
    offset += copy.utf8.count
  }

  /// The detector's hits as findings, each with its page (and field, for named values).
  func findings() -> [Finding] {
    detector.hits.map { hit in
      var finding = hit.finding()
      // Lines of the synthetic stream mean nothing to a reader; the page does.
      finding.location.line = nil
      finding.location.column = nil
      if let value = namedValue(containing: hit.range.lowerBound) {
        finding.location.page = value.page
      } else {
        finding.location.page = page(containing: hit.range.lowerBound)
        if let page = finding.location.page, ocrPages.contains(page) { finding.location.ocr = true }
      }
      return finding
    }
  }

  func page(containing position: Int) -> Int? {
    var low = 0
    var high = pageStarts.count
    while low < high {
      let mid = (low + high) / 2
      if pageStarts[mid].offset <= position { low = mid + 1 } else { high = mid }
    }
    return low == 0 ? nil : pageStarts[low - 1].page
  }

  private func namedValue(containing position: Int) -> NamedValue? {
    values.first { $0.info.valueRange.contains(position) }
  }

  // MARK: FieldLocator

  func slot(containing offset: Int) -> FieldSlot? {
    values.firstIndex { $0.info.valueRange.contains(offset) }.map(slot(at:))
  }

  func field(for slot: FieldSlot) -> FieldInfo { values[slot.key].info }

  func discard(before offset: Int) {}

  func forEachSlot(startingIn range: Range<Int>, _ body: (FieldSlot) -> Void) {
    for index in values.indices where range.contains(values[index].info.valueRange.lowerBound) { body(slot(at: index)) }
  }

  private func slot(at index: Int) -> FieldSlot {
    let info = values[index].info
    return FieldSlot(column: info.column, valueRange: info.valueRange, nonEmptyOrdinal: info.nonEmptyOrdinal, key: index)
  }
}
