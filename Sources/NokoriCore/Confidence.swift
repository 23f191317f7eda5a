/// How sure a finding is: `low` (format only), `medium` (validated, or strong context),
/// `high` (validated and corroborated).
public enum Confidence: String, CaseIterable, Comparable, Sendable, Codable, CustomStringConvertible {
  case low, medium, high

  private var rank: Int {
    switch self {
    case .low: 0
    case .medium: 1
    case .high: 2
    }
  }
  public static func < (lhs: Confidence, rhs: Confidence) -> Bool { lhs.rank < rhs.rank }
  public var description: String { rawValue }
}
