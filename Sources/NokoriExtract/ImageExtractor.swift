import OCR

/// Which images are read by OCR: none, those that look like they hold text, or all.
public enum OCRMode: String, Sendable, CaseIterable, Equatable {
  case off, auto, all
}

/// Bounds on what one image file may cost.
public struct ImageLimits: Sendable, Equatable {
  /// Pixels of one image, checked from the header before decoding (150 M pixels decode to
  /// 600 MB at most; a 30000 x 30000 image is refused before any is allocated).
  public var maxPixels = 150_000_000
  /// Pages of a multi-page TIFF read at most.
  public var maxPages = 100
  /// Seconds spent on one file, checked between pages (the worker's watchdog covers the rest).
  public var timeBudget: Double = 60
  public var mode = OCRMode.auto

  public init() {}
}

/// One page of an image file, read by OCR.
public struct RecognizedPage: Sendable, Equatable {
  /// 1-based (TIFF pages; 1 for single images).
  public var number: Int
  public var width: Int
  public var height: Int
  public var text: String
  /// Clockwise quarter turns that made it readable.
  public var quarterTurns: Int

  public init(number: Int, width: Int, height: Int, text: String, quarterTurns: Int) {
    self.number = number
    self.width = width
    self.height = height
    self.text = text
    self.quarterTurns = quarterTurns
  }
}

/// Why an image was not read whole.
public enum ImageProblem: Sendable, Equatable, CustomStringConvertible {
  /// The header declares more pixels than the limit: not decoded.
  case tooLarge(width: Int, height: Int, limit: Int)
  /// More TIFF pages than the limit: the first `read` were looked at.
  case tooManyPages(declared: Int, read: Int)
  /// Leptonica could not decode it (truncated, corrupt).
  case undecodable(String)
  /// The time budget ran out after `read` pages.
  case outOfTime(read: Int)
  /// OCR itself failed (language data missing).
  case ocrUnavailable(String)

  public var description: String {
    switch self {
    case .tooLarge(let width, let height, let limit):
      "\(width)x\(height) pixels, over the limit of \(limit) pixels; not decoded"
    case .tooManyPages(let declared, let read): "\(declared) pages; only the first \(read) were read"
    case .undecodable(let why): "damaged image: \(why)"
    case .outOfTime(let read): "time budget ran out after \(read) pages"
    case .ocrUnavailable(let why): "OCR unavailable: \(why)"
    }
  }
}

/// What reading an image file met, beside its text.
public struct ImageSummary: Sendable, Equatable {
  public var format = ""
  public var pageCount = 0
  /// Pages read by OCR.
  public var pagesRecognized = 0
  /// Pages the first look judged not worth OCR.
  public var pagesSkipped = 0
  /// Why (the first skipped page's reason).
  public var skipReason: String?
  public var problem: ImageProblem?

  public init() {}
}

/// Reads an image file (PNG, JPEG, TIFF with its pages, BMP, GIF, WebP) with Leptonica and its
/// text with Tesseract: the header is checked against the pixel limit before anything is
/// decoded, each page gets the cheap first look (``ImageTriage``) unless the mode is `all`,
/// and pages worth it are read by the ``ImageRecognizer``.
public struct ImageExtractor {
  public var limits: ImageLimits
  public let recognizer: ImageRecognizer

  public init(limits: ImageLimits, recognizer: ImageRecognizer) {
    self.limits = limits
    self.recognizer = recognizer
  }

  /// Reads the image at `path`, handing each page read to `emit`. Never throws for the
  /// image's own problems (they are in the summary); rethrows what `emit` throws.
  public func extract(path: String, emit: (RecognizedPage) throws -> Void) rethrows -> ImageSummary {
    var summary = ImageSummary()
    guard let header = LeptonicaImage.header(path: path) else {
      summary.problem = .undecodable("no readable image header")
      return summary
    }
    summary.format = header.format.rawValue
    if header.pixels > limits.maxPixels || header.width <= 0 || header.height <= 0 {
      summary.problem = .tooLarge(width: header.width, height: header.height, limit: limits.maxPixels)
      return summary
    }
    let deadline = ContinuousClock.now + .milliseconds(Int64(limits.timeBudget * 1000))
    if header.format == .tiff {
      let declared = LeptonicaImage.tiffPageCount(path: path) ?? 1
      summary.pageCount = declared
      let pages = min(declared, limits.maxPages)
      try LeptonicaImage.forEachTIFFPage(path: path, maxPages: pages, maxPixels: limits.maxPixels) { number, page in
        let image: LeptonicaImage
        switch page {
        case .image(let decoded): image = decoded
        case .undecodable:
          summary.problem = summary.problem ?? .undecodable("page \(number) does not decode")
          return false
        case .tooLarge(let width, let height):
          summary.problem = .tooLarge(width: width, height: height, limit: limits.maxPixels)
          return false
        }
        if ContinuousClock.now > deadline {
          summary.problem = .outOfTime(read: number - 1)
          return false
        }
        try look(at: image, number: number, summary: &summary, emit: emit)
        return true
      }
      if summary.problem == nil, declared > pages { summary.problem = .tooManyPages(declared: declared, read: pages) }
      return summary
    }
    summary.pageCount = 1
    if limits.mode == .auto, let reason = ImageTriage.skipReason(width: header.width, height: header.height) {
      summary.pagesSkipped = 1
      summary.skipReason = reason
      return summary
    }
    let image: LeptonicaImage
    do {
      image = try LeptonicaImage.read(path: path)
    } catch {
      summary.problem = .undecodable("\(header.format.rawValue) data does not decode (truncated or corrupt)")
      return summary
    }
    try look(at: image, number: 1, summary: &summary, emit: emit)
    return summary
  }

  /// The first look, then OCR when the page is worth it.
  private func look(
    at image: LeptonicaImage, number: Int, summary: inout ImageSummary, emit: (RecognizedPage) throws -> Void
  ) rethrows {
    if limits.mode == .auto, let reason = ImageTriage.skipReason(image) {
      summary.pagesSkipped += 1
      summary.skipReason = summary.skipReason ?? reason
      return
    }
    let reading: ImageRecognizer.Reading
    do {
      reading = try recognizer.read(image)
    } catch {
      summary.problem = .ocrUnavailable("\(error)")
      return
    }
    summary.pagesRecognized += 1
    try emit(
      RecognizedPage(
        number: number, width: image.width, height: image.height, text: reading.text,
        quarterTurns: reading.quarterTurns))
  }
}
