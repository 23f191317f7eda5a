/// The holder's name in a machine-readable zone whose check digits all pass (`SATO<<TARO`
/// → `sato taro`): the name field of TD3/TD2 line 1 or TD1 line 3.
public struct MRZNameValidator: Validator {
  public static let name = "mrz-name"
  private let zone = MRZValidator()
  public init(resources: PatternResources = .empty) {}

  public func validate(_ value: String) -> ValidationResult {
    guard zone.validate(value).valid else { return .invalid("not a zone whose check digits pass") }
    let lines = value.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map { $0.filter { $0 != " " } }
    let field: Substring
    switch lines.count {
    case 2: field = lines[0].dropFirst(5)
    case 3: field = Substring(lines[2])
    default: return .invalid("not a zone")
    }
    let parts = field.split(separator: "<", omittingEmptySubsequences: true)
    guard !parts.isEmpty, parts.allSatisfy({ $0.allSatisfy(\.isLetter) }) else { return .invalid("no name field") }
    let name = parts.joined(separator: " ").lowercased()
    return ValidationResult(valid: true, canonical: name, note: "holder's name in a verified MRZ")
  }
}
