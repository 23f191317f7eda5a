/// E-mail addresses: a sane local part, a domain of valid labels, and an alphabetic
/// top-level domain that is not a file extension (`icon@2x.png` is not an address).
public struct EmailValidator: Validator {
  public static let name = "email"
  public init() {}

  private static let fileExtensions: Set<String> = [
    "png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "tif", "tiff", "ico", "css", "js", "json",
    "xml", "html", "htm", "txt", "pdf", "zip", "exe", "dll", "so", "swift", "py", "rb", "java", "class",
  ]

  public func validate(_ value: String) -> ValidationResult {
    // Byte checks: Foundation's substring search on String is slow on this hot path.
    let bytes = value.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
    let canonical = String(decoding: bytes, as: UTF8.self)
    func result(_ valid: Bool, _ note: String) -> ValidationResult {
      ValidationResult(valid: valid, canonical: canonical, grouped: false, note: note)
    }
    let dot = UInt8(ascii: ".")
    let hyphen = UInt8(ascii: "-")
    guard let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return result(false, "no @") }
    let local = bytes[..<at]
    let domain = bytes[(at + 1)...]
    guard (1...64).contains(local.count), local.first != dot, local.last != dot,
      !zip(local, local.dropFirst()).contains(where: { $0 == dot && $1 == dot })
    else { return result(false, "malformed local part") }
    let labels = domain.split(separator: dot, omittingEmptySubsequences: false)
    guard labels.count >= 2,
      labels.allSatisfy({ (1...63).contains($0.count) && $0.first != hyphen && $0.last != hyphen })
    else { return result(false, "malformed domain") }
    guard let tld = labels.last, tld.count >= 2, tld.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else {
      return result(false, "top-level domain is not alphabetic")
    }
    guard !Self.fileExtensions.contains(String(decoding: tld, as: UTF8.self)) else {
      return result(false, "looks like a file name")
    }
    return result(true, "well-formed address")
  }
}
