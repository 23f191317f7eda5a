import Foundation

/// Data files the detectors use beside their YAML (Patterns/data/): the surname dictionary.
/// Immutable; loaded once per pattern set.
public final class PatternResources: Sendable {
  /// Surnames in kanji/kana (佐藤, 渡辺…), by their UTF-8 bytes.
  let surnames: Set<SurnameKey>
  /// The same surnames in passport romaji, lowercased (sato, watanabe…).
  let romanSurnames: Set<String>
  /// Longest surname, in Unicode scalars.
  let longestSurname: Int

  public static let empty = PatternResources(surnames: [], romanSurnames: [])

  public convenience init(surnames: Set<String>, romanSurnames: Set<String>) {
    self.init(
      keys: Set(surnames.map { SurnameKey($0.utf8) }), romanSurnames: romanSurnames,
      longestSurname: surnames.map(\.unicodeScalars.count).max() ?? 0)
  }

  private init(keys: Set<SurnameKey>, romanSurnames: Set<String>, longestSurname: Int) {
    surnames = keys
    self.romanSurnames = romanSurnames
    self.longestSurname = longestSurname
  }

  /// The bytes of `surnames.tsv` in `directory`, or nil when there is none.
  static func read(directory: URL) throws -> Data? {
    let file = directory.appendingPathComponent("data/surnames.tsv")
    guard FileManager.default.fileExists(atPath: file.path) else { return nil }
    do { return try Data(contentsOf: file) } catch {
      throw PatternError.unreadable(path: file.path, reason: "cannot read the file")
    }
  }

  /// The surnames `surnames.tsv`'s bytes `data` hold (surname TAB romaji; `#` comments).
  static func parse(_ data: Data) -> PatternResources {
    // One pass over the bytes, sets sized for the lines up front: splitting into arrays of
    // slices and growing the sets took 6 ms of every start for 13,700 lines.
    data.withUnsafeBytes { raw in
      let bytes = raw.bindMemory(to: UInt8.self)
      let lines = bytes.count { $0 == 0x0A } + 1
      var keys = Set<SurnameKey>(minimumCapacity: lines)
      var roman = Set<String>(minimumCapacity: lines)
      var longest = 0
      var start = 0
      while start < bytes.count {
        let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
        defer { start = end + 1 }
        guard end > start, bytes[start] != UInt8(ascii: "#"),
          let tab = bytes[start..<end].firstIndex(of: 0x09), tab > start, tab + 1 < end,
          !bytes[(tab + 1)..<end].contains(0x09)
        else { continue }
        let surname = UnsafeBufferPointer(rebasing: bytes[start..<tab])
        keys.insert(SurnameKey(surname))
        roman.insert(String(decoding: UnsafeBufferPointer(rebasing: bytes[(tab + 1)..<end]), as: UTF8.self))
        longest = max(longest, surname.utf8ScalarCount)
      }
      return PatternResources(keys: keys, romanSurnames: roman, longestSurname: longest)
    }
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
  /// Each candidate prefix is looked up by its bytes: the look-up allocates nothing.
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
        if surnames.contains(SurnameKey(text[start..<stop])) { return stop - start }
      }
      return nil
    }
  }

  /// True when `word` (any case) is a surname in romaji.
  public func isRomanSurname(_ word: String) -> Bool { romanSurnames.contains(word.lowercased()) }
}

/// A surname as its UTF-8 bytes, up to 24 of them packed in integers (the dictionary's
/// longest is 12): hashed and compared as integers. A `Set<String>` hashed each Japanese
/// candidate through Unicode normalisation, which made reading the dictionary 35 ms of
/// every start and each name look-up a visible cost of the catalogue scan. Byte equality
/// means a surname written with combining marks (decomposed kana) is not the same key.
struct SurnameKey: Hashable, Sendable {
  private var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
  private var length: Int
  /// Keys of longer byte strings all collide; they are kept whole so none is lost.
  private var overflow: [UInt8]?

  init<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
    // Slices of the scanned text and native strings are contiguous; anything else is copied.
    self = bytes.withContiguousStorageIfAvailable(SurnameKey.init(contiguous:))
      ?? Array(bytes).withUnsafeBufferPointer(SurnameKey.init(contiguous:))
  }

  /// Byte `i` goes to bits `8 * (i % 8)` of word `i / 8`: three little-endian loads.
  private init(contiguous bytes: UnsafeBufferPointer<UInt8>) {
    length = bytes.count
    guard length <= 24 else {
      overflow = Array(bytes)
      return
    }
    var packed: (UInt64, UInt64, UInt64) = (0, 0, 0)
    withUnsafeMutableBytes(of: &packed) { $0.copyMemory(from: UnsafeRawBufferPointer(bytes)) }
    words = (UInt64(littleEndian: packed.0), UInt64(littleEndian: packed.1), UInt64(littleEndian: packed.2))
  }

  static func == (lhs: SurnameKey, rhs: SurnameKey) -> Bool {
    lhs.length == rhs.length && lhs.words == rhs.words && lhs.overflow == rhs.overflow
  }

  /// One mixed word through the hasher rather than four: every name a catalogue scan reads is
  /// looked up once per prefix length, and the hasher's rounds were most of a look-up.
  func hash(into hasher: inout Hasher) {
    hasher.combine(words.0 &+ words.1 &* 0x9E37_79B9_7F4A_7C15 &+ words.2 &* 0xC2B2_AE3D_27D4_EB4F &+ UInt64(length))
  }
}

extension Collection<UInt8> {
  /// How many Unicode scalars these UTF-8 bytes hold (bytes that are not continuation bytes).
  var utf8ScalarCount: Int { count { $0 & 0xC0 != 0x80 } }
}
