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
    output.removeAll(keepingCapacity: true)
    map.removeAll()
    let count = input.count
    output.reserveCapacity(count)
    var i = 0
    while i < count {
      let byte = input[i]
      if byte < 0xE2 || i + 2 >= count {
        output.append(byte)
        i += 1
        continue
      }
      let b1 = input[i + 1]
      let b2 = input[i + 2]
      var folded: UInt8 = 0
      switch byte {
      case 0xEF:
        // U+FF01…U+FF5E full-width ASCII: EF BC 81…EF BC BF and EF BD 80…EF BD 9E.
        if b1 == 0xBC, b2 >= 0x81, b2 <= 0xBF {
          folded = b2 - 0x81 + 0x21
        } else if b1 == 0xBD, b2 >= 0x80, b2 <= 0x9E {
          folded = b2 - 0x80 + 0x60
        } else if b1 == 0xBD, b2 == 0xB0, Self.followsDigit(output) {
          folded = 0x2D  // U+FF70 half-width long vowel mark after a digit
        }
      case 0xE3:
        if b1 == 0x80, b2 == 0x80 {
          folded = 0x20  // U+3000 ideographic space
        } else if b1 == 0x83, b2 == 0xBC, Self.followsDigit(output) {
          folded = 0x2D  // U+30FC long vowel mark, typed for a dash in numbers
        }
      case 0xE2:
        if b1 == 0x80, b2 >= 0x90, b2 <= 0x95 {
          folded = 0x2D  // U+2010…U+2015 hyphens and dashes
        } else if b1 == 0x88, b2 == 0x92 {
          folded = 0x2D  // U+2212 minus sign
        }
      default:
        break
      }
      if folded != 0 {
        output.append(folded)
        i += 3
        map.append(normalized: output.count, decoded: i)
      } else {
        output.append(byte)
        i += 1
      }
    }
  }

  private static func followsDigit(_ output: [UInt8]) -> Bool {
    guard let last = output.last else { return false }
    return last >= 0x30 && last <= 0x39
  }
}
