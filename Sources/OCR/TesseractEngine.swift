import CTesseract

#if canImport(Glibc)
  import Glibc
#endif

/// Why the OCR engine could not be used.
public enum OCRError: Error, Equatable, CustomStringConvertible {
  /// The language data did not load (tesseract-ocr-jpn / -eng missing).
  case languagesUnavailable(String)
  /// Recognition failed on this image.
  case recognitionFailed
  /// libtesseract could not be loaded (not installed, or not the version built against).
  case engineUnavailable(String)

  public var description: String {
    switch self {
    case .languagesUnavailable(let languages): "Tesseract's \(languages) language data did not load"
    case .recognitionFailed: "recognition failed"
    case .engineUnavailable(let why): why
    }
  }
}

/// libtesseract's functions, loaded when the first engine is made: a process that reads no
/// image never maps it.
enum TesseractLibrary {
  static let api: Result<nokori_tesseract_api, OCRError> = load()

  private static func load() -> Result<nokori_tesseract_api, OCRError> {
    // The versioned name: the unversioned one exists only with the -dev package. Another
    // build is named with $NOKORI_TESSERACT_LIBRARY.
    let library = getenv("NOKORI_TESSERACT_LIBRARY").map { String(cString: $0) } ?? "libtesseract.so.5"
    let table = UnsafeMutablePointer<nokori_tesseract_api>.allocate(capacity: 1)
    defer { table.deallocate() }
    if let why = nokori_tesseract_load(library, table) {
      return .failure(.engineUnavailable("libtesseract could not be loaded (\(String(cString: why)))"))
    }
    return .success(table.pointee)
  }
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
  private let api: nokori_tesseract_api
  private let handle: OpaquePointer
  public let languages: String

  /// Loads `languages` from Debian's tessdata (the compiled-in default path); `characters`
  /// limits what it may read (the MRZ alphabet). Call ``limitThreads()`` before the first
  /// engine of a process.
  public init(languages: String = "jpn+eng", characters: String? = nil) throws(OCRError) {
    let api = try TesseractLibrary.api.get()
    guard let handle = api.create() else { throw .languagesUnavailable(languages) }
    guard api.init3(handle, nil, languages) == 0 else {
      api.delete_api(handle)
      throw .languagesUnavailable(languages)
    }
    self.api = api
    self.handle = handle
    self.languages = languages
    // Without a resolution Tesseract guesses one per image and says so on stderr.
    _ = api.set_variable(handle, "user_defined_dpi", "300")
    if let characters { _ = api.set_variable(handle, "tessedit_char_whitelist", characters) }
  }

  deinit { api.delete_api(handle) }

  /// Debian's libtesseract links OpenMP; on a small shared machine its threads make recognition
  /// about 2.5x slower, and a scan already runs one file per core. Must run before the first
  /// engine is created (OpenMP reads the variable once).
  public static func limitThreads() { setenv("OMP_THREAD_LIMIT", "1", 0) }

  /// Reads the text of `image`, taken to be scanned at `dpi`.
  public func recognize(_ image: LeptonicaImage, dpi: Int = 300) throws(OCRError) -> RecognizedText {
    api.set_image2(handle, image.pix)
    api.set_source_resolution(handle, Int32(clamping: max(70, dpi)))
    defer { api.clear(handle) }
    guard api.recognize(handle, nil) == 0, let text = api.get_utf8_text(handle) else {
      throw .recognitionFailed
    }
    defer { api.delete_text(text) }
    return RecognizedText(text: String(cString: text), meanConfidence: Int(api.mean_text_conf(handle)))
  }
}
