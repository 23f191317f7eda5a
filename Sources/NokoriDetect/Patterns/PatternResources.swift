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


  public static let empty = PatternResources(surnames: [], romanSurnames: [])

  public init(surnames: Set<String>, romanSurnames: Set<String>) {
    self.surnames = surnames
    self.romanSurnames = romanSurnames
    longestSurname = surnames.map(\.unicodeScalars.count).max() ?? 0
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
    var name = name
    return name.withUTF8 { bytes in
      surnamePrefixLength(bytes, from: 0, to: bytes.count).map {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<$0]), as: UTF8.self)
      }
    }
  }

  /// Bytes of the longest surname that starts at `start` in UTF-8 `text` and ends by `end`.
  /// Surnames are at most a few kanji, so each candidate prefix is a small (inline) string:
  /// the look-up allocates nothing.
  func surnamePrefixLength(_ text: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
    withUnsafeTemporaryAllocation(of: Int.self, capacity: max(1, longestSurname)) { ends in
      var count = 0
      var position = start
      while position < end, count < longestSurname {
        position += 1
        while position < end, text[position] & 0xC0 == 0x80 { position += 1 }
        ends[count] = position
        count += 1
      }
      while count > 0 {
        count -= 1
        let stop = ends[count]
        if surnames.contains(String(decoding: UnsafeBufferPointer(rebasing: text[start..<stop]), as: UTF8.self)) {
          return stop - start
        }
      }
      return nil
    }
  }

  /// True when `word` (any case) is a surname in romaji.
  public func isRomanSurname(_ word: String) -> Bool { romanSurnames.contains(word.lowercased()) }
}
