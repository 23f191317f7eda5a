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
    let canonical = value.lowercased()
    func result(_ valid: Bool, _ note: String) -> ValidationResult {
      ValidationResult(valid: valid, canonical: canonical, grouped: false, note: note)
    }
    guard let at = canonical.lastIndex(of: "@") else { return result(false, "no @") }
    let local = canonical[..<at]
    let domain = canonical[canonical.index(after: at)...]
    guard (1...64).contains(local.count), !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..")
    else { return result(false, "malformed local part") }
    let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
    guard labels.count >= 2,
      labels.allSatisfy({ (1...63).contains($0.count) && !$0.hasPrefix("-") && !$0.hasSuffix("-") })
    else { return result(false, "malformed domain") }
    guard let tld = labels.last, tld.count >= 2, tld.allSatisfy({ $0.isASCII && $0.isLetter }) else {
      return result(false, "top-level domain is not alphabetic")
    }
    guard !Self.fileExtensions.contains(String(tld)) else { return result(false, "looks like a file name") }
    return result(true, "well-formed address")
  }
}
