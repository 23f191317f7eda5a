import CLibXML2

#if canImport(Glibc)
  import Glibc
#endif

/// A name as libxml2 interned it for one parse: `id` is stable for the parse, so callers can
/// key tables by it without copying bytes per element.
public struct XMLName {
  private let pointer: UnsafePointer<xmlChar>

  init(_ pointer: UnsafePointer<xmlChar>) { self.pointer = pointer }

  /// Identity of the interned name, valid until the parser is freed.
  public var id: Int { Int(bitPattern: pointer) }

  /// The name's UTF-8 bytes (a local name: namespace prefix stripped). Measured when asked:
  /// callers that know a name by its ``id`` never pay for its length.
  public var bytes: UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: pointer, count: strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self)))
  }

  /// The name as a Swift string (allocates; use for tables, not per event).
  public var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// The attributes of one start tag, readable only during the ``XMLEventHandler/startElement(_:attributes:)`` call.
public struct XMLAttributes {
  fileprivate let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
  /// Number of attributes.
  public let count: Int

  /// The local name and value of attribute `index`.
  public subscript(index: Int) -> (name: XMLName, value: UnsafeRawBufferPointer)? {
    guard let base, index < count, let name = base[index * 5], let start = base[index * 5 + 3],
      let end = base[index * 5 + 4]
    else { return nil }
    return (XMLName(name), UnsafeRawBufferPointer(start: start, count: max(0, end - start)))
  }
}

/// Receives a document's content as the parser meets it.
public protocol XMLEventHandler: AnyObject {
  func startElement(_ name: XMLName, attributes: XMLAttributes)
  func endElement()
  /// Character data (text or CDATA) of the current element, in pieces of any size.
  func text(_ bytes: UnsafeRawBufferPointer)
}

/// Why a parse stopped early or what it met on the way.
public enum XMLProblem: Sendable, Equatable {
  /// Entity expansion out of proportion to the input (billion laughs, quadratic blow-up).
  case entityAmplification
  /// Elements nested deeper than the limit.
  case tooDeep(Int)
  /// A single construct larger than libxml2's lookup or text limits.
  case hugeConstruct
}

/// One parser error, with no document content in it (libxml2's byte dumps are cut off).
public struct XMLParseError: Sendable, Equatable, CustomStringConvertible {
  public var code: Int
  public var line: Int
  public var message: String
  public var description: String { "line \(line): \(message) (libxml2 error \(code))" }
}

/// What a finished parse reports.
public struct XMLParseSummary: Sendable {
  /// True when libxml2 met no well-formedness error.
  public var wellFormed: Bool
  public var errorCount: Int
  public var firstError: XMLParseError?
  /// Set when the input was stopped as hostile.
  public var problem: XMLProblem?
}

/// A libxml2 SAX2 push parser: bytes go in chunk by chunk (from a file or a zip member alike),
/// events come out to a handler, and no tree is ever built.
///
/// Safe by construction: no entity substitution, no DTD or external entity loading, no
/// network; entity amplification and nesting depth are bounded and end the parse as hostile.
/// The corresponding C functions are `xmlCreatePushParserCtxt`, `xmlParseChunk` and `xmlFreeParserCtxt`.
public final class XMLPushParser {
  /// Deepest element nesting accepted (libxml2 itself stops at 256 without XML_PARSE_HUGE).
  public static let maxDepth = 200
  /// Entity text referenced beyond this many times the input read so far is amplification.
  static let amplificationFactor = 8
  /// Entity text below this total is never called amplification.
  static let amplificationAllowance = 512 << 10

  private let context: xmlParserCtxtPtr
  private let handler: XMLEventDispatch
  private var depth = 0
  private var fed = 0
  private var referencedEntityBytes = 0
  private var stopped = false
  private var summary = XMLParseSummary(wellFormed: true, errorCount: 0)

  private static let initialized: Void = { xmlInitParser() }()

  /// A parser that sends events to `handler`. `utf8Input` says the bytes will be UTF-8
  /// whatever the document declares (the caller transcoded them).
  public init<Handler: XMLEventHandler>(handler: Handler, utf8Input: Bool) throws(XMLParserSetupError) {
    Self.initialized
    nokori_silence_generic_errors()
    var sax = xmlSAXHandler()
    xmlSAXVersion(&sax, 2)
    sax.startElementNs = { context, localName, _, _, _, _, attributeCount, _, attributes in
      XMLPushParser.withOwner(context) { parser in
        guard !parser.stopped, let localName else { return }
        parser.depth += 1
        if parser.depth > XMLPushParser.maxDepth {
          parser.stop(.tooDeep(XMLPushParser.maxDepth))
          return
        }
        parser.handler.startElement(XMLName(localName), attributes: XMLAttributes(base: attributes, count: Int(attributeCount)))
      }
    }
    sax.endElementNs = { context, _, _, _ in
      XMLPushParser.withOwner(context) { parser in
        guard !parser.stopped else { return }
        parser.depth -= 1
        parser.handler.endElement()
      }
    }
    sax.characters = { context, bytes, count in
      XMLPushParser.withOwner(context) { parser in
        guard !parser.stopped, let bytes else { return }
        parser.handler.text(UnsafeRawBufferPointer(start: bytes, count: Int(count)))
      }
    }
    sax.cdataBlock = sax.characters
    sax.ignorableWhitespace = nil
    // Entities are never substituted into a tree, but in SAX mode libxml2 replays an internal
    // entity's content through the callbacks at every reference. Each lookup is counted
    // before that happens, so a document whose references expand out of proportion to its
    // size (billion laughs, quadratic blow-up) stops as hostile before the work is done.
    sax.getEntity = { context, name in
      let entity = xmlSAX2GetEntity(context, name)
      guard let parser = XMLPushParser.owner(context), let entity else { return entity }
      parser.referencedEntityBytes += Int(entity.pointee.length)
      if parser.referencedEntityBytes > XMLPushParser.amplificationAllowance,
        parser.referencedEntityBytes > XMLPushParser.amplificationFactor * max(parser.fed, 1)
      {
        parser.stop(.entityAmplification)
        return nil
      }
      return entity
    }
    sax.reference = { _, _ in }
    sax.resolveEntity = { _, _, _ in nil }
    sax.externalSubset = { _, _, _, _ in }
    sax.comment = nil
    sax.processingInstruction = nil
    sax.setDocumentLocator = nil
    sax.warning = nil
    sax.error = nil
    sax.fatalError = nil
    sax.serror = { data, error in
      guard let parser = XMLPushParser.owner(data), let error else { return }
      parser.record(error.pointee)
    }
    guard let context = xmlCreatePushParserCtxt(&sax, nil, nil, 0, nil) else {
      throw XMLParserSetupError.outOfMemory
    }
    self.context = context
    self.handler = TypedXMLEventDispatch(handler)
    var options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_RECOVER.rawValue | XML_PARSE_NOCDATA.rawValue)
    options |= Int32(XML_PARSE_NOWARNING.rawValue)
    if utf8Input { options |= Int32(XML_PARSE_IGNORE_ENC.rawValue) }
    xmlCtxtUseOptions(context, options)
    context.pointee._private = Unmanaged.passUnretained(self).toOpaque()
  }

  deinit {
    if let document = context.pointee.myDoc { xmlFreeDoc(document) }
    context.pointee.myDoc = nil
    xmlFreeParserCtxt(context)
  }

  /// True once the parse was stopped (hostile input or ``stop()``); further input is ignored.
  public var isStopped: Bool { stopped }

  /// Line the parser is on, in the source document.
  public var line: Int { Int(xmlSAX2GetLineNumber(context)) }

  /// Parses the next chunk of the document.
  public func feed(_ bytes: UnsafeRawBufferPointer) {
    guard !stopped, let base = bytes.baseAddress else { return }
    var offset = 0
    // xmlParseChunk takes an Int32 length.
    while offset < bytes.count, !stopped {
      let count = min(bytes.count - offset, 1 << 24)
      fed += count
      _ = xmlParseChunk(context, (base + offset).assumingMemoryBound(to: CChar.self), Int32(count), 0)
      offset += count
    }
  }

  /// Ends the document and returns what the parse met.
  public func finish() -> XMLParseSummary {
    if !stopped { _ = xmlParseChunk(context, nil, 0, 1) }
    summary.wellFormed = summary.wellFormed && context.pointee.wellFormed != 0
    return summary
  }

  /// Stops the parse; no more events are sent.
  public func stop() {
    guard !stopped else { return }
    stopped = true
    xmlStopParser(context)
  }

  private func stop(_ problem: XMLProblem) {
    if summary.problem == nil { summary.problem = problem }
    stop()
  }

  private func record(_ error: xmlError) {
    guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
    summary.errorCount += 1
    summary.wellFormed = false
    let code = Int(error.code)
    let message = error.message.map { Self.firstLine(String(cString: $0)) } ?? "error"
    if summary.firstError == nil {
      summary.firstError = XMLParseError(code: code, line: Int(error.line), message: message)
    }
    if code == Int(XML_ERR_ENTITY_LOOP.rawValue) {
      stop(.entityAmplification)
    } else if message.hasPrefix("Excessive depth") {
      stop(.tooDeep(256))
    } else if message.hasPrefix("Huge input lookup") || message.contains("xmlSAX2Characters: huge text node") {
      // libxml2 2.9 reports its size limits as internal errors, told apart only by message.
      stop(.hugeConstruct)
    }
  }

  /// libxml2 appends the offending bytes on a second line ("Bytes: 0x93 0x8C"): document
  /// content, so it is dropped.
  private static func firstLine(_ message: String) -> String {
    let line = message.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? message
    return line.trimmingSuffixSpaces()
  }

  /// Runs `body` with the parser that owns `context`, without retaining it: the element,
  /// end and text events come millions of times per export, and a retain and release each
  /// was 8 % of the parsing thread. The parser outlives every event (it drives them).
  private static func withOwner(_ context: UnsafeMutableRawPointer?, _ body: (XMLPushParser) -> Void) {
    guard let context else { return }
    let parserContext = context.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let owner = parserContext.pointee._private else { return }
    Unmanaged<XMLPushParser>.fromOpaque(owner)._withUnsafeGuaranteedRef(body)
  }

  private static func owner(_ context: UnsafeMutableRawPointer?) -> XMLPushParser? {
    guard let context else { return nil }
    let parserContext = context.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let owner = parserContext.pointee._private else { return nil }
    return Unmanaged<XMLPushParser>.fromOpaque(owner).takeUnretainedValue()
  }
}

/// Sends events on to a handler without retaining it per event: the handler owns or outlives
/// its parser, and calling it through an `unowned(unsafe)` existential cost a retain and a
/// release per SAX event (3 % of the parsing thread of an export).
class XMLEventDispatch {
  func startElement(_ name: XMLName, attributes: XMLAttributes) {}
  func endElement() {}
  func text(_ bytes: UnsafeRawBufferPointer) {}
}

private final class TypedXMLEventDispatch<Handler: XMLEventHandler>: XMLEventDispatch {
  private let handler: Unmanaged<Handler>

  init(_ handler: Handler) { self.handler = .passUnretained(handler) }

  override func startElement(_ name: XMLName, attributes: XMLAttributes) {
    handler._withUnsafeGuaranteedRef { $0.startElement(name, attributes: attributes) }
  }

  override func endElement() { handler._withUnsafeGuaranteedRef { $0.endElement() } }

  override func text(_ bytes: UnsafeRawBufferPointer) { handler._withUnsafeGuaranteedRef { $0.text(bytes) } }
}

/// Why a parser could not be created.
public enum XMLParserSetupError: Error, Sendable {
  case outOfMemory
}

extension String {
  fileprivate func trimmingSuffixSpaces() -> String {
    var copy = self
    while copy.last == " " || copy.last == "\n" { copy.removeLast() }
    return copy
  }
}
