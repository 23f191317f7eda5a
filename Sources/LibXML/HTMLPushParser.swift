import CLibXML2

#if canImport(Glibc)
  import Glibc
#endif

/// Receives an HTML document's content as libxml2's HTML parser meets it.
public protocol HTMLEventHandler: AnyObject {
  /// A start tag: its lower-case name and its attributes (name, value) as UTF-8 bytes,
  /// valid only during the call.
  func startElement(_ name: UnsafeBufferPointer<UInt8>, attributes: HTMLAttributes)
  func endElement(_ name: UnsafeBufferPointer<UInt8>)
  /// Text, entities already decoded (`&amp;` → `&`, `&#x5C71;` → 山), in pieces of any size.
  func text(_ bytes: UnsafeRawBufferPointer)
}

/// The attributes of one HTML start tag, readable only during the call.
public struct HTMLAttributes {
  fileprivate let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

  /// The value of attribute `name` (lower-case), if present.
  public func value(of name: String) -> UnsafeBufferPointer<UInt8>? {
    guard let base else { return nil }
    var index = 0
    while let attribute = base[index] {
      let value = base[index + 1]
      if strcasecmp(UnsafeRawPointer(attribute).assumingMemoryBound(to: CChar.self), name) == 0 {
        guard let value else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: value, count: strlen(UnsafeRawPointer(value).assumingMemoryBound(to: CChar.self)))
      }
      index += 2
    }
    return nil
  }
}

/// libxml2's HTML push parser: tag soup in, events out, no tree built.
///
/// Fed UTF-8 (the caller transcodes; a `<meta charset>` in the document is ignored, so it
/// cannot switch the decoding midway), with no network access; scripts and styles are dropped.
/// The corresponding C functions are `htmlCreatePushParserCtxt`, `htmlParseChunk` and `htmlFreeParserCtxt`.
public final class HTMLPushParser {
  private let context: htmlParserCtxtPtr
  private unowned(unsafe) let handler: any HTMLEventHandler

  public init(handler: any HTMLEventHandler) throws(XMLParserSetupError) {
    nokori_silence_generic_errors()
    var sax = htmlSAXHandler()
    sax.startElement = { context, name, attributes in
      guard let parser = HTMLPushParser.owner(context), let name else { return }
      parser.handler.startElement(
        UnsafeBufferPointer(start: name, count: strlen(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self))),
        attributes: HTMLAttributes(base: attributes))
    }
    sax.endElement = { context, name in
      guard let parser = HTMLPushParser.owner(context), let name else { return }
      parser.handler.endElement(
        UnsafeBufferPointer(start: name, count: strlen(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self))))
    }
    sax.characters = { context, bytes, count in
      guard let parser = HTMLPushParser.owner(context), let bytes else { return }
      parser.handler.text(UnsafeRawBufferPointer(start: bytes, count: Int(count)))
    }
    // Script and style bodies arrive as CDATA: not text a person reads.
    sax.cdataBlock = { _, _, _ in }
    sax.resolveEntity = { _, _, _ in nil }
    sax.externalSubset = { _, _, _, _ in }
    sax.internalSubset = { _, _, _, _ in }
    sax.serror = { _, _ in }
    guard let context = htmlCreatePushParserCtxt(&sax, nil, nil, 0, nil, XML_CHAR_ENCODING_UTF8) else {
      throw XMLParserSetupError.outOfMemory
    }
    self.context = context
    self.handler = handler
    let options = HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
      | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | HTML_PARSE_NODEFDTD.rawValue
    htmlCtxtUseOptions(context, Int32(options))
    context.pointee._private = Unmanaged.passUnretained(self).toOpaque()
    context.pointee.userData = UnsafeMutableRawPointer(context)
  }

  deinit {
    if let document = context.pointee.myDoc { xmlFreeDoc(document) }
    context.pointee.myDoc = nil
    htmlFreeParserCtxt(context)
  }

  /// Parses the next chunk of the document (UTF-8).
  public func feed(_ bytes: UnsafeRawBufferPointer) {
    guard let base = bytes.baseAddress else { return }
    var offset = 0
    while offset < bytes.count {
      let count = min(bytes.count - offset, 1 << 24)
      _ = htmlParseChunk(context, (base + offset).assumingMemoryBound(to: CChar.self), Int32(count), 0)
      offset += count
    }
  }

  /// Ends the document.
  public func finish() {
    _ = htmlParseChunk(context, nil, 0, 1)
  }

  private static func owner(_ context: UnsafeMutableRawPointer?) -> HTMLPushParser? {
    guard let context else { return nil }
    let parserContext = context.assumingMemoryBound(to: htmlParserCtxt.self)
    guard let owner = parserContext.pointee._private else { return nil }
    return Unmanaged<HTMLPushParser>.fromOpaque(owner).takeUnretainedValue()
  }
}
