import NokoriExtract

/// Where an image's OCR'd pages come from: the worker process, or this process.
protocol ImageEventSource: AnyObject {
  /// Reads the image at `path`, handing each page read by OCR to `emit`.
  /// - Throws: ``ParserFailure`` when the worker died or hung; what `emit` throws.
  func extractImage(path: String, limits: ImageLimits, emit: (RecognizedPage) throws -> Void) throws -> ImageSummary
}

extension PDFWorkerClient: ImageEventSource {
  func extractImage(path: String, limits: ImageLimits, emit: (RecognizedPage) throws -> Void) throws -> ImageSummary {
    try exchange(ImageWireFormat.encode(ImageWireFormat.Request(path: path, limits: limits))) { payload in
      switch ImageWireFormat.decodeAnswer(payload) {
      case .page(let page)?:
        try emit(page)
        return .more
      case .summary(let summary)?: return .done(summary)
      case nil: return .unreadable
      }
    }
  }
}

/// Reads images and scanned PDF pages in this process, with one OCR engine loaded on first use.
final class InProcessParsers: PDFEventSource, ImageEventSource {
  private let recognizer = ImageRecognizer()

  func extract(path: String, limits: PDFLimits, emit: (PDFEvent) throws -> Void) throws -> PDFSummary {
    recognizer.passesOverPictures = limits.ocrMode == .auto
    return try PDFExtractor(limits: limits, recognizer: limits.ocrMode == .off ? nil : recognizer)
      .extract(path: path, emit: emit)
  }

  func extractImage(path: String, limits: ImageLimits, emit: (RecognizedPage) throws -> Void) throws -> ImageSummary {
    try ImageExtractor(limits: limits, recognizer: recognizer).extract(path: path, emit: emit)
  }
}
