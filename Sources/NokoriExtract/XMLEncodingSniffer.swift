/// Tells XML from other text, and which encoding an XML document is in, from its first bytes.
public enum XMLEncodingSniffer {
  /// How the document's bytes must be fed to libxml2.
  public enum Plan: Equatable, Sendable {
    /// libxml2 reads the bytes itself (UTF-8, or an encoding it converts well, e.g. ISO-8859-1).
    case native
    /// Nokori transcodes to UTF-8 first (skipping `bomLength` bytes) and libxml2 ignores the
    /// declaration: glibc's SHIFT_JIS rejects CP932's extensions (①, 髙), so CP932 is used.
    case transcode(TextEncoding, bomLength: Int)
  }

  /// True when `sample` starts (after a BOM and white space) with an XML declaration, or with
  /// a tag in a file whose name ends in `.xml`.
  public static func looksLikeXML(_ sample: [UInt8], fileName: String) -> Bool {
    if sample.starts(with: [0xFF, 0xFE, 0x3C, 0x00]) || sample.starts(with: [0xFE, 0xFF, 0x00, 0x3C]) { return true }
    if sample.starts(with: [0x3C, 0x00, 0x3F, 0x00]) || sample.starts(with: [0x00, 0x3C, 0x00, 0x3F]) { return true }
    var index = sample.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    while index < sample.count, [0x20, 0x09, 0x0A, 0x0D].contains(sample[index]) { index += 1 }
    let rest = sample[index...]
    if rest.starts(with: Array("<?xml".utf8)) { return true }
    let lower = fileName.lowercased()
    let xmlName = lower.hasSuffix(".xml") || lower.hasSuffix(".rels") || lower.hasSuffix(".xsd")
    return xmlName && rest.first == 0x3C
  }

  /// The plan for a document starting with `sample`.
  public static func plan(_ sample: [UInt8]) -> Plan {
    if sample.starts(with: [0xFF, 0xFE]) { return .transcode(.utf16LE, bomLength: 2) }
    if sample.starts(with: [0xFE, 0xFF]) { return .transcode(.utf16BE, bomLength: 2) }
    if sample.starts(with: [0x3C, 0x00, 0x3F, 0x00]) { return .transcode(.utf16LE, bomLength: 0) }
    if sample.starts(with: [0x00, 0x3C, 0x00, 0x3F]) { return .transcode(.utf16BE, bomLength: 0) }
    guard let declared = declaredEncoding(sample) else { return .native }
    let encoding: TextEncoding
    switch declared.filter({ $0 != "-" && $0 != "_" }) {
    case "shiftjis", "sjis", "xsjis", "cp932", "windows31j", "ms932", "mskanji", "csshiftjis": encoding = .cp932
    case "eucjp", "xeucjp", "cseucpkdfmtjapanese", "eucjpms": encoding = .eucJP
    case "iso2022jp", "csiso2022jp": encoding = .iso2022JP
    default: return .native
    }
    // A declaration copied from a template often lies: Japanese text that is valid UTF-8 is
    // read as UTF-8 (the odds of CP932 or EUC-JP text being valid multi-byte UTF-8 are tiny).
    if encoding != .iso2022JP, isMultibyteUTF8(sample) { return .transcode(.utf8, bomLength: 0) }
    return .transcode(encoding, bomLength: 0)
  }

  /// True when `sample` has multi-byte UTF-8 sequences and no invalid ones (a cut last one is fine).
  static func isMultibyteUTF8(_ sample: [UInt8]) -> Bool {
    var index = 0
    var multibyte = false
    while index < sample.count {
      let byte = sample[index]
      let length = byte < 0x80 ? 1 : byte >= 0xC2 && byte <= 0xDF ? 2 : byte >= 0xE0 && byte <= 0xEF ? 3 : byte >= 0xF0 && byte <= 0xF4 ? 4 : 0
      guard length > 0 else { return false }
      if index + length > sample.count { break }
      for next in sample[(index + 1)..<(index + length)] where next & 0xC0 != 0x80 { return false }
      if length > 1 { multibyte = true }
      index += length
    }
    return multibyte
  }

  /// The lowercased `encoding="…"` value of an ASCII-compatible XML declaration.
  public static func declaredEncoding(_ sample: [UInt8]) -> String? {
    var start = sample.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    while start < sample.count, [0x20, 0x09, 0x0A, 0x0D].contains(sample[start]) { start += 1 }
    let head = sample[start..<min(sample.count, start + 256)]
    guard head.starts(with: Array("<?xml".utf8)), let close = head.firstIndex(of: UInt8(ascii: ">")) else { return nil }
    let declaration = String(decoding: head[head.startIndex..<close], as: UTF8.self)
    guard let key = declaration.firstRange(of: "encoding") else { return nil }
    let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" }
    guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
    let value = rest.dropFirst().prefix { $0 != quote }
    return value.lowercased()
  }
}
