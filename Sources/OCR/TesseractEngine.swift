import CTesseract

#if canImport(Glibc)
  import Glibc
#endif

/// Why the OCR engine could not be used.
public enum OCRError: Error, Equatable {
  /// The language data did not load (tesseract-ocr-jpn / -eng missing).
  case languagesUnavailable(String)
  /// Recognition failed on this image.
  case recognitionFailed
}

/// Text read from an image, with Tesseract's mean word confidence (0–100).
public struct RecognizedText: Sendable, Equatable {
  public var text: String
  public var meanConfidence: Int

  /// Characters other than white space: how much was read.
  public var visibleCount: Int { text.unicodeScalars.lazy.filter { !$0.properties.isWhitespace }.count }
}

/// One initialised Tesseract (a TessBaseAPI), owned and freed in deinit. Loading jpn+eng costs
/// about 0.3 s, so a process keeps one and reuses it image after image. One thread at a time.
public final class TesseractEngine {
  private let handle: OpaquePointer
  public let languages: String

  /// Loads `languages` from Debian's tessdata (the compiled-in default path); `characters`
  /// limits what it may read (the MRZ alphabet). Call ``limitThreads()`` before the first
  /// engine of a process.
  public init(languages: String = "jpn+eng", characters: String? = nil) throws(OCRError) {
    guard let handle = TessBaseAPICreate() else { throw .languagesUnavailable(languages) }
    guard TessBaseAPIInit3(handle, nil, languages) == 0 else {
      TessBaseAPIDelete(handle)
      throw .languagesUnavailable(languages)
    }
    self.handle = handle
    self.languages = languages
    // Without a resolution Tesseract guesses one per image and says so on stderr.
    _ = TessBaseAPISetVariable(handle, "user_defined_dpi", "300")
    if let characters { _ = TessBaseAPISetVariable(handle, "tessedit_char_whitelist", characters) }
  }

  deinit { TessBaseAPIDelete(handle) }

  /// Debian's libtesseract links OpenMP; on a small shared machine its threads make recognition
  /// about 2.5x slower, and a scan already runs one file per core. Must run before the first
  /// engine is created (OpenMP reads the variable once).
  public static func limitThreads() { setenv("OMP_THREAD_LIMIT", "1", 0) }

  /// Reads the text of `image`, taken to be scanned at `dpi`.
  public func recognize(_ image: LeptonicaImage, dpi: Int = 300) throws(OCRError) -> RecognizedText {
    TessBaseAPISetImage2(handle, image.pix)
    TessBaseAPISetSourceResolution(handle, Int32(clamping: max(70, dpi)))
    defer { TessBaseAPIClear(handle) }
    guard TessBaseAPIRecognize(handle, nil) == 0, let text = TessBaseAPIGetUTF8Text(handle) else {
      throw .recognitionFailed
    }
    defer { TessDeleteText(text) }
    return RecognizedText(text: String(cString: text), meanConfidence: Int(TessBaseAPIMeanTextConf(handle)))
  }
}
