import LibXML
import NokoriCore

/// Reduces HTML (a file or a mail's HTML part) to the text a person reads, streamed: entities
/// decoded by libxml2's HTML parser, scripts and styles dropped, whitespace collapsed, and the
/// layout kept as separators, so a form's label stays beside its value: table cells end with
/// a tab, rows and blocks with a newline (`<th>氏名</th><td>山田</td>` → `氏名\t山田\t\n`).
///
/// A cell after a header cell in its row (`<th>`/`<td>`, `<dt>`/`<dd>`) is recorded as a field
/// named by that header, and a form control's value as a field named by its `name`, so the
/// detectors' field readers see them as they see CSV columns.
public final class HTMLTextExtractor: HTMLEventHandler {
  /// Distinct field names kept (labels, control names); later ones go unnamed.
  static let maxNames = 1_000
  static let maxLabelBytes = 64

  /// The field locator to hand the detector for this document.
  public let tracker: SpanFieldTracker
  private var parser: HTMLPushParser?
  private var output: [UInt8] = []
  private var emitted = 0
  private var pendingSpace = false
  private var skipDepth = 0

  private var names: [String] = []
  private var nameIDs: [String: Int] = [:]
  /// Start of the open header or data cell's text, in absolute offsets.
  private var headerStart = -1
  private var cellStart = -1
  private var rowLabel = -1

  public init() {
    var describe: SpanFieldTracker.Describe = { _, _, range, ordinal in
      FieldInfo(name: nil, column: 0, valueRange: range, nonEmptyOrdinal: ordinal)
    }
    tracker = SpanFieldTracker { key, detail, range, ordinal in describe(key, detail, range, ordinal) }
    describe = { [unowned self] key, _, range, ordinal in
      FieldInfo(name: key >= 0 && key < self.names.count ? self.names[key] : nil, column: max(key, 0), valueRange: range, nonEmptyOrdinal: ordinal)
    }
    parser = try? HTMLPushParser(handler: self)
  }

  /// Parses the next chunk of UTF-8 HTML and hands the text it yielded to `sink`.
  public func feed(_ utf8: UnsafeRawBufferPointer, sink: (UnsafeRawBufferPointer) throws -> Void) throws {
    parser?.feed(utf8)
    try flush(sink)
  }

  /// Ends the document and hands the last text to `sink`.
  public func finish(sink: (UnsafeRawBufferPointer) throws -> Void) throws {
    parser?.finish()
    endLine()
    try flush(sink)
  }

  private func flush(_ sink: (UnsafeRawBufferPointer) throws -> Void) throws {
    // An open cell's text must stay addressable until the cell ends; it is bounded by the
    // parser's text-node limit, and flushing it early only costs the field name.
    guard !output.isEmpty else { return }
    try output.withUnsafeBytes { try sink($0) }
    lastFlushed = output[output.count - 1]
    emitted += output.count
    output.removeAll(keepingCapacity: true)
  }

  private var position: Int { emitted + output.count }
  private var lastByte: UInt8? { output.last ?? (emitted > 0 ? lastFlushed : nil) }
  private var lastFlushed: UInt8 = 0x0A

  // MARK: - HTMLEventHandler

  private static let blocks: Set<String> = [
    "p", "div", "br", "li", "ul", "ol", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd",
    "form", "fieldset", "legend", "section", "article", "header", "footer", "blockquote", "pre", "hr", "title",
    "caption", "address", "option", "body", "tbody", "thead", "nav", "main", "aside", "figure", "figcaption",
  ]
  private static let hidden: Set<String> = ["script", "style", "template", "noscript"]

  public func startElement(_ name: UnsafeBufferPointer<UInt8>, attributes: HTMLAttributes) {
    let tag = String(decoding: name, as: UTF8.self).lowercased()
    // An unselected option is a choice offered, not data entered (a list of 47 prefectures).
    if Self.hidden.contains(tag) || (tag == "option" && attributes.value(of: "selected") == nil) {
      skipDepth += 1
      return
    }
    switch tag {
    case "tr":
      endLine()
      rowLabel = -1
    case "th", "dt":
      separateCell()
      headerStart = position
    case "td", "dd":
      separateCell()
      cellStart = position
    case "input", "textarea", "select":
      emitControl(attributes)
    case "img":
      if let alt = attributes.value(of: "alt"), !alt.isEmpty { appendText(UnsafeRawBufferPointer(alt)) }
    default:
      if Self.blocks.contains(tag) { endLine() }
    }
  }

  public func endElement(_ name: UnsafeBufferPointer<UInt8>) {
    let tag = String(decoding: name, as: UTF8.self).lowercased()
    if Self.hidden.contains(tag) || (tag == "option" && skipDepth > 0) {
      skipDepth = max(0, skipDepth - 1)
      return
    }
    switch tag {
    case "th", "dt":
      if headerStart >= 0 { rowLabel = nameID(text(from: headerStart)) }
      headerStart = -1
      endCell()
    case "td", "dd":
      if cellStart >= 0, rowLabel >= 0, let range = trimmedRange(from: cellStart) { record(range, key: rowLabel) }
      cellStart = -1
      endCell()
    case "tr":
      endLine()
    default:
      if Self.blocks.contains(tag) { endLine() }
    }
  }

  public func text(_ bytes: UnsafeRawBufferPointer) {
    guard skipDepth == 0 else { return }
    appendText(bytes)
  }

  // MARK: - Text

  private func appendText(_ bytes: UnsafeRawBufferPointer) {
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      // No-break space (U+00A0) is a space here: forms pad labels with &nbsp;.
      if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0xA0 {
        pendingSpace = true
        index += 2
        continue
      }
      if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C {
        pendingSpace = true
      } else {
        if pendingSpace, let last = lastByte, last != 0x0A, last != 0x09 { output.append(0x20) }
        pendingSpace = false
        output.append(byte)
      }
      index += 1
    }
  }

  private func separateCell() {
    pendingSpace = false
    if let last = lastByte, last != 0x0A, last != 0x09 { output.append(0x09) }
  }

  private func endCell() {
    pendingSpace = false
    if let last = lastByte, last != 0x0A, last != 0x09 { output.append(0x09) }
  }

  private func endLine() {
    pendingSpace = false
    if let last = lastByte, last != 0x0A {
      output.append(0x0A)
    }
  }

  /// A form control's value (`<input name="kojin_bango" value="…">`), as a field named by the control.
  private func emitControl(_ attributes: HTMLAttributes) {
    guard let value = attributes.value(of: "value"), !value.isEmpty else { return }
    if let type = attributes.value(of: "type"), ["submit", "button", "reset", "image"].contains(String(decoding: type, as: UTF8.self).lowercased()) {
      return
    }
    let label = (attributes.value(of: "name") ?? attributes.value(of: "id")).map { String(decoding: $0, as: UTF8.self) }
    separateCell()
    let start = position
    appendText(UnsafeRawBufferPointer(value))
    pendingSpace = false
    if let label, let range = trimmedRange(from: start) { record(range, key: nameID(label)) }
    output.append(0x09)
  }

  private var recordedEnd = 0

  /// Records a field; values nested in one another (a control in a cell, a table in a cell)
  /// keep the first recorded, since the tracker needs spans in stream order.
  private func record(_ range: Range<Int>, key: Int) {
    guard key >= 0, range.lowerBound >= recordedEnd else { return }
    tracker.record(range, key: key)
    recordedEnd = range.upperBound
  }

  private func text(from start: Int) -> String {
    guard let range = trimmedRange(from: start), range.count <= Self.maxLabelBytes, range.lowerBound >= emitted else { return "" }
    return String(decoding: output[(range.lowerBound - emitted)..<(range.upperBound - emitted)], as: UTF8.self)
  }

  /// The non-blank text written since `start`, in absolute offsets.
  private func trimmedRange(from start: Int) -> Range<Int>? {
    var lower = max(start, emitted)
    var upper = position
    while lower < upper, Self.isSeparator(output[lower - emitted]) { lower += 1 }
    while upper > lower, Self.isSeparator(output[upper - 1 - emitted]) { upper -= 1 }
    return lower < upper ? lower..<upper : nil
  }

  private static func isSeparator(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A }

  private func nameID(_ name: String) -> Int {
    guard !name.isEmpty else { return -1 }
    if let known = nameIDs[name] { return known }
    guard names.count < Self.maxNames else { return -1 }
    names.append(name)
    nameIDs[name] = names.count - 1
    return names.count - 1
  }
}
