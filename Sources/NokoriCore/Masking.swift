/// How a detected value is shown: enough to recognise it, never enough to use it.
public enum MaskStyle: String, Sendable, Codable, CaseIterable {
  /// Every letter and digit but the last four becomes `*`; separators stay.
  case lastFour = "last4"
  /// `t***@example.com`: the first character of the local part and the domain.
  case email
  /// Every letter and digit becomes `*`.
  case all

  /// Masks `value` (already normalised to ASCII where it matters).
  public func mask(_ value: String) -> String {
    switch self {
    case .lastFour:
      let alnumCount = value.unicodeScalars.filter(Self.isAlnum).count
      var keep = min(4, alnumCount / 2)
      if alnumCount >= 8 { keep = 4 }
      var remaining = alnumCount - keep
      var out = String.UnicodeScalarView()
      for scalar in value.unicodeScalars {
        if Self.isAlnum(scalar), remaining > 0 {
          out.append("*")
          remaining -= 1
        } else {
          out.append(scalar)
        }
      }
      return String(out)
    case .email:
      guard let at = value.lastIndex(of: "@"), at > value.startIndex else { return Self.all.mask(value) }
      let local = value[..<at]
      let domain = value[at...]
      return String(local.prefix(1)) + String(repeating: "*", count: max(3, local.count - 1)) + domain
    case .all:
      return String(String.UnicodeScalarView(value.unicodeScalars.map { Self.isAlnum($0) ? "*" : $0 }))
    }
  }

  private static func isAlnum(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII {
      let value = scalar.value
      return (value >= 0x30 && value <= 0x39) || (value | 0x20 >= 0x61 && value | 0x20 <= 0x7A)
    }
    return scalar.properties.isAlphabetic
  }
}
