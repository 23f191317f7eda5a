/// A name a reader found: not a placeholder (未記入, 記入例, N/A) or a word that follows a
/// label by accident; `dictionary` when it starts with a known surname.
public struct PersonNameValidator: Validator {
  public static let name = "person-name"
  private let resources: PatternResources

  /// Values forms carry where no name was given, and words that follow a name label in prose.
  static let placeholders: Set<String> = [
    "未記入", "記入例", "不明", "なし", "無し", "未定", "該当なし", "氏名", "名前", "姓名", "様", "殿", "本人", "同上",
    "n/a", "na", "none", "unknown", "name", "tbd", "sample", "test", "example", "the", "of", "and", "your", "our",
  ]

  public init(resources: PatternResources = .empty) { self.resources = resources }

  public func validate(_ value: String) -> ValidationResult {
    // Runs for every labelled name: unicode scalars, not Characters, and no lowercasing of
    // Japanese text (which has no case).
    // The scanned text is normalised: an ideographic space is already an ASCII one.
    let spaced = value.utf8.contains { $0 == 0x20 || $0 == 0x2C }
    let compact =
      spaced ? String(String.UnicodeScalarView(value.unicodeScalars.filter { $0 != " " && $0 != "\u{3000}" && $0 != "," })) : value
    let latin = value.utf8.first.map { $0 < 0x80 } ?? false
    let key = latin ? compact.lowercased() : compact
    guard compact.unicodeScalars.count >= 2, !Self.placeholders.contains(key) else {
      return .invalid("a placeholder, not a name")
    }
    guard !value.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return .invalid("has digits") }
    var signals: SignalSet = []
    var note = "name"
    if latin {
      let words = value.split(whereSeparator: { $0 == " " || $0 == "," })
      if words.contains(where: { Self.placeholders.contains($0.lowercased()) }) {
        return .invalid("a word that is not a name")
      }
      if words.contains(where: { resources.isRomanSurname(String($0)) }) {
        signals.insert(.dictionary)
        note = "romanised name with a known surname"
      } else if words.count == 1 {
        return .invalid("one word that is not a known surname")
      }
    } else if let surname = resources.surnamePrefix(of: compact) {
      signals.insert(.dictionary)
      note = "starts with the surname \(surname.unicodeScalars.count) character(s) long"
    }
    return ValidationResult(valid: true, canonical: key, note: note, signals: signals)
  }
}
