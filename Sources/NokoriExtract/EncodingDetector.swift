#if canImport(Glibc)
  import Glibc
#endif

/// Guesses a text encoding from a sample: byte-order marks first, then UTF-8 validity,
/// ISO-2022-JP escapes, and for legacy Japanese text the encoding that decodes the sample
/// with the fewest errors and the most ordinary Japanese characters.
public enum EncodingDetector {
  /// The encoding of `sample` and the length of its byte-order mark, or nil for binary.
  public static func detect(_ sample: [UInt8], isComplete: Bool) -> (TextEncoding, Int)? {
    if sample.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
    if sample.starts(with: [0xFF, 0xFE]) { return (.utf16LE, 2) }
    if sample.starts(with: [0xFE, 0xFF]) { return (.utf16BE, 2) }
    if controlShare(sample) > 0.02 || sample.withUnsafeBufferPointer({ $0.baseAddress.flatMap { memchr($0, 0, sample.count) } }) != nil {
      return utf16Guess(sample).map { ($0, 0) }
    }
    if hasISO2022Escape(sample), sample.allSatisfy({ $0 < 0x80 }) { return (.iso2022JP, 0) }
    if isValidUTF8(sample, allowTruncatedEnd: !isComplete) { return (.utf8, 0) }
    let candidates: [TextEncoding] = [.cp932, .eucJP]
    let scored = candidates.map { encoding -> (TextEncoding, Int, Int) in
      let (invalid, score) = trialDecode(sample, encoding: encoding, isComplete: isComplete)
      return (encoding, invalid, score)
    }
    let nonASCII = sample.lazy.filter { $0 >= 0x80 }.count
    let tolerated = max(1, nonASCII / 200)
    let acceptable = scored.filter { $0.1 <= tolerated }
    if let best = acceptable.max(by: { ($0.2 - $0.1 * 20) < ($1.2 - $1.1 * 20) }) { return (best.0, 0) }
    // Text pasted together from two encodings (a CP932 line in a UTF-8 form) is still text:
    // mostly well-formed UTF-8 is read as UTF-8, its stray bytes replaced.
    if isMostlyUTF8(sample) { return (.utf8, 0) }
    return utf16Guess(sample).map { ($0, 0) }
  }

  /// True when at least 90% of the non-ASCII bytes of `sample` form well-formed UTF-8 sequences.
  static func isMostlyUTF8(_ sample: [UInt8]) -> Bool {
    var valid = 0
    var invalid = 0
    var index = 0
    while index < sample.count {
      let lead = sample[index]
      guard lead >= 0x80 else {
        index += 1
        continue
      }
      let length = lead >= 0xF0 && lead <= 0xF4 ? 4 : (lead >= 0xE0 ? 3 : (lead >= 0xC2 && lead < 0xE0 ? 2 : 0))
      if length > 0, index + length <= sample.count, sample[(index + 1)..<(index + length)].allSatisfy({ $0 & 0xC0 == 0x80 }) {
        valid += length
        index += length
      } else {
        invalid += 1
        index += 1
      }
    }
    return valid > 0 && invalid * 10 <= valid + invalid
  }

  /// True when `sample` switches to JIS X 0208 the way ISO-2022-JP does (ESC $ B or ESC $ @).
  static func hasISO2022Escape(_ sample: [UInt8]) -> Bool {
    // ESC is rare in text: `memchr` finds each candidate (a byte loop here was 3 % of a scan
    // of many small files, which sniff every byte they hold).
    sample.withUnsafeBufferPointer { bytes in
      guard let base = bytes.baseAddress, bytes.count >= 3 else { return false }
      var offset = 0
      while offset < bytes.count - 2, let found = memchr(base + offset, 0x1B, bytes.count - 2 - offset) {
        let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        if bytes[index + 1] == 0x24, bytes[index + 2] == 0x42 || bytes[index + 2] == 0x40 { return true }
        offset = index + 1
      }
      return false
    }
  }

  /// Share of bytes that are control characters no text file contains.
  static func controlShare(_ sample: [UInt8]) -> Double {
    guard !sample.isEmpty else { return 0 }
    // Control bytes other than TAB LF VT FF CR SUB ESC, sixteen bytes at a time (text has
    // none below 0x09, few below 0x20), then a bit table for the rest.
    let allowed: UInt32 = 1 << 0x09 | 1 << 0x0A | 1 << 0x0B | 1 << 0x0C | 1 << 0x0D | 1 << 0x1A | 1 << 0x1B
    func stray(_ byte: UInt8) -> Int { byte < 0x20 && (allowed >> UInt32(byte & 0x1F)) & 1 == 0 ? 1 : 0 }
    var count = 0
    sample.withUnsafeBufferPointer { bytes in
      guard let base = bytes.baseAddress else { return }
      let space = SIMD16<UInt8>(repeating: 0x20)
      var index = 0
      while index + 16 <= bytes.count {
        let chunk = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<UInt8>.self)
        if any(chunk .< space) {
          for byte in UnsafeBufferPointer(rebasing: bytes[index..<(index + 16)]) { count &+= stray(byte) }
        }
        index += 16
      }
      for byte in UnsafeBufferPointer(rebasing: bytes[index...]) { count &+= stray(byte) }
    }
    return Double(count) / Double(sample.count)
  }

  /// True when `sample` is well-formed UTF-8 (a sequence cut at the end is allowed when asked).
  public static func isValidUTF8(_ sample: [UInt8], allowTruncatedEnd: Bool) -> Bool {
    sample.withUnsafeBufferPointer { isValidUTF8($0, allowTruncatedEnd: allowTruncatedEnd) }
  }

  static func isValidUTF8(_ sample: UnsafeBufferPointer<UInt8>, allowTruncatedEnd: Bool) -> Bool {
    var index = 0
    let count = sample.count
    while index < count {
      // ASCII runs: eight bytes at a time.
      while index + 8 <= count {
        let word = UnsafeRawBufferPointer(sample).loadUnaligned(fromByteOffset: index, as: UInt64.self)
        if word & 0x8080_8080_8080_8080 != 0 { break }
        index += 8
      }
      guard index < count else { break }
      let byte = sample[index]
      if byte < 0x80 {
        index += 1
        continue
      }
      // Kana and kanji, nearly all of a Japanese text: three bytes whose lead needs no
      // special range for its second byte.
      if byte >= 0xE1, byte <= 0xEF, byte != 0xED, index + 2 < count, sample[index + 1] & 0xC0 == 0x80,
        sample[index + 2] & 0xC0 == 0x80
      {
        index += 3
        continue
      }
      let length: Int
      var lowerSecond: UInt8 = 0x80
      var upperSecond: UInt8 = 0xBF
      switch byte {
      case 0xC2...0xDF: length = 2
      case 0xE0:
        length = 3
        lowerSecond = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED:
        length = 3
        upperSecond = 0x9F
      case 0xF0:
        length = 4
        lowerSecond = 0x90
      case 0xF1...0xF3: length = 4
      case 0xF4:
        length = 4
        upperSecond = 0x8F
      default: return false
      }
      for offset in 1..<length {
        guard index + offset < count else { return allowTruncatedEnd }
        let next = sample[index + offset]
        if offset == 1 {
          guard next >= lowerSecond, next <= upperSecond else { return false }
        } else {
          guard next & 0xC0 == 0x80 else { return false }
        }
      }
      index += length
    }
    return true
  }

  /// Decodes `sample` as `encoding`; returns the invalid sequences met and a plausibility
  /// score (ordinary kana and kanji count for, half-width kana and rare symbols against).
  static func trialDecode(_ sample: [UInt8], encoding: TextEncoding, isComplete: Bool) -> (invalid: Int, score: Int) {
    guard let decoder = try? IconvDecoder(encoding: encoding) else { return (Int.max / 40, 0) }
    var output: [UInt8] = []
    sample.withUnsafeBytes { decoder.decode($0, final: isComplete, into: &output) }
    var score = 0
    for scalar in String(decoding: output, as: UTF8.self).unicodeScalars {
      switch scalar.value {
      case 0x3040...0x30FF, 0x4E00...0x9FFF, 0x3000...0x303F, 0xFF01...0xFF5E: score += 2
      case 0xFF61...0xFF9F: score -= 1
      case 0xFFFD: score -= 4
      case 0x80...0x2FFF, 0xE000...0xF8FF: score -= 3
      default: break
      }
    }
    return (decoder.invalidSequences, score)
  }

  /// UTF-16 without a byte-order mark: most code units are printable ASCII or CJK in one byte order.
  static func utf16Guess(_ sample: [UInt8]) -> TextEncoding? {
    let units = sample.count / 2
    guard units >= 2 else { return nil }
    func plausibleShare(bigEndian: Bool) -> Double {
      var plausible = 0
      for index in 0..<units {
        let first = UInt16(sample[2 * index])
        let second = UInt16(sample[2 * index + 1])
        let unit = bigEndian ? first << 8 | second : second << 8 | first
        switch unit {
        case 0x09, 0x0A, 0x0D, 0x20...0x7E, 0x3000...0x30FF, 0x4E00...0x9FFF, 0xFF01...0xFF9F: plausible += 1
        default: break
        }
      }
      return Double(plausible) / Double(units)
    }
    let little = plausibleShare(bigEndian: false)
    let big = plausibleShare(bigEndian: true)
    if little >= 0.9, little >= big { return .utf16LE }
    if big >= 0.9 { return .utf16BE }
    return nil
  }
}
