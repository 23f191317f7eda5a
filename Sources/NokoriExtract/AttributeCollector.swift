import LibXML

/// Hands the attributes of every element with one local name to a closure: enough to read
/// the small index parts of Office packages (sheet names, relationships).
public final class AttributeCollector: XMLEventHandler {
  private let element: [UInt8]
  private let found: ([String: String]) -> Void

  public init(element: String, found: @escaping ([String: String]) -> Void) {
    self.element = Array(element.utf8)
    self.found = found
  }

  public func startElement(_ name: XMLName, attributes: XMLAttributes) {
    guard name.bytes.elementsEqual(element) else { return }
    var values: [String: String] = [:]
    for index in 0..<attributes.count {
      guard let (attribute, value) = attributes[index] else { continue }
      values[attribute.string] = String(decoding: value, as: UTF8.self)
    }
    found(values)
  }

  public func endElement() {}
  public func text(_ bytes: UnsafeRawBufferPointer) {}
}
