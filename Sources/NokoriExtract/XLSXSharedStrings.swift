import LibXML

/// The shared-string table of a workbook (`xl/sharedStrings.xml`): cells of type `s` hold an
/// index into it. Kept as one byte array plus offsets, and bounded: strings past
/// ``maxBytes`` are not kept (their cells then read as empty, and ``truncated`` says so).
public final class XLSXSharedStrings: XMLEventHandler {
  public static let maxBytes = 256 << 20

  private var bytes: [UInt8] = []
  private var starts: [Int] = []
  private var inItem = false
  private var inText = false
  /// Depth inside `<rPh>` (phonetic reading runs): their text is a reading, not the value.
  private var phonetic = 0
  public private(set) var truncated = false

  public init() {}

  /// Number of strings read.
  public var count: Int { starts.count }

  /// String `index`, as UTF-8 bytes, or nil when out of range.
  public func withString<Result>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result? {
    guard index >= 0, index < starts.count else { return nil }
    let end = index + 1 < starts.count ? starts[index + 1] : bytes.count
    return bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[starts[index]..<end])) }
  }

  private enum Role { case other, item, text, phonetic }
  private var roles: [Role] = []

  public func startElement(_ name: XMLName, attributes: XMLAttributes) {
    let local = name.bytes
    var role = Role.other
    if local.elementsEqual("si".utf8) {
      inItem = true
      starts.append(bytes.count)
      role = .item
    } else if local.elementsEqual("rPh".utf8) {
      phonetic += 1
      role = .phonetic
    } else if local.elementsEqual("t".utf8) {
      inText = inItem
      role = .text
    }
    roles.append(role)
  }

  public func endElement() {
    switch roles.popLast() {
    case .item?: inItem = false
    case .text?: inText = false
    case .phonetic?: phonetic -= 1
    case .other?, nil: break
    }
  }

  public func text(_ text: UnsafeRawBufferPointer) {
    guard inText, phonetic == 0 else { return }
    guard bytes.count + text.count <= Self.maxBytes else {
      truncated = true
      return
    }
    bytes.append(contentsOf: text)
  }
}
