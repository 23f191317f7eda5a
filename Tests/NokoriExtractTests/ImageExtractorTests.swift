import Foundation
import NokoriExtract
import NokoriTestSupport
import OCR
import Testing

/// Images through Leptonica and Tesseract: the wrapper reads known text, headers are checked
/// before decoding, damaged and many-paged files get their problem, photos are passed over.
/// Recognised text is only searched here, never printed.
@Suite(.serialized) struct ImageExtractorTests {
  func corpus(_ name: String) -> String { TestPaths.corpus.appendingPathComponent("images/" + name).path }

  func extract(_ path: String, mode: OCRMode = .auto, maxPages: Int = 100) -> (ImageSummary, [RecognizedPage]) {
    var limits = ImageLimits()
    limits.mode = mode
    limits.maxPages = maxPages
    var pages: [RecognizedPage] = []
    let summary = ImageExtractor(limits: limits, recognizer: ImageRecognizer()).extract(path: path) { pages.append($0) }
    return (summary, pages)
  }

  @Test func tesseractReadsTheKnownWordsOfAGeneratedPassportPage() throws {
    TesseractEngine.limitThreads()
    let engine = try TesseractEngine()
    let image = try LeptonicaImage.read(path: corpus("passport_clean.png"))
    #expect(image.width == 1250 && image.height == 880)
    let text = try engine.recognize(image).text.uppercased()
    #expect(text.contains("PASSPORT"))
    #expect(text.contains("P<JPN"))
    #expect(text.contains("MINISTRY OF FOREIGN AFFAIRS"))
    #expect(text.contains("旅券"))
  }

  @Test func theHeaderIsReadWithoutDecoding() throws {
    let header = try #require(LeptonicaImage.header(path: corpus("residence_front_clean.jpg")))
    #expect(header.format == .jpeg)
    #expect(header.width == 1012 && header.height == 638)
    #expect(LeptonicaImage.header(path: corpus("licence_both_sides.tif"))?.format == .tiff)
    #expect(LeptonicaImage.tiffPageCount(path: corpus("licence_both_sides.tif")) == 2)
  }

  @Test func aThirtyThousandPixelSquarePNGIsTooLargeFromItsHeader() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("huge.png").path
    try SyntheticImages.pngHeader(width: 30000, height: 30000).write(to: URL(fileURLWithPath: path))
    let (summary, pages) = extract(path)
    #expect(summary.problem == .tooLarge(width: 30000, height: 30000, limit: ImageLimits().maxPixels))
    #expect(pages.isEmpty)
  }

  @Test func aTruncatedPNGIsUndecodable() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let whole = try Data(contentsOf: URL(fileURLWithPath: corpus("passport_clean.png")))
    let path = folder.appendingPathComponent("cut.png").path
    try whole.prefix(whole.count / 3).write(to: URL(fileURLWithPath: path))
    let (summary, pages) = extract(path, mode: .all)
    guard case .undecodable? = summary.problem else {
      Issue.record("expected undecodable, got \(String(describing: summary.problem))")
      return
    }
    #expect(pages.isEmpty)
  }

  @Test func aFiveHundredPageTIFFReadsTheFirstPagesAndSaysSo() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("fax.tif").path
    try SyntheticImages.multipageTIFF(pages: 500, side: 16).write(to: URL(fileURLWithPath: path))
    #expect(LeptonicaImage.tiffPageCount(path: path) == 500)
    let (summary, _) = extract(path, maxPages: 20)
    #expect(summary.pageCount == 500)
    #expect(summary.problem == .tooManyPages(declared: 500, read: 20))
    // Blank 16-pixel pages are passed over by the first look, not recognised.
    #expect(summary.pagesSkipped == 20)
    #expect(summary.pagesRecognized == 0)
  }

  @Test func aTIFFPageDeclaringThirtyThousandPixelsSquareIsNotDecoded() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("odd.tif").path
    try SyntheticImages.multipageTIFF(pages: 3, side: 16, hugePage: 2).write(to: URL(fileURLWithPath: path))
    let (summary, _) = extract(path)
    #expect(summary.problem == .tooLarge(width: 30000, height: 30000, limit: ImageLimits().maxPixels))
    #expect(summary.pagesSkipped == 1)
  }

  @Test func eachPageOfATIFFIsReadWithItsNumber() throws {
    let (summary, pages) = extract(corpus("licence_both_sides.tif"))
    #expect(summary.problem == nil)
    #expect(pages.map(\.number) == [1, 2])
    #expect(pages[1].text.contains("備考") || pages[1].text.contains("公安委員会"))
  }

  @Test func aPhotoIsPassedOverAndADocumentIsNot() throws {
    let photo = extract(corpus("photo_1_clean.jpg"))
    #expect(photo.0.pagesSkipped == 1)
    #expect(photo.0.skipReason?.contains("no rows of characters") == true)
    #expect(photo.1.isEmpty)
    let card = extract(corpus("mynumber_front_clean.jpg"))
    #expect(card.0.pagesSkipped == 0)
    #expect(card.1.count == 1)
    let forced = extract(corpus("photo_1_clean.jpg"), mode: .all)
    #expect(forced.0.pagesSkipped == 0)
    #expect(forced.0.pagesRecognized == 1)
  }

  @Test func aCardTurnedUpsideDownIsTurnedBack() throws {
    let (_, pages) = extract(corpus("passport_rot180.jpg"))
    let page = try #require(pages.first)
    #expect(page.quarterTurns == 2)
    #expect(page.text.uppercased().contains("PASSPORT"))
  }

  @Test func imageAnswersRoundTripThroughTheWireFormat() throws {
    var limits = ImageLimits()
    limits.mode = .all
    limits.maxPages = 7
    let request = ImageWireFormat.Request(path: "/tmp/a b/カード.png", limits: limits)
    let encoded = ImageWireFormat.encode(request)
    #expect(ImageWireFormat.isRequest(Array(encoded.dropFirst(4))))
    #expect(ImageWireFormat.decodeRequest(Array(encoded.dropFirst(4))) == request)
    let page = RecognizedPage(number: 3, width: 1012, height: 638, text: "在留カード\n番号", quarterTurns: 1)
    #expect(ImageWireFormat.decodeAnswer(Array(ImageWireFormat.encode(.page(page)).dropFirst(4))) == .page(page))
    var summary = ImageSummary()
    summary.format = "tiff"
    summary.pageCount = 500
    summary.pagesSkipped = 100
    summary.skipReason = "no rows"
    summary.problem = .tooManyPages(declared: 500, read: 100)
    #expect(ImageWireFormat.decodeAnswer(Array(ImageWireFormat.encode(.summary(summary)).dropFirst(4))) == .summary(summary))
  }
}
