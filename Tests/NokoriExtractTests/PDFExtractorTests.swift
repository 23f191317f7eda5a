import NokoriExtract
import NokoriTestSupport
import Poppler
import Testing

/// The PDF extractor on its own: scanned pages go to the OCR stage through its real interface.
@Suite struct PDFExtractorTests {
  /// Stands in for the OCR stage: records what it was handed and answers with fixed text.
  final class RecordingRecognizer: PageRecognizer {
    var sizes: [(Int, Int, Double)] = []
    func recognize(_ image: GrayImage) throws -> String {
      sizes.append((image.width, image.height, image.dpi))
      #expect(image.pixels.count == image.width * image.height)
      // The generated scan has dark strokes on light gray: a real rendering, not a blank.
      #expect(image.pixels.contains { $0 < 64 })
      return "個人番号 from OCR"
    }
  }

  let scanned = TestPaths.corpus.appendingPathComponent("pdf/scanned_page.pdf").path

  @Test func aScannedPageIsRenderedAt300DpiAndHandedToTheRecognizer() {
    let recognizer = RecordingRecognizer()
    var events: [PDFEvent] = []
    let summary = PDFExtractor(recognizer: recognizer).extract(path: scanned) { events.append($0) }
    #expect(summary.pagesNeedingOCR == 0)
    #expect(summary.pagesRead == 1)
    #expect(events.contains(.page(number: 1, text: "個人番号 from OCR", ocr: true)))
    // A4 at 300 dpi: 2479 x 3508 pixels.
    #expect(recognizer.sizes.count == 1)
    #expect(recognizer.sizes.first.map { abs($0.0 - 2479) <= 1 && abs($0.1 - 3508) <= 1 } == true)
  }

  @Test func renderingIsBoundedByThePixelLimit() {
    var limits = PDFLimits()
    limits.maxRenderPixels = 1_000_000
    let recognizer = RecordingRecognizer()
    _ = PDFExtractor(limits: limits, recognizer: recognizer).extract(path: scanned) { _ in }
    let size = recognizer.sizes.first
    #expect(size.map { $0.0 * $0.1 <= 1_000_000 } == true)
    #expect(size.map { $0.2 < 300 } == true)
  }

  @Test func withoutARecognizerTheScannedPageIsCounted() {
    var pages: [PDFEvent] = []
    let summary = PDFExtractor().extract(path: scanned) { pages.append($0) }
    #expect(summary.pagesNeedingOCR == 1)
    #expect(summary.problem == nil)
  }
}
