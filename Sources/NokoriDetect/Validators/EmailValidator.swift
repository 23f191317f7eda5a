/// E-mail addresses: a sane local part, a domain of valid labels, and an alphabetic
/// top-level domain that is not a file extension (`icon@2x.png` is not an address).
public struct EmailValidator: Validator {
  public static let name = "email"
  public init(resources: PatternResources = .empty) {}

  private static let fileExtensions: Set<UInt64> = Set(
    [
      "png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "tif", "tiff", "ico", "css", "js", "json",
      "xml", "html", "htm", "txt", "pdf", "zip", "exe", "dll", "so", "swift", "py", "rb", "java", "class",
    ].map { packed($0.utf8) })

  /// Up to eight lowercase bytes in one integer: a top-level domain compared without a String.
  private static func packed<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
    var value: UInt64 = 0
    for (index, byte) in bytes.prefix(8).enumerated() { value |= UInt64(byte | 0x20) << (8 * UInt64(index)) }
    return value
  }

  public func validate(_ value: String) -> ValidationResult {
    // One pass over the bytes and no arrays: customer tables offer one address per row.
    func result(_ valid: Bool, _ note: String) -> ValidationResult {
      ValidationResult(valid: valid, canonical: valid ? Self.lowercased(value) : "", grouped: false, note: note)
    }
    let utf8 = value.utf8
    guard let at = utf8.lastIndex(of: UInt8(ascii: "@")) else { return result(false, "no @") }
    var localLength = 0
    var previous: UInt8 = 0
    for byte in utf8[..<at] {
      if byte == 0x2E, localLength == 0 || previous == 0x2E { return result(false, "malformed local part") }
      previous = byte
      localLength += 1
    }
    guard (1...64).contains(localLength), previous != 0x2E else { return result(false, "malformed local part") }
    var labels = 0
    var labelLength = 0
    var labelStart: UInt8 = 0
    previous = 0
    var tldAlphabetic = true
    var tld: UInt64 = 0
    var tldLength = 0
    for byte in utf8[utf8.index(after: at)...] {
      if byte == 0x2E {
        guard (1...63).contains(labelLength), labelStart != 0x2D, previous != 0x2D else {
          return result(false, "malformed domain")
        }
        labels += 1
        labelLength = 0
        tldAlphabetic = true
        tld = 0
        tldLength = 0
      } else {
        if labelLength == 0 { labelStart = byte }
        labelLength += 1
        let lower = byte | 0x20
        if !(lower >= 0x61 && lower <= 0x7A) { tldAlphabetic = false }
        if tldLength < 8 {
          tld |= UInt64(lower) << (8 * UInt64(tldLength))
          tldLength += 1
        }
      }
      previous = byte
    }
    guard labels >= 1, (1...63).contains(labelLength), labelStart != 0x2D, previous != 0x2D else {
      return result(false, "malformed domain")
    }
    guard labelLength >= 2, tldAlphabetic else { return result(false, "top-level domain is not alphabetic") }
    guard !Self.fileExtensions.contains(tld) else {
      return result(false, "looks like a file name")
    }
    return result(true, "well-formed address")
  }

  /// The address in lowercase; ASCII (nearly every address) without Unicode case tables.
  private static func lowercased(_ value: String) -> String {
    let utf8 = value.utf8
    guard utf8.allSatisfy({ $0 < 0x80 }) else { return value.lowercased() }
    return String(unsafeUninitializedCapacity: utf8.count) { buffer in
      var index = 0
      for byte in utf8 {
        buffer[index] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
        index += 1
      }
      return index
    }
  }
}
