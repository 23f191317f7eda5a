/// Finds the nearest context keyword around a match, in a window counted in characters of
/// the normalised text, with one pass over the window: keywords are bucketed by their first
/// byte (ASCII lowercased), so each position costs a table look-up.
struct KeywordIndex: Sendable {
  let words: [[UInt8]]
  /// For each first byte, the indices of the words that start with it.
  private let buckets: [[Int]]

  init(_ words: [[UInt8]]) {
    self.words = words.filter { !$0.isEmpty }
    var buckets = [[Int]](repeating: [], count: 256)
    for (index, word) in self.words.enumerated() { buckets[Int(word[0])].append(index) }
    self.buckets = buckets
  }

  var isEmpty: Bool { words.isEmpty }

  /// Distance in bytes between the match and the nearest keyword in the window, or nil.
  func nearest(in text: UnsafeBufferPointer<UInt8>, match: Range<Int>, before: Int, after: Int) -> Int? {
    guard !words.isEmpty else { return nil }
    var best: Int?
    let lower = Self.startOfWindow(text, from: match.lowerBound, characters: before)
    var position = match.lowerBound - 1
    while position >= lower {
      for index in buckets[Int(Self.lower(text[position]))] {
        let word = words[index]
        let end = position + word.count
        guard end <= match.lowerBound, matches(word, in: text, at: position) else { continue }
        let distance = match.lowerBound - end
        if best.map({ distance < $0 }) ?? true { best = distance }
      }
      // Nothing starting further back can end nearer than a keyword already found right here.
      if let best, match.lowerBound - position > best + 64 { break }
      position -= 1
    }
    let upper = Self.endOfWindow(text, from: match.upperBound, characters: after)
    position = match.upperBound
    while position < upper {
      let distance = position - match.upperBound
      if let best, distance >= best { break }
      for index in buckets[Int(Self.lower(text[position]))] {
        let word = words[index]
        if position + word.count <= upper, matches(word, in: text, at: position) {
          best = distance
          break
        }
      }
      position += 1
    }
    return best
  }

  @inline(__always)
  private static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }

  @inline(__always)
  private func matches(_ word: [UInt8], in text: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
    guard position + word.count <= text.count else { return false }
    for offset in 1..<max(1, word.count) where Self.lower(text[position + offset]) != word[offset] { return false }
    return true
  }

  static func startOfWindow(_ text: UnsafeBufferPointer<UInt8>, from index: Int, characters: Int) -> Int {
    var position = index
    var remaining = characters
    while position > 0, remaining > 0 {
      position -= 1
      if text[position] & 0xC0 != 0x80 { remaining -= 1 }
    }
    return position
  }

  /// The window after a value stops at the end of its line: a label on the next line
  /// belongs to the next value.
  static func endOfWindow(_ text: UnsafeBufferPointer<UInt8>, from index: Int, characters: Int) -> Int {
    var position = index
    var remaining = characters
    while position < text.count, remaining > 0, text[position] != 0x0A {
      position += 1
      while position < text.count, text[position] & 0xC0 == 0x80 { position += 1 }
      remaining -= 1
    }
    return position
  }
}
