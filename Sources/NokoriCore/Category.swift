/// A stable category identifier such as `jp.my_number`; reports, tests and scorers key on it.
public struct Category: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  public let rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public init(_ rawValue: String) { self.rawValue = rawValue }

  public init(from decoder: any Decoder) throws {
    rawValue = try decoder.singleValueContainer().decode(String.self)
  }
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
  public static func < (lhs: Category, rhs: Category) -> Bool { lhs.rawValue < rhs.rawValue }
  public var description: String { rawValue }

  public static let myNumber = Category("jp.my_number")
  public static let email = Category("pii.email")
  public static let phone = Category("pii.phone")
  public static let creditCard = Category("fin.credit_card")
}
