/// The messages between a scanner and its PDF worker process (`nokori __worker pdf`), over a
/// pipe: each is a little-endian 32-bit length, then a tag byte and its fields. The scanner
/// sends a request (a path and the limits); the worker answers with the file's events and a
/// summary last. The text passes only between Nokori's own processes: never to disk or logs.
public enum PDFWireFormat {
  /// A request for one file.
  public struct Request: Sendable, Equatable {
    public var path: String
    public var limits: PDFLimits

    public init(path: String, limits: PDFLimits) {
      self.path = path
      self.limits = limits
    }
  }

  /// What the worker sends back: an event, or the summary that ends the answer.
  public enum Answer: Sendable, Equatable {
    case event(PDFEvent)
    case summary(PDFSummary)
  }

  /// Messages longer than this are a broken worker, not a PDF (attachments are capped below it).
  public static let maxMessage = 256 << 20

  // MARK: Encoding

  public static func encode(_ request: Request) -> [UInt8] {
    var out = Writer(tag: "R")
    out.u32(request.limits.maxPages)
    out.u32(request.limits.maxAttachmentBytes)
    out.u32(request.limits.maxRenderPixels)
    out.u64(request.limits.timeBudget.bitPattern)
    out.u8(request.limits.textOrder == .rows ? 1 : 0)
    out.u8(UInt8(OCRMode.allCases.firstIndex(of: request.limits.ocrMode) ?? 0))
    out.bytes(Array(request.path.utf8))
    return out.finish()
  }

  public static func encode(_ answer: Answer) -> [UInt8] {
    switch answer {
    case .event(.page(let number, let text, let ocr)):
      var out = Writer(tag: "P")
      out.u32(number)
      out.u8(ocr ? 1 : 0)
      out.bytes(text.utf8)
      return out.finish()
    case .event(.field(let name, let value, let page)):
      var out = Writer(tag: "F")
      out.u32(page ?? 0)
      out.string(name)
      out.bytes(value.utf8)
      return out.finish()
    case .event(.attachment(let name, let data, let truncated)):
      var out = Writer(tag: "A")
      out.u8(truncated ? 1 : 0)
      out.string(name)
      out.bytes(data)
      return out.finish()
    case .summary(let summary):
      var out = Writer(tag: "S")
      out.u32(summary.pageCount)
      out.u32(summary.pagesRead)
      out.u32(summary.pagesNeedingOCR)
      switch summary.problem {
      case nil: out.u8(0)
      case .encrypted?: out.u8(1)
      case .damaged(let message)?:
        out.u8(2)
        out.bytes(Array(message.utf8))
      case .tooManyPages(let declared, let read)?:
        out.u8(3)
        out.u32(declared)
        out.u32(read)
      case .outOfTime(let read)?:
        out.u8(4)
        out.u32(read)
      case .readerUnavailable(let why)?:
        out.u8(5)
        out.bytes(Array(why.utf8))
      }
      return out.finish()
    }
  }

  // MARK: Decoding (the payload after the length)

  /// Decodes a request payload; nil when it is not one.
  public static func decodeRequest(_ payload: [UInt8]) -> Request? {
    var input = Reader(payload)
    guard input.u8() == UInt8(ascii: "R") else { return nil }
    var limits = PDFLimits()
    guard let pages = input.u32(), let attachments = input.u32(), let pixels = input.u32(), let budget = input.u64(),
      let order = input.u8(), let ocr = input.u8(), Int(ocr) < OCRMode.allCases.count
    else { return nil }
    limits.ocrMode = OCRMode.allCases[Int(ocr)]
    limits.textOrder = order == 1 ? .rows : .reading
    limits.maxPages = pages
    limits.maxAttachmentBytes = attachments
    limits.maxRenderPixels = pixels
    limits.timeBudget = Double(bitPattern: budget)
    return Request(path: String(decoding: input.rest(), as: UTF8.self), limits: limits)
  }

  /// Decodes an answer payload; nil when it is not one.
  public static func decodeAnswer(_ payload: [UInt8]) -> Answer? {
    var input = Reader(payload)
    switch input.u8() {
    case UInt8(ascii: "P"):
      guard let number = input.u32(), let ocr = input.u8() else { return nil }
      return .event(.page(number: number, text: String(decoding: input.rest(), as: UTF8.self), ocr: ocr == 1))
    case UInt8(ascii: "F"):
      guard let page = input.u32(), let name = input.string() else { return nil }
      return .event(.field(name: name, value: String(decoding: input.rest(), as: UTF8.self), page: page == 0 ? nil : page))
    case UInt8(ascii: "A"):
      guard let truncated = input.u8(), let name = input.string() else { return nil }
      return .event(.attachment(name: name, data: input.rest(), truncated: truncated == 1))
    case UInt8(ascii: "S"):
      var summary = PDFSummary()
      guard let count = input.u32(), let read = input.u32(), let ocr = input.u32(), let problem = input.u8() else {
        return nil
      }
      summary.pageCount = count
      summary.pagesRead = read
      summary.pagesNeedingOCR = ocr
      switch problem {
      case 0: break
      case 1: summary.problem = .encrypted
      case 2: summary.problem = .damaged(String(decoding: input.rest(), as: UTF8.self))
      case 3:
        guard let declared = input.u32(), let pages = input.u32() else { return nil }
        summary.problem = .tooManyPages(declared: declared, read: pages)
      case 4:
        guard let pages = input.u32() else { return nil }
        summary.problem = .outOfTime(read: pages)
      case 5: summary.problem = .readerUnavailable(String(decoding: input.rest(), as: UTF8.self))
      default: return nil
      }
      return .summary(summary)
    default:
      return nil
    }
  }

  struct Writer {
    var buffer: [UInt8] = [0, 0, 0, 0]

    init(tag: Character) { buffer.append(tag.asciiValue ?? 0) }

    mutating func u8(_ value: UInt8) { buffer.append(value) }
    mutating func u32(_ value: Int) {
      let clamped = UInt32(clamping: value)
      for shift in stride(from: 0, to: 32, by: 8) { buffer.append(UInt8(truncatingIfNeeded: clamped >> shift)) }
    }
    mutating func u64(_ value: UInt64) {
      for shift in stride(from: 0, to: 64, by: 8) { buffer.append(UInt8(truncatingIfNeeded: value >> shift)) }
    }
    mutating func string(_ value: String) {
      let bytes = Array(value.utf8.prefix(0xFFFF))
      buffer.append(UInt8(bytes.count & 0xFF))
      buffer.append(UInt8(bytes.count >> 8))
      buffer.append(contentsOf: bytes)
    }
    mutating func bytes(_ value: some Sequence<UInt8>) { buffer.append(contentsOf: value) }

    /// The message with its length in front.
    mutating func finish() -> [UInt8] {
      // Patched in place: a copy of a page's text per message would double the encoding cost.
      let length = UInt32(buffer.count - 4)
      for index in 0..<4 { buffer[index] = UInt8(truncatingIfNeeded: length >> (8 * index)) }
      return buffer
    }
  }

  struct Reader {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func u8() -> UInt8? {
      guard position < bytes.count else { return nil }
      position += 1
      return bytes[position - 1]
    }
    mutating func u32() -> Int? {
      guard position + 4 <= bytes.count else { return nil }
      var value: UInt32 = 0
      for index in 0..<4 { value |= UInt32(bytes[position + index]) << (8 * index) }
      position += 4
      return Int(value)
    }
    mutating func u64() -> UInt64? {
      guard position + 8 <= bytes.count else { return nil }
      var value: UInt64 = 0
      for index in 0..<8 { value |= UInt64(bytes[position + index]) << (8 * index) }
      position += 8
      return value
    }
    mutating func string() -> String? {
      guard position + 2 <= bytes.count else { return nil }
      let count = Int(bytes[position]) | Int(bytes[position + 1]) << 8
      position += 2
      guard position + count <= bytes.count else { return nil }
      defer { position += count }
      return String(decoding: bytes[position..<position + count], as: UTF8.self)
    }
    func rest() -> [UInt8] { Array(bytes[position...]) }
  }
}
