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
    let verdict =
      value.utf8.withContiguousStorageIfAvailable(Self.check) ?? Array(value.utf8).withUnsafeBufferPointer(Self.check)
    switch verdict {
    case .address:
      return ValidationResult(valid: true, canonical: Self.lowercased(value), grouped: false, note: "well-formed address")
    case .notAnAddress(let reason):
      return ValidationResult(valid: false, canonical: "", grouped: false, note: reason)
    }
  }

  public func verdict(for bytes: UnsafeBufferPointer<UInt8>) -> ValidationVerdict {
    guard case .address = Self.check(bytes) else { return .invalid }
    return ValidationVerdict(valid: true)
  }

  private enum Verdict {
    case address
    case notAnAddress(String)
  }

  /// Whether the bytes `utf8` are an address, and why not.
  private static func check(_ utf8: UnsafeBufferPointer<UInt8>) -> Verdict {
    guard let at = utf8.lastIndex(of: UInt8(ascii: "@")) else { return .notAnAddress("no @") }
    var localLength = 0
    var previous: UInt8 = 0
    for byte in utf8[..<at] {
      if byte == 0x2E, localLength == 0 || previous == 0x2E { return .notAnAddress("malformed local part") }
      previous = byte
      localLength += 1
    }
    guard (1...64).contains(localLength), previous != 0x2E else { return .notAnAddress("malformed local part") }
    var labels = 0
    var labelLength = 0
    var labelStart: UInt8 = 0
    previous = 0
    var tldAlphabetic = true
    var tld: UInt64 = 0
    var tldLength = 0
    for byte in utf8[(at + 1)...] {
      if byte == 0x2E {
        guard (1...63).contains(labelLength), labelStart != 0x2D, previous != 0x2D else {
          return .notAnAddress("malformed domain")
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
      return .notAnAddress("malformed domain")
    }
    guard labelLength >= 2, tldAlphabetic else { return .notAnAddress("top-level domain is not alphabetic") }
    guard !fileExtensions.contains(tld) else { return .notAnAddress("looks like a file name") }
    return .address
  }

  /// The address in lowercase; ASCII (nearly every address) without Unicode case tables,
  /// and without a copy when it is lowercase already.
  private static func lowercased(_ value: String) -> String {
    var ascii = true
    var upper = false
    for byte in value.utf8 {
      if byte >= 0x80 { ascii = false }
      if byte >= 0x41 && byte <= 0x5A { upper = true }
    }
    guard ascii else { return value.lowercased() }
    guard upper else { return value }
    let utf8 = value.utf8
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
