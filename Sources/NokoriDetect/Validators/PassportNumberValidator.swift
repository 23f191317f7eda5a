/// A Japanese passport number: two letters and seven digits (no public check digit).
public struct PassportNumberValidator: Validator {
  public static let name = "jp-passport"
  public init(resources: PatternResources = .empty) {}

  public func validate(_ value: String) -> ValidationResult {
    let upper = value.uppercased()
    let bytes = Array(upper.utf8)
    guard bytes.count == 9, bytes[0..<2].allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }),
      bytes[2...].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
    else { return .invalid("not two letters and seven digits") }
    guard Set(bytes[2...]).count > 1 else { return .invalid("all digits the same") }
    return ValidationResult(valid: true, canonical: upper, note: "passport number format")
  }
}
