/// What a validator concluded about one candidate value.
public struct ValidationResult: Sendable, Equatable {
  /// True when the value passes the check (check digit, prefix, length).
  public var valid: Bool
  /// The value reduced to the form that identifies it (digits only, lowercase…), for the fingerprint.
  public var canonical: String
  /// True when the value is written in its usual grouping (`1234 5678 9018`, `03-1234-5678`).
  public var grouped: Bool
  /// One line for `nokori patterns test`: why it passed or failed.
  public var note: String

  public init(valid: Bool, canonical: String, grouped: Bool = false, note: String) {
    self.valid = valid
    self.canonical = canonical
    self.grouped = grouped
    self.note = note
  }
}

/// A check a candidate must pass; one type per file, named after what it validates.
public protocol Validator: Sendable {
  /// The name Patterns/*.yaml use in `validator:`.
  static var name: String { get }
  init()
  func validate(_ value: String) -> ValidationResult
}

/// The validators a pattern may name.
public enum ValidatorRegistry {
  public static let all: [any Validator.Type] = [
    MyNumberValidator.self, CreditCardValidator.self, JapanesePhoneValidator.self, EmailValidator.self,
  ]

  public static func validator(named name: String) -> (any Validator)? {
    all.first { $0.name == name }.map { $0.init() }
  }
}

extension String {
  /// The ASCII digits of the string, in order.
  var asciiDigits: [Int] {
    utf8.compactMap { $0 >= 0x30 && $0 <= 0x39 ? Int($0 - 0x30) : nil }
  }

  /// Splits on the separators in `separators`, returning group lengths and the separators used.
  func digitGroups(separators: Set<Character>) -> (lengths: [Int], separators: Set<Character>) {
    var lengths: [Int] = []
    var used: Set<Character> = []
    var current = 0
    for character in self {
      if separators.contains(character) {
        lengths.append(current)
        used.insert(character)
        current = 0
      } else {
        current += 1
      }
    }
    lengths.append(current)
    return (lengths, used)
  }
}
