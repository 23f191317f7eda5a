import Foundation

/// Data files the detectors use beside their YAML (Patterns/data/): the surname dictionary.
/// Immutable; loaded once per pattern set.
public final class PatternResources: Sendable {
  /// Surnames in kanji/kana (佐藤, 渡辺…).
  let surnames: Set<String>
  /// The same surnames in passport romaji, lowercased (sato, watanabe…).
  let romanSurnames: Set<String>
  /// Longest surname, in Unicode scalars.
  let longestSurname: Int
  /// The surnames as UTF-8, for look-ups straight from the text being scanned.
  let surnameBytes: Set<[UInt8]>

  public static let empty = PatternResources(surnames: [], romanSurnames: [])

  public init(surnames: Set<String>, romanSurnames: Set<String>) {
    self.surnames = surnames
    self.romanSurnames = romanSurnames
    longestSurname = surnames.map(\.unicodeScalars.count).max() ?? 0
    surnameBytes = Set(surnames.map { Array($0.utf8) })
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
    var bytes = Array(name.utf8)
    let length = bytes.withUnsafeMutableBufferPointer { surnamePrefixLength(UnsafeBufferPointer($0), from: 0, to: $0.count) }
    guard let length else { return nil }
    bytes.removeSubrange(length...)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Bytes of the longest surname that starts at `start` in UTF-8 `text` and ends by `end`.
  func surnamePrefixLength(_ text: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
    // Scalar ends after `start`, up to the longest surname.
    var ends: [Int] = []
    var position = start
    while position < end, ends.count < longestSurname {
      position += 1
      while position < end, text[position] & 0xC0 == 0x80 { position += 1 }
      ends.append(position)
    }
    for stop in ends.reversed() where surnameBytes.contains(Array(text[start..<stop])) { return stop - start }
    return nil
  }

  /// True when `word` (any case) is a surname in romaji.
  public func isRomanSurname(_ word: String) -> Bool { romanSurnames.contains(word.lowercased()) }
}
