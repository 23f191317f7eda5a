/// Decodes the text of a mail (a body part, an encoded header word) to UTF-8 the way Japanese
/// mail is really written: ISO-2022-JP through ``JISToShiftJIS`` and CP932, so the Windows
/// extensions (①, 髙) come out; every other encoding through ``IconvDecoder``.
public final class MailTextDecoder {
  public let encoding: TextEncoding
  private var jis: JISToShiftJIS?
  private let decoder: IconvDecoder
  private var shifted: [UInt8] = []

  public init(encoding: TextEncoding) throws(DecoderError) {
    GconvModules.pin()
    self.encoding = encoding
    if encoding == .iso2022JP {
      jis = JISToShiftJIS()
      decoder = try IconvDecoder(encoding: .cp932)
    } else {
      decoder = try IconvDecoder(encoding: encoding)
    }
  }

  /// Invalid or unmappable sequences replaced so far.
  public var invalidSequences: Int { decoder.invalidSequences + (jis?.unmappable ?? 0) }

  /// Decodes `input`, appending UTF-8 to `output`; `final` on the last call.
  public func decode(_ input: UnsafeRawBufferPointer, final: Bool, into output: inout [UInt8]) {
    guard jis != nil else {
      decoder.decode(input, final: final, into: &output)
      return
    }
    shifted.removeAll(keepingCapacity: true)
    jis?.transcode(input, final: final, into: &shifted)
    shifted.withUnsafeBytes { decoder.decode($0, final: final, into: &output) }
  }

  /// Decodes a whole small byte string (a header word) at once.
  public static func decode(_ bytes: [UInt8], encoding: TextEncoding) -> (text: String, invalid: Int) {
    guard let decoder = try? MailTextDecoder(encoding: encoding) else {
      return (String(decoding: bytes, as: UTF8.self), 0)
    }
    var output: [UInt8] = []
    bytes.withUnsafeBytes { decoder.decode($0, final: true, into: &output) }
    return (String(decoding: output, as: UTF8.self), decoder.invalidSequences)
  }
}

/// The encodings mail declares, by their MIME charset names.
public enum MailCharset {
  /// The encoding a declared MIME charset name stands for; nil for one Nokori does not read
  /// as such (the bytes then decide).
  public static func encoding(declared name: String) -> TextEncoding? {
    let lower = name.lowercased().trimmingQuotes()
    switch lower {
    case "utf-8", "utf8", "us-ascii", "ascii", "ansi_x3.4-1968": return .utf8
    case "iso-2022-jp", "csiso2022jp", "iso-2022-jp-1", "iso-2022-jp-2", "iso-2022-jp-3", "iso-2022-jp-ms",
      "cp50220", "cp50221", "cp50222", "iso-2022-jp-2004":
      return .iso2022JP
    case "shift_jis", "shift-jis", "sjis", "x-sjis", "cp932", "windows-31j", "ms_kanji", "ms932", "csshiftjis",
      "x-ms-cp932":
      return .cp932
    case "euc-jp", "x-euc-jp", "eucjp", "eucjp-ms", "euc-jp-ms", "cseucpkdfmtjapanese": return .eucJP
    case "utf-16le": return .utf16LE
    case "utf-16be", "utf-16": return .utf16BE
    default: return nil
    }
  }

  /// The encoding to read `sample` (a part's first bytes) in: the declared one when the
  /// bytes agree with it, else what the bytes are (a declared charset that lies), with a
  /// note saying so. Nil when the bytes are not text.
  public static func choose(declared: String?, sample: [UInt8], isComplete: Bool) -> (
    encoding: TextEncoding, note: String?
  )? {
    let detected = EncodingDetector.detect(sample, isComplete: isComplete)?.0
    guard let declared, let encoding = encoding(declared: declared) else {
      return detected.map { ($0, nil) }
    }
    if encoding == .utf8, sample.allSatisfy({ $0 < 0x80 }), detected == .iso2022JP {
      return (.iso2022JP, "declared \(declared), but the bytes are ISO-2022-JP: read as ISO-2022-JP")
    }
    let nonASCII = sample.lazy.filter { $0 >= 0x80 }.count
    // Well-formed multi-byte UTF-8 is practically never valid CP932 or EUC-JP text by chance,
    // and ISO-2022-JP is 7-bit: either is proof enough that the label is wrong.
    let provenWrong =
      nonASCII > 0 && ((detected == .utf8 && encoding != .utf8) || (encoding == .iso2022JP && detected != .iso2022JP))
    if !provenWrong {
      let (_, invalid) = decode(sample, encoding: encoding, isComplete: isComplete)
      guard invalid > nonASCII / 200 else { return (encoding, nil) }
    }
    guard let detected, detected != encoding else { return (encoding, nil) }
    return (detected, "declared \(declared), but the bytes are \(detected.rawValue): read as \(detected.rawValue)")
  }

  private static func decode(_ sample: [UInt8], encoding: TextEncoding, isComplete: Bool) -> (Int, Int) {
    guard let decoder = try? MailTextDecoder(encoding: encoding) else { return (0, Int.max) }
    var output: [UInt8] = []
    sample.withUnsafeBytes { decoder.decode($0, final: isComplete, into: &output) }
    return (output.count, decoder.invalidSequences)
  }
}

extension String {
  fileprivate func trimmingQuotes() -> String {
    var copy = Substring(self)
    while let first = copy.first, first == "\"" || first == " " { copy.removeFirst() }
    while let last = copy.last, last == "\"" || last == " " { copy.removeLast() }
    return String(copy)
  }
}

#if canImport(Glibc)
  import Glibc
#endif

/// Keeps glibc's conversion modules loaded for the life of the process. glibc unloads a gconv
/// module (dlclose) when its last converter closes and loads it again (dlopen) on the next
/// iconv_open: with a few small converters per mail, that was a fifth of a mail scan's time.
enum GconvModules {
  private static let pinned: [UInt] = TextEncoding.allCases.compactMap { encoding in
    guard let name = encoding.iconvName else { return nil }
    let handle = iconv_open("UTF-8", name)
    return handle == iconv_t(bitPattern: -1) ? nil : UInt(bitPattern: handle)
  }

  static func pin() { _ = pinned }
}
