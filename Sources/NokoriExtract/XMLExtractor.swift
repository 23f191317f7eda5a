import LibXML
import NokoriCore

#if canImport(Glibc)
  import Glibc
#endif

/// How an XML vocabulary lays its text out.
public enum XMLDialect: Sendable {
  /// Any XML: every text node and attribute value is a value of its own, named by its element
  /// or attribute (the field-name hint) and located by its path.
  case generic
  /// WordprocessingML (docx parts) and DrawingML text (pptx slides): only `<t>` runs are text,
  /// joined within a paragraph (Word splits words across runs), one paragraph per line.
  case paragraphs
}

/// Streams an XML document through libxml2 into UTF-8 text for the detectors, one value per
/// line, recording for each value the element or attribute it sat in.
///
/// Feed it the raw document in chunks of any size; the text comes out after each chunk, so
/// memory stays bounded by the chunk size whatever the document's length.
public final class XMLExtractor: XMLEventHandler {
  /// Distinct element paths named before further ones share one anonymous field (bounded memory).
  static let maxPaths = 10_000

  public let dialect: XMLDialect
  /// The field locator to hand the detector for this document.
  public let tracker: SpanFieldTracker
  private var parser: XMLPushParser?
  private var decoder: IconvDecoder?
  private var transcoded: [UInt8] = []
  private var output: [UInt8] = []
  /// Bytes of text already handed to the sink.
  private var emitted = 0

  // Element paths: each path is its parent's id plus a name id; names keyed by libxml2's
  // interned pointer, so a start tag costs two dictionary lookups and no allocation.
  private struct PathKey: Hashable {
    var parent: Int
    var name: Int
  }
  private var nameIDs: [Int: Int] = [:]
  private var names: [String] = []
  private var pathIDs: [PathKey: Int] = [:]
  private var pathParent: [Int] = []
  private var pathName: [Int] = []
  private var pathIsAttribute: [Bool] = []
  private var pathStrings: [Int: String] = [:]
  /// Guards the path tables when another thread names fields (``makeReplayTracker()``).
  private let tableLock = TableLock()
  private var stack: [Int] = []
  /// The field of the current element's own text: its path, or its label (`Field[個人番号]`).
  private var textKeys: [Int] = []
  /// Labels seen (`element\0label` bytes → name id); bounded apart from paths, so documents
  /// whose every record carries a unique `name` cannot use up the path table.
  private var labelNameIDs: [[UInt8]: Int] = [:]
  static let maxLabels = 1_000
  /// A direct-mapped cache in front of the two dictionaries: exports repeat the same few
  /// paths millions of times, and hashing them was 6% of a scan.
  private struct CachedPath {
    var parent = Int.min
    var name = 0
    var attribute = false
    var id = 0
  }
  private var pathCache = [CachedPath](repeating: CachedPath(), count: 1 << pathCacheBits)
  private static let pathCacheBits = 10

  // The text run being read: absolute offsets of its first and past-last non-blank byte.
  private var runStart = -1
  private var contentStart = -1
  private var contentEnd = -1
  private var inTextRun = false
  private var paragraphHasText = false

  public init(dialect: XMLDialect = .generic) {
    self.dialect = dialect
    var describe: SpanFieldTracker.Describe = { _, _, range, ordinal in
      FieldInfo(name: nil, column: Self.maxPaths, valueRange: range, nonEmptyOrdinal: ordinal)
    }
    tracker = SpanFieldTracker(unnamedColumn: Self.maxPaths) { key, detail, range, ordinal in
      describe(key, detail, range, ordinal)
    }
    describe = { [unowned self] key, _, range, ordinal in self.field(key: key, range: range, ordinal: ordinal) }
    output.reserveCapacity(1 << 20)
  }

  /// Parses the next chunk of the raw document and hands the text it yielded to `sink`.
  public func feed(_ raw: UnsafeRawBufferPointer, sink: (UnsafeRawBufferPointer) throws -> Void) throws {
    guard let parser else {
      // The encoding is decided on the declaration, so the parser starts once it is in hand.
      head.append(contentsOf: raw)
      if head.count >= Self.headSize { try startWithHead(sink) }
      return
    }
    if let decoder {
      transcoded.removeAll(keepingCapacity: true)
      decoder.decode(raw, final: false, into: &transcoded)
      transcoded.withUnsafeBytes { parser.feed($0) }
    } else {
      parser.feed(raw)
    }
    try flush(sink)
  }

  /// Ends the document; returns what the parse met and how many bytes the decoder replaced.
  public func finish(sink: (UnsafeRawBufferPointer) throws -> Void) throws -> (XMLParseSummary, invalidSequences: Int) {
    if parser == nil { try startWithHead(sink) }
    guard let parser else { throw XMLParserSetupError.outOfMemory }
    if let decoder {
      transcoded.removeAll(keepingCapacity: true)
      decoder.decode(UnsafeRawBufferPointer(start: nil, count: 0), final: true, into: &transcoded)
      transcoded.withUnsafeBytes { parser.feed($0) }
    }
    let summary = parser.finish()
    endRun()
    try flush(sink)
    return (summary, decoder?.invalidSequences ?? 0)
  }

  /// True once the parser stopped (hostile input): further chunks are ignored.
  public var isStopped: Bool { parser?.isStopped ?? false }

  /// The encoding the document was read in (`utf-8` unless transcoded).
  public var encodingName: String { decoder?.encoding.rawValue ?? "utf-8" }

  /// Set when the declared encoding was not the one the bytes are in.
  public private(set) var encodingNote: String?

  /// Bytes gathered before the parser starts: enough for any XML declaration.
  static let headSize = 1024
  private var head: [UInt8] = []

  private func startWithHead(_ sink: (UnsafeRawBufferPointer) throws -> Void) throws {
    _ = try start(head)
    let first = head
    head = []
    try first.withUnsafeBytes { try feed($0, sink: sink) }
  }

  private func start(_ head: [UInt8]) throws -> XMLPushParser {
    let plan = XMLEncodingSniffer.plan(head)
    if plan == .transcode(.utf8, bomLength: 0), let declared = XMLEncodingSniffer.declaredEncoding(head) {
      encodingNote = "declared \(declared), but the bytes are UTF-8: read as UTF-8"
    }
    switch plan {
    case .native:
      decoder = nil
    case .transcode(let encoding, _):
      // A UTF-16 BOM is decoded along (to U+FEFF, a UTF-8 BOM), which libxml2 accepts.
      decoder = try IconvDecoder(encoding: encoding)
    }
    let parser = try XMLPushParser(handler: self, utf8Input: decoder != nil)
    self.parser = parser
    return parser
  }

  private func flush(_ sink: (UnsafeRawBufferPointer) throws -> Void) throws {
    guard !output.isEmpty else { return }
    // A blank run still open at the end of the chunk can be dropped later only if unflushed
    // (unless it is long enough to matter for memory).
    let blankRunOpen = inTextRun && contentStart < 0 && output.count - (runStart - emitted) < 1 << 16
    let keepFrom = blankRunOpen ? runStart - emitted : output.count
    let count = max(0, min(keepFrom, output.count))
    guard count > 0 else { return }
    try output.withUnsafeBytes { try sink(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
    if count == output.count { output.removeAll(keepingCapacity: true) } else { output.removeSubrange(0..<count) }
    emitted += count
  }

  // MARK: - XMLEventHandler

  public func startElement(_ name: XMLName, attributes: XMLAttributes) {
    switch dialect {
    case .generic:
      endRun()
      let path = pathID(parent: stack.last ?? -1, name: name, attribute: false)
      stack.append(path)
      // Key-value exports (`<Field name="個人番号">…</Field>`, `<item key="MyNumber" value="…"/>`)
      // name the value in an attribute: the element's own text and other attributes take it.
      let labelled = label(attributes).map { labelPathID(parent: stack.count > 1 ? stack[stack.count - 2] : -1, element: name, label: $0) } ?? path
      textKeys.append(labelled >= 0 ? labelled : path)
      for index in 0..<attributes.count {
        guard let (attributeName, value) = attributes[index] else { continue }
        let owner = labelled >= 0 && !isLabelAttribute(attributeName) ? labelled : path
        let attributePath = pathID(parent: owner, name: attributeName, attribute: true)
        emitValue(value, key: attributePath)
      }
    case .paragraphs:
      let local = name.bytes
      var role = 0
      if local.elementsEqual("t".utf8) {
        inTextRun = true
        role = 1
      } else if local.elementsEqual("p".utf8) {
        role = 2
      } else if local.elementsEqual("tab".utf8) {
        output.append(0x09)
      } else if local.elementsEqual("br".utf8) || local.elementsEqual("cr".utf8) {
        output.append(0x0A)
      }
      stack.append(role)
    }
  }

  public func endElement() {
    switch dialect {
    case .generic:
      endRun()
      stack.removeLast()
      textKeys.removeLast()
    case .paragraphs:
      let role = stack.popLast() ?? 0
      if role == 1 { inTextRun = false }
      // A paragraph ends a line (table cells hold paragraphs); runs inside it were joined as they came.
      if role == 2, paragraphHasText {
        output.append(0x0A)
        paragraphHasText = false
      }
    }
  }

  public func text(_ bytes: UnsafeRawBufferPointer) {
    switch dialect {
    case .generic:
      if !inTextRun {
        inTextRun = true
        runStart = emitted + output.count
        contentStart = -1
      }
      let base = emitted + output.count
      if let first = bytes.firstIndex(where: { !Self.isBlank($0) }) {
        if contentStart < 0 { contentStart = base + first }
        if let last = bytes.lastIndex(where: { !Self.isBlank($0) }) { contentEnd = base + last + 1 }
      }
      output.append(contentsOf: bytes)
    case .paragraphs:
      guard inTextRun else { return }
      output.append(contentsOf: bytes)
      paragraphHasText = true
    }
  }

  // MARK: - Values and fields

  private func endRun() {
    guard inTextRun, dialect == .generic else { return }
    inTextRun = false
    if contentStart >= 0 {
      tracker.record(contentStart..<contentEnd, key: textKeys.last ?? -1)
      output.append(0x0A)
    } else if runStart >= emitted {
      // The blanks between tags: dropped from the end (`removeSubrange` took the general path).
      output.removeLast(output.count - (runStart - emitted))
    }
    contentStart = -1
  }

  private func emitValue(_ value: UnsafeRawBufferPointer, key: Int) {
    guard let first = value.firstIndex(where: { !Self.isBlank($0) }),
      let last = value.lastIndex(where: { !Self.isBlank($0) })
    else { return }
    let start = emitted + output.count
    output.append(contentsOf: UnsafeRawBufferPointer(rebasing: value[first...last]))
    tracker.record(start..<(emitted + output.count), key: key)
    output.append(0x0A)
  }

  @inline(__always)
  private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }

  private func pathID(parent: Int, name: XMLName, attribute: Bool) -> Int {
    guard parent >= -1 else { return -2 }
    // Multiplicative hashing of all three: interned names are packed a few bytes apart in
    // libxml2's dictionary, so `id >> 3` put `id` and `status` (or `no`, `date`, `amount`) of
    // one element in the same slot, and they evicted each other on every record.
    let mixed =
      (UInt(bitPattern: parent) &* 0x9E37_79B9_7F4A_7C15) ^ (UInt(bitPattern: name.id) &* 0xC2B2_AE3D_27D4_EB4F)
      ^ (attribute ? 0x1656_67B1_9E37_79F9 : 0)
    let slot = Int(truncatingIfNeeded: (mixed &* 0x9E37_79B9_7F4A_7C15) >> UInt(64 - Self.pathCacheBits))
    let cached = pathCache[slot]
    if cached.parent == parent, cached.name == name.id, cached.attribute == attribute { return cached.id }
    let id = lookUpPath(parent: parent, name: name, attribute: attribute)
    pathCache[slot] = CachedPath(parent: parent, name: name.id, attribute: attribute, id: id)
    return id
  }

  private func lookUpPath(parent: Int, name: XMLName, attribute: Bool) -> Int {
    let nameID: Int
    if let known = nameIDs[name.id] {
      nameID = known
    } else {
      nameID = addName(name.string)
      nameIDs[name.id] = nameID
    }
    return path(parent: parent, nameID: nameID, attribute: attribute)
  }

  private func addName(_ string: String) -> Int {
    tableLock.lock()
    defer { tableLock.unlock() }
    names.append(string)
    return names.count - 1
  }

  /// Attribute local names whose value names the element's value, by length: most
  /// attributes (`id`, `status`, `date`) are ruled out by their length or first byte alone.
  private static let labelAttributes: [Int: [[UInt8]]] = Dictionary(
    grouping: ["name", "key", "label", "field", "fieldName", "fieldname", "column", "caption", "property"].map { Array($0.utf8) },
    by: \.count)
  private static let labelFirstBytes: Set<UInt8> = Set("nklfcp".utf8)

  private static func isLabelAttribute(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
    guard name.count >= 3, name.count <= 9, let first = name.first, labelFirstBytes.contains(first),
      let candidates = labelAttributes[name.count]
    else { return false }
    return candidates.contains { name.elementsEqual($0) }
  }

  /// Whether attribute `name` is a label attribute, remembered by the name's interned identity
  /// (every start tag asks about each of its attributes).
  private func isLabelAttribute(_ name: XMLName) -> Bool {
    let slot = Int(truncatingIfNeeded: (UInt(bitPattern: name.id) &* 0x9E37_79B9_7F4A_7C15) >> 58)
    if labelAttributeCache[slot].id == name.id { return labelAttributeCache[slot].isLabel }
    let isLabel = Self.isLabelAttribute(name.bytes)
    labelAttributeCache[slot] = (name.id, isLabel)
    return isLabel
  }
  private var labelAttributeCache = [(id: Int, isLabel: Bool)](repeating: (0, false), count: 64)

  /// The value of the first label attribute, if short enough to be a name.
  private func label(_ attributes: XMLAttributes) -> UnsafeRawBufferPointer? {
    for index in 0..<attributes.count {
      guard let (name, value) = attributes[index], isLabelAttribute(name) else { continue }
      return value.count > 0 && value.count <= 64 ? value : nil
    }
    return nil
  }

  /// The field `Element[label]` under `parent`; -2 once there are too many labels.
  private func labelPathID(parent: Int, element: XMLName, label: UnsafeRawBufferPointer) -> Int {
    guard parent >= -1 else { return -2 }
    let key = Array(element.bytes) + [0] + Array(label)
    let nameID: Int
    if let known = labelNameIDs[key] {
      nameID = known
    } else {
      guard labelNameIDs.count < Self.maxLabels else { return -2 }
      nameID = addName(element.string + "[" + String(decoding: label, as: UTF8.self) + "]")
      labelNameIDs[key] = nameID
    }
    return path(parent: parent, nameID: nameID, attribute: false)
  }

  private func path(parent: Int, nameID: Int, attribute: Bool) -> Int {
    let key = PathKey(parent: parent, name: attribute ? -1 - nameID : nameID)
    if let known = pathIDs[key] { return known }
    guard pathParent.count < Self.maxPaths else { return -2 }
    let id = pathParent.count
    pathIDs[key] = id
    tableLock.lock()
    pathParent.append(parent)
    pathName.append(nameID)
    pathIsAttribute.append(attribute)
    tableLock.unlock()
    return id
  }

  /// A tracker for another thread: it is fed the spans ``tracker`` drains, and names them
  /// from this extractor's tables under a lock while parsing goes on.
  public func makeReplayTracker() -> SpanFieldTracker {
    // Names and paths never change once made, so each is fetched under the lock only once.
    let known = KnownFields()
    return SpanFieldTracker(unnamedColumn: Self.maxPaths) { [self] key, _, range, ordinal in
      if key >= 0, key < known.fields.count, let field = known.fields[key] {
        return FieldInfo(
          name: field.name, column: key, valueRange: range, nonEmptyOrdinal: ordinal, path: field.path)
      }
      tableLock.lock()
      let field = self.field(key: key, range: range, ordinal: ordinal)
      tableLock.unlock()
      if key >= 0 {
        if key >= known.fields.count { known.fields.append(contentsOf: repeatElement(nil, count: key - known.fields.count + 1)) }
        known.fields[key] = (field.name, field.path)
      }
      return field
    }
  }

  private func field(key: Int, range: Range<Int>, ordinal: Int) -> FieldInfo {
    guard key >= 0 else { return FieldInfo(name: nil, column: Self.maxPaths, valueRange: range, nonEmptyOrdinal: ordinal) }
    // An attribute is named with its element: `<Order no=…>` is an order number and
    // `<Customer id=…>` a customer id, which the attribute's name alone does not say.
    var name = names[pathName[key]]
    if pathIsAttribute[key], pathParent[key] >= 0 { name = names[pathName[pathParent[key]]] + " " + name }
    return FieldInfo(name: name, column: key, valueRange: range, nonEmptyOrdinal: ordinal, path: pathString(key))
  }

  /// `/Export/Customer/Email` or `/Export/Customer/@id`.
  private func pathString(_ id: Int) -> String {
    if let known = pathStrings[id] { return known }
    var parts: [String] = []
    var current = id
    while current >= 0 {
      parts.append((pathIsAttribute[current] ? "@" : "") + names[pathName[current]])
      current = pathParent[current]
    }
    let path = "/" + parts.reversed().joined(separator: "/")
    pathStrings[id] = path
    return path
  }
}

/// Field names and paths a replay tracker has already fetched, by key.
private final class KnownFields {
  var fields: [(name: String?, path: String?)?] = []
}

/// A pthread mutex: NokoriExtract does not import Foundation.
final class TableLock: @unchecked Sendable {
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  init() { pthread_mutex_init(mutex, nil) }
  deinit {
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
  }
  func lock() { pthread_mutex_lock(mutex) }
  func unlock() { pthread_mutex_unlock(mutex) }
}
