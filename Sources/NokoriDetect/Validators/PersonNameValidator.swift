/// A name a reader found: not a placeholder (未記入, 記入例, N/A) or a word that follows a
/// label by accident; `dictionary` when it starts with a known surname.
public struct PersonNameValidator: Validator {
  public static let name = "person-name"
  private let resources: PatternResources

  /// Values forms carry where no name was given, and words that follow a name label in prose.
  static let placeholders: Set<String> = [
    "未記入", "記入例", "不明", "なし", "無し", "未定", "該当なし", "氏名", "名前", "姓名", "様", "殿", "本人", "同上",
    "n/a", "na", "none", "unknown", "name", "tbd", "sample", "test", "example", "the", "of", "and", "your", "our",
    // The labels beside 氏名 in a sheet's header row (氏名|フリガナ|住所): read as the value of
    // the label before them, they are not names.
    "フリガナ", "ふりがな", "氏名カナ", "カナ氏名", "住所", "電話番号", "電話", "携帯電話", "生年月日", "性別", "国籍", "職業",
    "勤務先", "役職", "会社名", "部署", "メール", "メールアドレス", "個人番号", "郵便番号", "年齢", "備考",
  ]

  /// The same values keyed by their UTF-8 bytes: a `Set<String>` look-up hashes Japanese
  /// text through Unicode normalisation, and this one runs for every labelled name.
  static let placeholderKeys = Set(placeholders.map { SurnameKey($0.utf8) })
  /// The longest placeholder in bytes: longer values need no look-up.
  static let longestPlaceholder = placeholders.map(\.utf8.count).max() ?? 0
  /// Notes for a surname of 1…8 characters, built once rather than per name.
  static let surnameNotes = (0...8).map { "starts with the surname \($0) character(s) long" }

  public init(resources: PatternResources = .empty) { self.resources = resources }

  public func validate(_ value: String) -> ValidationResult {
    // Runs for every labelled name: works on UTF-8 bytes, and lowercases only romanised names
    // (Japanese text has no case). The scanned text is normalised: an ideographic space is
    // already an ASCII one, but `patterns test` may pass one through.
    var spaced = false
    var digits = false
    for byte in value.utf8 {
      if byte == 0x20 || byte == 0x2C { spaced = true } else if byte &- 0x30 < 10 { digits = true }
    }
    let compact = spaced ? Self.removingSeparators(value) : value
    let latin = value.utf8.first.map { $0 < 0x80 } ?? false
    let key = latin ? compact.lowercased() : compact
    guard compact.utf8.utf8ScalarCount >= 2, !Self.isPlaceholder(key) else {
      return .invalid("a placeholder, not a name")
    }
    guard !digits else { return .invalid("has digits") }
    var signals: SignalSet = []
    var note = "name"
    if latin {
      let words = value.split(whereSeparator: { $0 == " " || $0 == "," })
      if words.contains(where: { Self.isPlaceholder($0.lowercased()) }) {
        return .invalid("a word that is not a name")
      }
      if words.contains(where: { resources.isRomanSurname(String($0)) }) {
        signals.insert(.dictionary)
        note = "romanised name with a known surname"
      } else if words.count == 1 {
        return .invalid("one word that is not a known surname")
      }
    } else if let length = surnameScalars(compact) {
      signals.insert(.dictionary)
      note = length < Self.surnameNotes.count ? Self.surnameNotes[length] : "starts with the surname \(length) character(s) long"
    }
    return ValidationResult(valid: true, canonical: key, note: note, signals: signals)
  }

  public func verdict(for bytes: UnsafeBufferPointer<UInt8>) -> ValidationVerdict {
    // Romanised names go through words and lowercasing: the String path. Japanese ones (the
    // bulk of a customer export) are judged on a stack copy without their separators.
    guard let first = bytes.first, first >= 0x80 else {
      return ValidationVerdict(validate(String(decoding: bytes, as: UTF8.self)))
    }
    var spaced = false
    var digits = false
    for byte in bytes {
      if byte == 0x20 || byte == 0x2C { spaced = true } else if byte &- 0x30 < 10 { digits = true }
    }
    guard !digits else { return .invalid }
    guard spaced else { return verdict(compact: bytes) }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { buffer in
      verdict(compact: UnsafeBufferPointer(rebasing: buffer[0..<Self.removeSeparators(from: bytes, into: buffer)]))
    }
  }

  /// The verdict on a Japanese name without its separators.
  private func verdict(compact: UnsafeBufferPointer<UInt8>) -> ValidationVerdict {
    guard compact.utf8ScalarCount >= 2,
      compact.count > Self.longestPlaceholder || !Self.placeholderKeys.contains(SurnameKey(compact))
    else { return .invalid }
    let dictionary = resources.surnamePrefixLength(compact, from: 0, to: compact.count) != nil
    return ValidationVerdict(valid: true, signals: dictionary ? .dictionary : [])
  }

  /// How many characters (scalars) the longest known surname at the start of `name` has.
  private func surnameScalars(_ name: String) -> Int? {
    var name = name
    return name.withUTF8 { bytes in
      resources.surnamePrefixLength(bytes, from: 0, to: bytes.count).map { bytes[0..<$0].utf8ScalarCount }
    }
  }

  static func isPlaceholder(_ key: String) -> Bool {
    key.utf8.count <= longestPlaceholder && placeholderKeys.contains(SurnameKey(key.utf8))
  }

  /// `value` without ASCII spaces, commas and ideographic spaces (E3 80 80).
  static func removingSeparators(_ value: String) -> String {
    var source = value
    return source.withUTF8 { bytes in
      String(unsafeUninitializedCapacity: bytes.count) { removeSeparators(from: bytes, into: $0) }
    }
  }

  /// Copies `bytes` into `kept` without separators; returns how many bytes were kept.
  private static func removeSeparators(from bytes: UnsafeBufferPointer<UInt8>, into kept: UnsafeMutableBufferPointer<UInt8>) -> Int {
    var count = 0
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0x20 || byte == 0x2C {
        index += 1
      } else if byte == 0xE3, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x80 {
        index += 3
      } else {
        kept[count] = byte
        count += 1
        index += 1
      }
    }
    return count
  }
}
