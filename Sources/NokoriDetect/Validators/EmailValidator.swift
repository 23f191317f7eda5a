/// E-mail addresses: a sane local part, a domain of valid labels, and an alphabetic
/// top-level domain that is not a file extension (`icon@2x.png` is not an address).
public struct EmailValidator: Validator {
  public static let name = "email"
  public init(resources: PatternResources = .empty) {}

  private static let fileExtensions: Set<String> = [
    "png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "tif", "tiff", "ico", "css", "js", "json",
    "xml", "html", "htm", "txt", "pdf", "zip", "exe", "dll", "so", "swift", "py", "rb", "java", "class",
  ]

  public func validate(_ value: String) -> ValidationResult {
    // One pass over the bytes and no arrays: customer tables offer one address per row.
    func result(_ valid: Bool, _ note: String) -> ValidationResult {
      ValidationResult(valid: valid, canonical: valid ? value.lowercased() : "", grouped: false, note: note)
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
    var tld: [UInt8] = []
    for byte in utf8[utf8.index(after: at)...] {
      if byte == 0x2E {
        guard (1...63).contains(labelLength), labelStart != 0x2D, previous != 0x2D else {
          return result(false, "malformed domain")
        }
        labels += 1
        labelLength = 0
        tldAlphabetic = true
        tld.removeAll(keepingCapacity: true)
      } else {
        if labelLength == 0 { labelStart = byte }
        labelLength += 1
        let lower = byte | 0x20
        if !(lower >= 0x61 && lower <= 0x7A) { tldAlphabetic = false }
        if tld.count < 8 { tld.append(lower) }
      }
      previous = byte
    }
    guard labels >= 1, (1...63).contains(labelLength), labelStart != 0x2D, previous != 0x2D else {
      return result(false, "malformed domain")
    }
    guard labelLength >= 2, tldAlphabetic else { return result(false, "top-level domain is not alphabetic") }
    guard !Self.fileExtensions.contains(String(decoding: tld, as: UTF8.self)) else {
      return result(false, "looks like a file name")
    }
    return result(true, "well-formed address")
  }
}
