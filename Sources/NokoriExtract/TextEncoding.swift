/// The character encodings Japanese offices write text in.
public enum TextEncoding: String, Sendable, CaseIterable {
  case utf8 = "utf-8"
  case utf16LE = "utf-16le"
  case utf16BE = "utf-16be"
  /// Shift_JIS as Windows writes it (with the NEC and IBM extensions: ①, 髙).
  case cp932
  case eucJP = "euc-jp"
  case iso2022JP = "iso-2022-jp"

  /// The name glibc's iconv knows it by; nil for UTF-8, which is passed through.
  var iconvName: String? {
    switch self {
    case .utf8: nil
    case .utf16LE: "UTF-16LE"
    case .utf16BE: "UTF-16BE"
    // "SHIFT_JIS" rejects the CP932 extensions (stack.md, pitfall 8).
    case .cp932: "CP932"
    case .eucJP: "EUC-JP-MS"
    case .iso2022JP: "ISO-2022-JP-3"
    }
  }

  /// Bytes one invalid unit is skipped by when decoding goes wrong.
  var unitSize: Int {
    switch self {
    case .utf16LE, .utf16BE: 2
    default: 1
    }
  }
}
