import OCR
import Poppler

/// Reads the text of images and rendered pages with one Tesseract engine (jpn+eng), loaded on
/// first use and kept for the life of the process. Straightens small skews, and turns the image
/// when the first reading finds too little text (a card photographed sideways or upside down).
/// One thread at a time.
public final class ImageRecognizer: PageRecognizer {
  private var engine: TesseractEngine?
  /// English only, limited to the MRZ alphabet: the Japanese model reads `<<<` as こここ.
  private var mrzEngine: TesseractEngine?
  /// Images recognised so far by this process (the scan's summary counts them).
  public private(set) var recognitions = 0
  /// Pixels an image is scaled down to before recognition (a 40 M pixel photo of a card reads
  /// as well at a quarter of the size, in a quarter of the time).
  public var maxPixels = 12_000_000
  /// For rendered PDF pages under `--ocr auto`: a page the first look finds no rows of
  /// characters on (a photo) reads as empty instead of being recognised.
  public var passesOverPictures = false

  public init() {
    TesseractEngine.limitThreads()
    LeptonicaImage.silenceMessages()
  }

  /// A first reading with fewer visible characters than this, or a lower mean confidence, is
  /// tried again turned by a quarter, a half and three quarters.
  static let enoughCharacters = 24
  static let enoughConfidence = 60

  /// What was read and how the image had to be turned (clockwise quarter turns).
  public struct Reading: Sendable, Equatable {
    public var text: String
    public var quarterTurns: Int
    public var meanConfidence: Int
  }

  /// Reads `image` (any depth).
  /// - Throws: ``OCRError`` when the language data is missing or recognition fails.
  public func read(_ image: LeptonicaImage, dpi: Int = 300) throws -> Reading {
    let engine = try loadedEngine()
    guard var gray = image.grayscale() else { throw OCRError.recognitionFailed }
    let pixels = gray.width * gray.height
    var dpi = dpi
    if pixels > maxPixels, let smaller = gray.scaled(by: (Double(maxPixels) / Double(pixels)).squareRoot()) {
      dpi = max(70, dpi * smaller.width / max(1, gray.width))
      gray = smaller
    }
    if let straight = gray.deskewed() { gray = straight.image }
    recognitions += 1
    let first = try engine.recognize(gray, dpi: dpi)
    var best = Reading(text: first.text, quarterTurns: 0, meanConfidence: first.meanConfidence)
    var bestImage = gray
    if first.visibleCount < Self.enoughCharacters || first.meanConfidence < Self.enoughConfidence {
      var bestScore = Self.score(first)
      for turns in 1...3 {
        guard let turned = gray.rotated(quarterTurns: turns) else { continue }
        recognitions += 1
        let reading = try engine.recognize(turned, dpi: dpi)
        let score = Self.score(reading)
        if score > bestScore {
          bestScore = score
          best = Reading(text: reading.text, quarterTurns: turns, meanConfidence: reading.meanConfidence)
          bestImage = turned
        }
        if reading.visibleCount >= Self.enoughCharacters && reading.meanConfidence >= Self.enoughConfidence + 10 { break }
      }
    }
    if best.text.contains("<<") { best.text += "\n" + (try machineReadableLines(bestImage, dpi: dpi)) }
    return best
  }

  /// The lines of a machine-readable zone read again in its own alphabet: 30 or more of
  /// A–Z, 0–9 and `<`, with fillers in them. Only asked when the first reading saw `<<`.
  private func machineReadableLines(_ image: LeptonicaImage, dpi: Int) throws -> String {
    if mrzEngine == nil { mrzEngine = try TesseractEngine(languages: "eng", characters: Self.mrzAlphabet) }
    guard let mrzEngine else { return "" }
    recognitions += 1
    let text = try mrzEngine.recognize(image, dpi: dpi).text
    return text.split(whereSeparator: \.isNewline).map { $0.filter { !$0.isWhitespace } }
      .filter { $0.count >= 30 && $0.filter { $0 == "<" }.count >= 2 }
      .joined(separator: "\n")
  }

  static let mrzAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"


  /// Text read with confidence: upside-down text reads as many characters at low confidence.
  static func score(_ text: RecognizedText) -> Int { text.visibleCount * max(0, text.meanConfidence) }

  /// PDF pages rendered for OCR (``PageRecognizer``).
  public func recognize(_ image: GrayImage) throws -> String {
    guard let pix = LeptonicaImage(gray: image.pixels, width: image.width, height: image.height) else {
      throw OCRError.recognitionFailed
    }
    if passesOverPictures, ImageTriage.skipReason(pix) != nil { return "" }
    return try read(pix, dpi: Int(image.dpi.rounded())).text
  }

  private func loadedEngine() throws -> TesseractEngine {
    if let engine { return engine }
    let loaded = try TesseractEngine(languages: "jpn+eng")
    engine = loaded
    return loaded
  }
}
