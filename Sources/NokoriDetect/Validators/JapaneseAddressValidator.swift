/// A full Japanese address: a municipality (市 区 町 村 郡) and a block number (digits, or
/// kanji numerals with 丁目 番 号). A prefecture and city alone (東京都港区に本社) is not one
/// person's address.
public struct JapaneseAddressValidator: Validator {
  public static let name = "jp-address"
  public init(resources: PatternResources = .empty) {}

  static let municipalitySuffixes: Set<Character> = ["市", "区", "町", "村", "郡"]
  static let blockMarkers: Set<Character> = ["丁", "番", "号"]
  static let numerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

  public func validate(_ value: String) -> ValidationResult {
    let characters = Array(value.filter { $0 != " " })
    guard let municipality = characters.prefix(14).firstIndex(where: { Self.municipalitySuffixes.contains($0) }) else {
      return .invalid("no municipality (市区町村郡)")
    }
    let rest = characters[(municipality + 1)...]
    let hasDigits = rest.contains { $0.isASCIIDigit }
    let hasKanjiBlock = zip(rest, rest.dropFirst()).contains { Self.numerals.contains($0) && Self.blockMarkers.contains($1) }
    guard hasDigits || hasKanjiBlock else { return .invalid("no block number (丁目, 番地, 1-2-3)") }
    return ValidationResult(valid: true, canonical: String(characters), note: "municipality and block number")
  }
}
