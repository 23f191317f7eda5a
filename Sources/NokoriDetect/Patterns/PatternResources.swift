import Foundation

/// Data files the detectors use beside their YAML (Patterns/data/): the surname dictionary.
/// Immutable; loaded once per pattern set.
public final class PatternResources: Sendable {
  /// Surnames in kanji/kana (佐藤, 渡辺…).
  let surnames: Set<String>
  /// The same surnames in passport romaji, lowercased (sato, watanabe…).
  let romanSurnames: Set<String>
  /// Longest surname, in characters.
  let longestSurname: Int

  public static let empty = PatternResources(surnames: [], romanSurnames: [])

  public init(surnames: Set<String>, romanSurnames: Set<String>) {
    self.surnames = surnames
    self.romanSurnames = romanSurnames
    longestSurname = surnames.map(\.count).max() ?? 0
  }

  /// Reads `surnames.tsv` (surname TAB romaji; `#` comments) from `directory`, if present.
  static func load(directory: URL) throws -> (resources: PatternResources, bytes: Data?) {
    let file = directory.appendingPathComponent("data/surnames.tsv")
    guard FileManager.default.fileExists(atPath: file.path) else { return (.empty, nil) }
    let data: Data
    do { data = try Data(contentsOf: file) } catch {
      throw PatternError.unreadable(path: file.path, reason: "cannot read the file")
    }
    var surnames: Set<String> = []
    var roman: Set<String> = []
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
      let parts = line.split(separator: "\t")
      guard parts.count == 2 else { continue }
      surnames.insert(String(parts[0]))
      roman.insert(String(parts[1]))
    }
    return (PatternResources(surnames: surnames, romanSurnames: roman), data)
  }

  /// The longest dictionary surname that `name` starts with.
  public func surnamePrefix(of name: String) -> String? {
    let characters = Array(name)
    var length = min(longestSurname, characters.count)
    while length >= 1 {
      let prefix = String(characters[0..<length])
      if surnames.contains(prefix) { return prefix }
      length -= 1
    }
    return nil
  }

  /// True when `word` (any case) is a surname in romaji.
  public func isRomanSurname(_ word: String) -> Bool { romanSurnames.contains(word.lowercased()) }
}
