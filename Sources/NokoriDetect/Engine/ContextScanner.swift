/// Finds the nearest context keyword and negative word around a match, in a window counted
/// in characters of the normalised text.
struct ContextScanner {
  /// Distance in bytes from the match to the nearest keyword, or nil.
  static func nearest(
    _ words: [[UInt8]], in text: UnsafeBufferPointer<UInt8>, match: Range<Int>, before: Int, after: Int
  ) -> Int? {
    guard !words.isEmpty else { return nil }
    let lower = startOfWindow(text, from: match.lowerBound, characters: before)
    let upper = endOfWindow(text, from: match.upperBound, characters: after)
    var best: Int?
    for word in words where !word.isEmpty {
      // Before the match: search backwards so the first hit is the nearest.
      var position = match.lowerBound - word.count
      while position >= lower {
        if matches(word, in: text, at: position) {
          let distance = match.lowerBound - (position + word.count)
          if best.map({ distance < $0 }) ?? true { best = distance }
          break
        }
        position -= 1
      }
      position = match.upperBound
      while position + word.count <= upper {
        if matches(word, in: text, at: position) {
          let distance = position - match.upperBound
          if best.map({ distance < $0 }) ?? true { best = distance }
          break
        }
        position += 1
      }
    }
    return best
  }

  @inline(__always)
  private static func matches(_ word: [UInt8], in text: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
    for (offset, expected) in word.enumerated() {
      var byte = text[position + offset]
      if byte >= 0x41 && byte <= 0x5A { byte += 0x20 }
      if byte != expected { return false }
    }
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

  static func endOfWindow(_ text: UnsafeBufferPointer<UInt8>, from index: Int, characters: Int) -> Int {
    var position = index
    var remaining = characters
    while position < text.count, remaining > 0 {
      position += 1
      while position < text.count, text[position] & 0xC0 == 0x80 { position += 1 }
      remaining -= 1
    }
    return position
  }
}
