import NokoriCore
import Yajl

/// Streams JSON (one document, or JSON Lines) through yajl into UTF-8 text for the detectors,
/// one value per line, recording for each value the key it sat under: keys are field-name
/// hints as XML element names are (`{"MyNumber": "…"}` is field `MyNumber`), and the path
/// (`$.customers[3].MyNumber`) says where it is.
///
/// Memory stays bounded by the chunk size and the path table: paths are kept as templates
/// (`$.customers[*].MyNumber`, one entry however many customers), the index of the innermost
/// array beside each value.
public final class JSONExtractor: JSONEventHandler {
  /// Distinct paths named before further ones share one anonymous field.
  static let maxPaths = 10_000
  /// Containers nested deeper than this stop the parse as hostile.
  public static let maxDepth = 200

  /// The field locator to hand the detector for this document.
  public let tracker: SpanFieldTracker
  private var parser: JSONPushParser?
  private var output: [UInt8] = []
  private var emitted = 0

  private struct Frame {
    var path: Int
    var isArray: Bool
    var index: Int
  }
  private var frames: [Frame] = []
  private var currentKey = -1

  private struct PathKey: Hashable {
    var parent: Int
    var name: Int
  }
  /// Key names; -1 stands for an array element.
  private var names: [String] = []
  private var nameIDs: [[UInt8]: Int] = [:]
  private var pathIDs: [PathKey: Int] = [:]
  private var pathParent: [Int] = []
  private var pathName: [Int] = []
  private var pathStrings: [Int: (head: String, tail: String?)] = [:]

  /// Set when nesting went past ``maxDepth`` and the parse was stopped.
  public private(set) var tooDeep = false
  /// Top-level values read (more than one: JSON Lines).
  public private(set) var documents = 0

  public init() {
    var describe: SpanFieldTracker.Describe = { _, _, range, ordinal in
      FieldInfo(name: nil, column: Self.maxPaths, valueRange: range, nonEmptyOrdinal: ordinal)
    }
    tracker = SpanFieldTracker(unnamedColumn: Self.maxPaths) { key, detail, range, ordinal in
      describe(key, detail, range, ordinal)
    }
    describe = { [unowned self] key, detail, range, ordinal in self.field(key: key, index: detail, range: range, ordinal: ordinal) }
    parser = try? JSONPushParser(handler: self)
  }

  /// Parses the next chunk of UTF-8 JSON and hands the text it yielded to `sink`.
  public func feed(_ utf8: UnsafeRawBufferPointer, sink: (UnsafeRawBufferPointer) throws -> Void) throws {
    parser?.feed(utf8)
    try flush(sink)
  }

  /// Ends the input; returns true when the whole input was well-formed JSON.
  public func finish(sink: (UnsafeRawBufferPointer) throws -> Void) throws -> Bool {
    let result = parser?.finish() ?? .malformed
    try flush(sink)
    return result == .complete
  }

  private func flush(_ sink: (UnsafeRawBufferPointer) throws -> Void) throws {
    guard !output.isEmpty else { return }
    try output.withUnsafeBytes { try sink($0) }
    emitted += output.count
    output.removeAll(keepingCapacity: true)
  }

  // MARK: - JSONEventHandler

  public func startObject() -> Bool { open(isArray: false) }
  public func startArray() -> Bool { open(isArray: true) }

  public func endObject() -> Bool { close() }
  public func endArray() -> Bool { close() }

  public func key(_ bytes: UnsafeRawBufferPointer) -> Bool {
    let key = Array(bytes)
    if let known = nameIDs[key] {
      currentKey = known
    } else if names.count < Self.maxPaths {
      names.append(String(decoding: key, as: UTF8.self))
      nameIDs[key] = names.count - 1
      currentKey = names.count - 1
    } else {
      currentKey = -2
    }
    return true
  }

  public func scalar(_ bytes: UnsafeRawBufferPointer, kind: JSONScalarKind) -> Bool {
    let path = childPath()
    if kind == .string || kind == .number, let first = bytes.firstIndex(where: { !Self.isBlank($0) }),
      let last = bytes.lastIndex(where: { !Self.isBlank($0) })
    {
      let start = emitted + output.count
      output.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[first...last]))
      tracker.record(start..<(emitted + output.count), key: path, detail: innermostIndex())
      output.append(0x0A)
    }
    advance()
    return true
  }

  private func open(isArray: Bool) -> Bool {
    guard frames.count < Self.maxDepth else {
      tooDeep = true
      return false
    }
    frames.append(Frame(path: childPath(), isArray: isArray, index: 0))
    return true
  }

  private func close() -> Bool {
    frames.removeLast()
    advance()
    return true
  }

  /// Moves past a finished value: the next array element, or the next top-level document.
  private func advance() {
    if frames.isEmpty {
      documents += 1
    } else if frames[frames.count - 1].isArray {
      frames[frames.count - 1].index += 1
    }
  }

  private func childPath() -> Int {
    guard let top = frames.last else { return -1 }
    if top.isArray { return path(parent: top.path, name: -1) }
    return currentKey >= 0 ? path(parent: top.path, name: currentKey) : -2
  }

  /// The indices of the two innermost arrays around the value, packed into one integer
  /// (`customers[3].phones[0]`): enough to place a value in an export without a per-value path.
  private func innermostIndex() -> Int {
    var indices: [Int] = []
    for frame in frames.reversed() where frame.isArray {
      indices.append(min(frame.index, Int(Int32.max)))
      if indices.count == 2 { break }
    }
    guard let inner = indices.first else { return -1 }
    return indices.count == 2 ? inner | (indices[1] + 1) << 32 : inner
  }

  private func path(parent: Int, name: Int) -> Int {
    guard parent >= -1 else { return -2 }
    let key = PathKey(parent: parent, name: name)
    if let known = pathIDs[key] { return known }
    guard pathParent.count < Self.maxPaths else { return -2 }
    pathParent.append(parent)
    pathName.append(name)
    pathIDs[key] = pathParent.count - 1
    return pathParent.count - 1
  }

  @inline(__always)
  private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }

  // MARK: - Fields

  private func field(key: Int, index: Int, range: Range<Int>, ordinal: Int) -> FieldInfo {
    guard key >= 0 else { return FieldInfo(name: nil, column: Self.maxPaths, valueRange: range, nonEmptyOrdinal: ordinal) }
    // An array of scalars under a key (`"phones": [...]`) is named by that key.
    var named = key
    while named >= 0, pathName[named] < 0 { named = pathParent[named] }
    let name = named >= 0 ? names[pathName[named]] : nil
    return FieldInfo(name: name, column: key, valueRange: range, nonEmptyOrdinal: ordinal, path: pathString(key, index: index))
  }

  /// `$.customers[3].MyNumber`: the template with its innermost array index filled in.
  private func pathString(_ id: Int, index: Int) -> String {
    let template: (head: String, tail: String?)
    if let known = pathStrings[id] {
      template = known
    } else {
      var parts: [String] = []
      var current = id
      while current >= 0 {
        parts.append(pathName[current] < 0 ? "[*]" : "." + names[pathName[current]])
        current = pathParent[current]
      }
      parts.reverse()
      // Split at the innermost array step, where the index goes.
      if let last = parts.lastIndex(of: "[*]") {
        template = ("$" + parts[..<last].joined(), parts[(last + 1)...].joined())
      } else {
        template = ("$" + parts.joined(), nil)
      }
      pathStrings[id] = template
    }
    guard let tail = template.tail else { return template.head }
    let inner = index >= 0 ? "[\(index & 0xFFFF_FFFF)]" : "[*]"
    var head = template.head
    let outer = index >> 32
    if outer > 0, let step = head.lastIndex(of: "*"), step > head.startIndex {
      // The head ends in `…[*]…`: fill the outer array's index there too.
      head.replaceSubrange(step...step, with: String(outer - 1))
    }
    return head + inner + tail
  }
}

/// Recognises JSON and JSON Lines by name, or by content that parses as JSON.
public enum JSONSniffer {
  public static func looksLikeJSON(_ sample: [UInt8], fileName: String, isComplete: Bool) -> Bool {
    guard FormatSniffer.signature(sample) == nil else { return false }
    let lower = fileName.lowercased()
    if [".json", ".jsonl", ".ndjson", ".geojson"].contains(where: { lower.hasSuffix($0) }) { return true }
    var index = sample.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    func skipBlank() {
      while index < sample.count, [0x20, 0x09, 0x0A, 0x0D].contains(sample[index]) { index += 1 }
    }
    skipBlank()
    guard index < sample.count, sample[index] == 0x7B || sample[index] == 0x5B else { return false }
    index += 1
    skipBlank()
    guard index < sample.count, [0x22, 0x7B, 0x5B, 0x7D, 0x5D].contains(sample[index]) else { return false }
    // The whole sample must parse: `[1] 参照` or `{"a"} text` is text that happens to open with a bracket.
    let probe = JSONProbe()
    guard let parser = try? JSONPushParser(handler: probe) else { return false }
    sample.withUnsafeBytes { _ = parser.feed($0) }
    if parser.result == .malformed { return false }
    return !isComplete || parser.finish() == .complete
  }
}

/// Accepts every event: used to ask only whether bytes parse.
private final class JSONProbe: JSONEventHandler {
  func startObject() -> Bool { true }
  func key(_ bytes: UnsafeRawBufferPointer) -> Bool { true }
  func endObject() -> Bool { true }
  func startArray() -> Bool { true }
  func endArray() -> Bool { true }
  func scalar(_ bytes: UnsafeRawBufferPointer, kind: JSONScalarKind) -> Bool { true }
}
