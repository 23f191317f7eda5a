/// Folds what Japanese offices type into the ASCII the patterns expect: full-width
/// digits, letters and symbols (`１２３４`, `ＡＢ`, `－`), the ideographic space, dash
/// variants (‐ ‑ ‒ – — ― −), and a long-vowel mark `ー`/`ｰ` that follows a digit.
///
/// Works on UTF-8 bytes in one pass and records an ``OffsetMap`` so that every match can
/// be reported at its position in the original text.
public struct TextNormalizer: Sendable {
  public init() {}

  /// Normalises `input` into `output` (replacing its contents) and fills `map`.
  public func normalize(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], map: inout OffsetMap) {
    if !normalize(input, foldingInto: &output, map: &map) {
      output.removeAll(keepingCapacity: true)
      output.append(contentsOf: input)
    }
  }

  /// Normalises `input` into `output` and fills `map`, and returns true, when anything folds;
  /// returns false, leaving `output` unspecified, when `input` is already normal (most text:
  /// the caller then uses `input` and saves a copy of it).
  public func normalize(_ input: UnsafeBufferPointer<UInt8>, foldingInto output: inout [UInt8], map: inout OffsetMap)
    -> Bool
  {
    map.removeAll()
    let count = input.count
    // Normalisation never lengthens text, so the output fits in `count` bytes.
    if output.count < count { output.append(contentsOf: repeatElement(0, count: count - output.count)) }
    guard let source = input.baseAddress else { return false }
    var written = 0
    var folds = false
    output.withUnsafeMutableBufferPointer { target in
      guard let destination = target.baseAddress else { return }
      var i = 0
      var runStart = 0
      // Locals, not statics: a static's lazy initialiser is checked at every use.
      let leadE2 = SIMD16<UInt8>(repeating: 0xE2)
      let leadE3 = SIMD16<UInt8>(repeating: 0xE3)
      let leadEF = SIMD16<UInt8>(repeating: 0xEF)
      let byte80 = SIMD16<UInt8>(repeating: 0x80)
      let byte83 = SIMD16<UInt8>(repeating: 0x83)
      let byte88 = SIMD16<UInt8>(repeating: 0x88)
      let byteBC = SIMD16<UInt8>(repeating: 0xBC)
      let byteBD = SIMD16<UInt8>(repeating: 0xBD)
      while i < count {
        // Sixteen bytes at a time while none of them starts a character that can fold, judged
        // on its first two or three bytes (the cases of `fold`, widened): ASCII, kanji, kana
        // and 、。「」 — nearly all of a Japanese memo — are skipped whole. (A test on lead bytes
        // alone stopped at every kana, E3 like the ideographic space.) Landing inside a
        // character is harmless: a continuation byte is never a lead byte and is stepped
        // over below.
        while i + 18 <= count {
          let first = UnsafeRawPointer(source + i).loadUnaligned(as: SIMD16<UInt8>.self)
          let second = UnsafeRawPointer(source + i + 1).loadUnaligned(as: SIMD16<UInt8>.self)
          let third = UnsafeRawPointer(source + i + 2).loadUnaligned(as: SIMD16<UInt8>.self)
          let spaceOrLongVowel = ((second .== byte80) .& (third .== byte80)) .| ((second .== byte83) .& (third .== byteBC))
          let candidates =
            ((first .== leadE3) .& spaceOrLongVowel) .| ((first .== leadE2) .& ((second .== byte80) .| (second .== byte88)))
            .| ((first .== leadEF) .& ((second .== byteBC) .| (second .== byteBD)))
          if any(candidates) { break }
          i += 16
        }
        guard i < count else { break }
        let lead = source[i]
        // Only three lead bytes can start a folded character; every other character is
        // skipped whole (a malformed sequence is merely skipped, never folded: the bytes
        // are still copied with the run).
        if lead < 0xE2 {
          i += 1
          continue
        }
        if lead >= 0xF0 {
          i += 1
          continue
        }
        if lead != 0xE2 && lead != 0xE3 && lead != 0xEF || i + 2 >= count {
          i += 3
          continue
        }
        let b1 = source[i + 1]
        // Kana and most punctuation share these lead bytes: reject on the second byte first.
        switch lead {
        case 0xE3 where b1 != 0x80 && b1 != 0x83, 0xE2 where b1 != 0x80 && b1 != 0x88,
          0xEF where b1 != 0xBC && b1 != 0xBD:
          i += 3
          continue
        default:
          break
        }
        let b2 = source[i + 2]
        let previous: UInt8 = i > runStart ? source[i - 1] : (written > 0 ? destination[written - 1] : 0)
        let folded = Self.fold(lead, b1, b2, afterDigit: previous >= 0x30 && previous <= 0x39)
        if folded == 0 {
          i += 3
          continue
        }
        let run = i - runStart
        if run > 0 {
          (destination + written).update(from: source + runStart, count: run)
          written += run
        }
        destination[written] = folded
        written += 1
        folds = true
        i += 3
        runStart = i
        map.append(normalized: written, decoded: i)
      }
      guard folds else { return }
      if runStart > count { runStart = count }
      let run = count - runStart
      if run > 0 {
        (destination + written).update(from: source + runStart, count: run)
        written += run
      }
    }
    guard folds else { return false }
    output.removeSubrange(written...)
    return true
  }

  /// The ASCII byte a 3-byte UTF-8 sequence folds to, or 0 to keep it.
  @inline(__always)
  static func fold(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8, afterDigit: Bool) -> UInt8 {
    switch b0 {
    case 0xEF:
      // U+FF01…U+FF5E full-width ASCII: EF BC 81…EF BC BF and EF BD 80…EF BD 9E.
      if b1 == 0xBC, b2 >= 0x81, b2 <= 0xBF { return b2 - 0x81 + 0x21 }
      if b1 == 0xBD, b2 >= 0x80, b2 <= 0x9E { return b2 - 0x80 + 0x60 }
      if b1 == 0xBD, b2 == 0xB0, afterDigit { return 0x2D }  // U+FF70 half-width long vowel mark
      return 0
    case 0xE3:
      if b1 == 0x80, b2 == 0x80 { return 0x20 }  // U+3000 ideographic space
      if b1 == 0x83, b2 == 0xBC, afterDigit { return 0x2D }  // U+30FC typed for a dash in numbers
      return 0
    case 0xE2:
      if b1 == 0x80, b2 >= 0x90, b2 <= 0x95 { return 0x2D }  // U+2010…U+2015 hyphens and dashes
      if b1 == 0x88, b2 == 0x92 { return 0x2D }  // U+2212 minus sign
      return 0
    default:
      return 0
    }
  }
}
