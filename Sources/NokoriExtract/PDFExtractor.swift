import Poppler

/// One piece of what a PDF holds, in the order the extractor meets it.
public enum PDFEvent: Sendable, Equatable {
  /// The text of page `number` (1-based); `ocr` when it was read from a rendering of the page.
  case page(number: Int, text: String, ocr: Bool)
  /// A named value outside the page text: document metadata (`page` nil) or a form field.
  case field(name: String, value: String, page: Int?)
  /// A file embedded in the PDF, read up to the attachment limit.
  case attachment(name: String, data: [UInt8], truncated: Bool)
}

/// What a PDF's extraction met, beside its text.
public struct PDFSummary: Sendable, Equatable {
  /// Pages the document declares.
  public var pageCount = 0
  /// Pages whose text was read.
  public var pagesRead = 0
  /// Pages that hold (almost) no text but a large image, and were not read by OCR.
  public var pagesNeedingOCR = 0
  /// Why extraction stopped or failed, if it did.
  public var problem: PDFProblem?

  public init() {}
}

/// Why a PDF was not read whole.
public enum PDFProblem: Sendable, Equatable, CustomStringConvertible {
  /// Password-protected; the empty user password does not open it.
  case encrypted
  /// poppler could not open it (truncated beyond repair, broken xref, not a PDF).
  case damaged(String)
  /// More pages than the limit (a page-count bomb): the first `read` were read.
  case tooManyPages(declared: Int, read: Int)
  /// The per-file time budget ran out after `read` pages.
  case outOfTime(read: Int)
  /// libpoppler-glib could not be loaded in this process: the PDF was not read at all.
  case readerUnavailable(String)

  public var description: String {
    switch self {
    case .encrypted: "password-protected PDF (the empty user password does not open it)"
    case .damaged(let message): "damaged PDF: \(message)"
    case .tooManyPages(let declared, let read): "declares \(declared) pages; only the first \(read) were read"
    case .outOfTime(let read): "time budget ran out after \(read) pages"
    case .readerUnavailable(let why): "PDF reader unavailable: \(why)"
    }
  }
}

/// Reads page images into text: the OCR stage. Handed a rendered page, returns its text.
public protocol PageRecognizer: AnyObject {
  func recognize(_ image: GrayImage) throws -> String
}

/// Bounds on what one PDF may cost.
public struct PDFLimits: Sendable, Equatable {
  /// Pages read at most (the rest of a page-count bomb is not touched).
  public var maxPages = 10_000
  /// Bytes read from all attachments together.
  public var maxAttachmentBytes = 64 << 20
  /// Pixels of one page rendered for OCR (about an A4 page at 300 dpi is 8.7 M).
  public var maxRenderPixels = 40_000_000
  /// Seconds spent on one file, checked between pages (the worker's watchdog covers a page that never ends).
  public var timeBudget: Double = 60
  /// How page text is ordered: rows keep a form's or table's label beside its value.
  public var textOrder = PDFTextOrder.rows
  /// Whether scanned pages go to the OCR stage (`--ocr auto|all`; in `auto` a page that is a
  /// photo, not text, is passed over) or are counted as needing it (`off`).
  public var ocrMode = OCRMode.off

  public init() {}
}

/// Extracts a PDF's text page by page, its metadata, form values and attachments, through
/// poppler-glib. A page with (almost) no text but a large image is a scanned page: it goes to
/// the OCR stage when there is one, and is counted otherwise.
public final class PDFExtractor {
  public var limits: PDFLimits
  public let recognizer: (any PageRecognizer)?
  /// A page with fewer visible characters than this counts as having no text.
  static let minimumTextScalars = 16
  /// A page at least this much covered by images, with no text, is a scanned page.
  static let scannedImageCoverage = 0.3

  public init(limits: PDFLimits = PDFLimits(), recognizer: (any PageRecognizer)? = nil) {
    self.limits = limits
    self.recognizer = recognizer
  }

  /// Reads the PDF at `path`, calling `emit` for each page and value. Never throws for the
  /// PDF's own problems (they are in the summary); rethrows what `emit` throws.
  public func extract(path: String, emit: (PDFEvent) throws -> Void) rethrows -> PDFSummary {
    var summary = PDFSummary()
    let document: PDFDocument
    do {
      document = try PDFDocument(path: path)
    } catch {
      switch error {
      case .encrypted: summary.problem = .encrypted
      case .damaged(let message): summary.problem = .damaged(message)
      case .readerUnavailable(let why): summary.problem = .readerUnavailable(why)
      }
      return summary
    }
    let started = ContinuousClock.now
    let deadline = started + .milliseconds(Int64(limits.timeBudget * 1000))
    summary.pageCount = document.pageCount
    if summary.pageCount == 0 {
      // poppler gives up on a page tree it does not believe (e.g. a /Count far beyond the
      // objects in the file): nothing was read, which must not pass for an empty scan.
      summary.problem = .damaged("no readable pages (page tree damaged or empty)")
    }
    for (name, value) in document.metadata { try emit(.field(name: name, value: value, page: nil)) }
    let pages = min(summary.pageCount, limits.maxPages)
    for index in 0..<pages {
      if ContinuousClock.now > deadline {
        summary.problem = .outOfTime(read: index)
        break
      }
      let text = document.text(page: index, order: limits.textOrder) ?? ""
      if Self.visibleScalars(text) < Self.minimumTextScalars,
        document.imageCoverage(page: index) >= Self.scannedImageCoverage
      {
        if let recognizer, let image = document.render(page: index, maxPixels: limits.maxRenderPixels),
          let recognized = try? recognizer.recognize(image)
        {
          try emit(.page(number: index + 1, text: recognized, ocr: true))
          summary.pagesRead += 1
          continue
        }
        summary.pagesNeedingOCR += 1
      }
      try emit(.page(number: index + 1, text: text, ocr: false))
      summary.pagesRead += 1
      for value in document.formValues(page: index) {
        try emit(.field(name: value.name, value: value.value, page: value.page))
      }
    }
    if summary.problem == nil, summary.pageCount > pages {
      summary.problem = .tooManyPages(declared: summary.pageCount, read: pages)
    }
    for attachment in document.attachments(maxBytes: limits.maxAttachmentBytes) {
      try emit(.attachment(name: attachment.name, data: attachment.data, truncated: attachment.truncated))
    }
    return summary
  }

  /// Characters other than white space, up to the threshold (no need to count further).
  static func visibleScalars(_ text: String) -> Int {
    var count = 0
    for scalar in text.unicodeScalars where !scalar.properties.isWhitespace {
      count += 1
      if count >= minimumTextScalars { break }
    }
    return count
  }
}
