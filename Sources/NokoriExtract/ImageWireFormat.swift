/// The messages for images between a scanner and its worker process, framed as in
/// ``PDFWireFormat`` (the same worker serves both): an `I` request, then `O` pages read by
/// OCR and a `T` summary last. OCR text passes only between Nokori's own processes.
public enum ImageWireFormat {
  /// A request for one image file.
  public struct Request: Sendable, Equatable {
    public var path: String
    public var limits: ImageLimits

    public init(path: String, limits: ImageLimits) {
      self.path = path
      self.limits = limits
    }
  }

  /// What the worker sends back for an image.
  public enum Answer: Sendable, Equatable {
    case page(RecognizedPage)
    case summary(ImageSummary)
  }

  /// Whether `payload` is an image request (the worker's dispatch).
  public static func isRequest(_ payload: [UInt8]) -> Bool { payload.first == UInt8(ascii: "I") }

  public static func encode(_ request: Request) -> [UInt8] {
    var out = PDFWireFormat.Writer(tag: "I")
    out.u32(request.limits.maxPixels)
    out.u32(request.limits.maxPages)
    out.u64(request.limits.timeBudget.bitPattern)
    out.u8(UInt8(OCRMode.allCases.firstIndex(of: request.limits.mode) ?? 1))
    out.bytes(Array(request.path.utf8))
    return out.finish()
  }

  public static func encode(_ answer: Answer) -> [UInt8] {
    switch answer {
    case .page(let page):
      var out = PDFWireFormat.Writer(tag: "O")
      out.u32(page.number)
      out.u32(page.width)
      out.u32(page.height)
      out.u8(UInt8(page.quarterTurns & 3))
      out.bytes(page.text.utf8)
      return out.finish()
    case .summary(let summary):
      var out = PDFWireFormat.Writer(tag: "T")
      out.u32(summary.pageCount)
      out.u32(summary.pagesRecognized)
      out.u32(summary.pagesSkipped)
      out.string(summary.format)
      out.string(summary.skipReason ?? "")
      switch summary.problem {
      case nil: out.u8(0)
      case .tooLarge(let width, let height, let limit)?:
        out.u8(1)
        out.u32(width)
        out.u32(height)
        out.u32(limit)
      case .tooManyPages(let declared, let read)?:
        out.u8(2)
        out.u32(declared)
        out.u32(read)
      case .undecodable(let why)?:
        out.u8(3)
        out.string(why)
      case .outOfTime(let read)?:
        out.u8(4)
        out.u32(read)
      case .ocrUnavailable(let why)?:
        out.u8(5)
        out.string(why)
      }
      return out.finish()
    }
  }

  /// Decodes a request payload; nil when it is not one.
  public static func decodeRequest(_ payload: [UInt8]) -> Request? {
    var input = PDFWireFormat.Reader(payload)
    guard input.u8() == UInt8(ascii: "I"), let pixels = input.u32(), let pages = input.u32(), let budget = input.u64(),
      let mode = input.u8(), Int(mode) < OCRMode.allCases.count
    else { return nil }
    var limits = ImageLimits()
    limits.maxPixels = pixels
    limits.maxPages = pages
    limits.timeBudget = Double(bitPattern: budget)
    limits.mode = OCRMode.allCases[Int(mode)]
    return Request(path: String(decoding: input.rest(), as: UTF8.self), limits: limits)
  }

  /// Decodes an answer payload; nil when it is not one.
  public static func decodeAnswer(_ payload: [UInt8]) -> Answer? {
    var input = PDFWireFormat.Reader(payload)
    switch input.u8() {
    case UInt8(ascii: "O"):
      guard let number = input.u32(), let width = input.u32(), let height = input.u32(), let turns = input.u8() else {
        return nil
      }
      return .page(
        RecognizedPage(
          number: number, width: width, height: height, text: String(decoding: input.rest(), as: UTF8.self),
          quarterTurns: Int(turns)))
    case UInt8(ascii: "T"):
      var summary = ImageSummary()
      guard let count = input.u32(), let recognized = input.u32(), let skipped = input.u32(),
        let format = input.string(), let reason = input.string(), let problem = input.u8()
      else { return nil }
      summary.pageCount = count
      summary.pagesRecognized = recognized
      summary.pagesSkipped = skipped
      summary.format = format
      summary.skipReason = reason.isEmpty ? nil : reason
      switch problem {
      case 0: break
      case 1:
        guard let width = input.u32(), let height = input.u32(), let limit = input.u32() else { return nil }
        summary.problem = .tooLarge(width: width, height: height, limit: limit)
      case 2:
        guard let declared = input.u32(), let read = input.u32() else { return nil }
        summary.problem = .tooManyPages(declared: declared, read: read)
      case 3:
        guard let why = input.string() else { return nil }
        summary.problem = .undecodable(why)
      case 4:
        guard let read = input.u32() else { return nil }
        summary.problem = .outOfTime(read: read)
      case 5:
        guard let why = input.string() else { return nil }
        summary.problem = .ocrUnavailable(why)
      default: return nil
      }
      return .summary(summary)
    default:
      return nil
    }
  }
}
