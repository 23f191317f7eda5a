/// A birth date: one real calendar date (era ranges checked) between 1900 and today.
public struct DateOfBirthValidator: Validator {
  public static let name = "date-of-birth"
  public init(resources: PatternResources = .empty) {}

  public func validate(_ value: String) -> ValidationResult {
    guard let date = JapaneseDate.parse(value) else { return .invalid("not a real date") }
    guard date.year >= 1900, date.year <= Self.currentYear else { return .invalid("not a plausible birth year") }
    return ValidationResult(valid: true, canonical: date.iso, note: "date \(date.year)")
  }

  public func verdict(for bytes: UnsafeBufferPointer<UInt8>) -> ValidationVerdict {
    guard let parsed = UTF8Scalars.withScalars(of: bytes, JapaneseDate.parse(scalars:)) else {
      return ValidationVerdict(validate(String(decoding: bytes, as: UTF8.self)))
    }
    guard let date = parsed, date.year >= 1900, date.year <= Self.currentYear else { return .invalid }
    return ValidationVerdict(valid: true)
  }

  static let currentYear: Int = {
    var now = time(nil)
    var parts = tm()
    gmtime_r(&now, &parts)
    return Int(parts.tm_year) + 1900
  }()
}

#if canImport(Glibc)
  import Glibc
#endif
