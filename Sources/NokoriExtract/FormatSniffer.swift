/// What the first bytes of a file say it is.
public enum SniffedFormat: Sendable, Equatable {
  case empty
  /// Text in `encoding`; `bomLength` bytes of byte-order mark to skip; `delimiter` set when
  /// the text is a CSV/TSV table.
  case text(encoding: TextEncoding, bomLength: Int, delimiter: UInt8?)
  /// A format with a known signature that is not plain text (`pdf`, `zip`, `png`…).
  case known(String)
  case binary
}

/// Decides the format from the bytes; the file name is only a hint (for CSV).
public enum FormatSniffer {
  /// Bytes to read before deciding.
  public static let sampleSize = 64 * 1024

  /// Sniffs `sample`, the first bytes of a file whose name is `fileName`. `isComplete` is
  /// true when `sample` holds the whole file.
  public static func sniff(_ sample: [UInt8], fileName: String, isComplete: Bool) -> SniffedFormat {
    if sample.isEmpty { return .empty }
    if let name = signature(sample) { return .known(name) }
    guard let (encoding, bom) = EncodingDetector.detect(sample, isComplete: isComplete) else { return .binary }
    let lowerName = fileName.lowercased()
    var delimiter: UInt8?
    if lowerName.hasSuffix(".csv") {
      delimiter = UInt8(ascii: ",")
    } else if lowerName.hasSuffix(".tsv") || lowerName.hasSuffix(".tab") {
      delimiter = UInt8(ascii: "\t")
    } else if encoding != .utf16LE, encoding != .utf16BE {
      delimiter = CSVDialect.detectDelimiter(sample)
    }
    return .text(encoding: encoding, bomLength: bom, delimiter: delimiter)
  }

  private static let signatures: [(prefix: [UInt8], offset: Int, name: String)] = [
    (Array("%PDF-".utf8), 0, "pdf"),
    ([0x50, 0x4B, 0x03, 0x04], 0, "zip"),
    ([0x50, 0x4B, 0x05, 0x06], 0, "zip"),
    ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], 0, "ole2 (doc/xls/msg)"),
    ([0x89, 0x50, 0x4E, 0x47], 0, "png"),
    ([0xFF, 0xD8, 0xFF], 0, "jpeg"),
    (Array("GIF8".utf8), 0, "gif"),
    ([0x49, 0x49, 0x2A, 0x00], 0, "tiff"),
    ([0x4D, 0x4D, 0x00, 0x2A], 0, "tiff"),
    (Array("BM".utf8), 0, "bmp"),
    (Array("WEBP".utf8), 8, "webp"),
    (Array("ftypheic".utf8), 4, "heic"),
    (Array("ftypmif1".utf8), 4, "heic"),
    ([0x1F, 0x8B], 0, "gzip"),
    (Array("7z".utf8) + [0xBC, 0xAF], 0, "7z"),
    (Array("Rar!".utf8), 0, "rar"),
    (Array("SQLite format 3".utf8), 0, "sqlite"),
    ([0x7F, 0x45, 0x4C, 0x46], 0, "elf"),
  ]

  /// The name of a known binary format whose signature `sample` starts with.
  static func signature(_ sample: [UInt8]) -> String? {
    for entry in signatures where sample.count >= entry.offset + entry.prefix.count {
      if sample[entry.offset..<(entry.offset + entry.prefix.count)].elementsEqual(entry.prefix) {
        // "BM" alone is too weak: a text file may start with it. Require the BMP header size field.
        if entry.name == "bmp", sample.count < 26 || sample[14] > 124 || sample[15] != 0 { continue }
        return entry.name
      }
    }
    return nil
  }
}
