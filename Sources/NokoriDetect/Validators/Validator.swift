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
  /// Further evidence the validator saw (`dictionary`, `checksum`).
  public var signals: SignalSet

  public init(valid: Bool, canonical: String, grouped: Bool = false, note: String, signals: SignalSet = []) {
    self.valid = valid
    self.canonical = canonical
    self.grouped = grouped
    self.note = note
    self.signals = signals
  }

  static func invalid(_ note: String) -> ValidationResult {
    ValidationResult(valid: false, canonical: "", note: note)
  }
}

/// What a validator concluded, without the strings (canonical form, note) that only values
/// the engine keeps need: a dense export's values past the per-category cap are only counted.
public struct ValidationVerdict: Sendable, Equatable {
  public var valid: Bool
  public var grouped: Bool
  public var signals: SignalSet

  public init(valid: Bool, grouped: Bool = false, signals: SignalSet = []) {
    self.valid = valid
    self.grouped = grouped
    self.signals = signals
  }

  public init(_ result: ValidationResult) {
    self.init(valid: result.valid, grouped: result.valid && result.grouped, signals: result.valid ? result.signals : [])
  }

  static let invalid = ValidationVerdict(valid: false)
}

/// A check a candidate must pass; one type per file, named after what it validates.
public protocol Validator: Sendable {
  /// The name Patterns/*.yaml use in `validator:`.
  static var name: String { get }
  init(resources: PatternResources)
  func validate(_ value: String) -> ValidationResult
  /// A test on the candidate's UTF-8 bytes, made before any String is built: `false` only
  /// when ``validate(_:)`` would reject the value. Dense tables offer a candidate per row,
  /// most of which fail a check digit.
  func mayBeValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool
  /// ``validate(_:)``'s verdict on the candidate's UTF-8 bytes, without building its strings.
  /// Must agree with ``validate(_:)`` on every value (a test holds each validator to it).
  func verdict(for bytes: UnsafeBufferPointer<UInt8>) -> ValidationVerdict
}

extension Validator {
  public func mayBeValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { true }

  public func verdict(for bytes: UnsafeBufferPointer<UInt8>) -> ValidationVerdict {
    ValidationVerdict(validate(String(decoding: bytes, as: UTF8.self)))
  }
}

/// The validators a pattern may name.
public enum ValidatorRegistry {
  public static let all: [any Validator.Type] = [
    MyNumberValidator.self, CreditCardValidator.self, JapanesePhoneValidator.self, EmailValidator.self,
    PersonNameValidator.self, DateOfBirthValidator.self, JapaneseAddressValidator.self, PassportNumberValidator.self,
    ResidenceCardValidator.self, DriversLicenceValidator.self, InsurerNumberValidator.self, MRZValidator.self,
    BankAccountValidator.self, LabelledTextValidator.self, MRZNameValidator.self, InsuredSymbolValidator.self,
  ]

  public static func validator(named name: String, resources: PatternResources = .empty) -> (any Validator)? {
    all.first { $0.name == name }.map { $0.init(resources: resources) }
  }
}

extension String {
  /// The ASCII digits of the string, in order.
  var asciiDigits: [Int] {
    var digits: [Int] = []
    digits.reserveCapacity(utf8.count)
    for byte in utf8 where byte >= 0x30 && byte <= 0x39 { digits.append(Int(byte - 0x30)) }
    return digits
  }

  /// Lengths of the runs between separator bytes, and whether one kind of separator was used.
  func digitGroups(separators: [UInt8]) -> (lengths: [Int], oneSeparator: Bool) {
    var lengths: [Int] = []
    var used: UInt8 = 0
    var mixed = false
    var current = 0
    for byte in utf8 {
      if separators.contains(byte) {
        lengths.append(current)
        if used != 0, used != byte { mixed = true }
        used = byte
        current = 0
      } else {
        current += 1
      }
    }
    lengths.append(current)
    return (lengths, used != 0 && !mixed)
  }

  /// The canonical digit string of `digits`.
  static func digitString(_ digits: [Int]) -> String {
    String(decoding: digits.map { UInt8($0) + 0x30 }, as: UTF8.self)
  }
}
