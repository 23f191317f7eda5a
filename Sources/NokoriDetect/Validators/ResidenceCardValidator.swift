/// A residence card (在留カード) number: two letters, eight digits, two letters (no public check digit).
public struct ResidenceCardValidator: Validator {
  public static let name = "residence-card"
  public init(resources: PatternResources = .empty) {}

  public func validate(_ value: String) -> ValidationResult {
    let bytes = Array(value.uppercased().utf8)
    func letters(_ range: Range<Int>) -> Bool { bytes[range].allSatisfy { $0 >= 0x41 && $0 <= 0x5A } }
    guard bytes.count == 12, letters(0..<2), letters(10..<12), bytes[2..<10].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
    else { return .invalid("not two letters, eight digits, two letters") }
    guard Set(bytes[2..<10]).count > 1 else { return .invalid("all digits the same") }
    return ValidationResult(valid: true, canonical: String(decoding: bytes, as: UTF8.self), note: "residence card format")
  }
}
