/// Rewrites ISO-2022-JP bytes as CP932 (Windows Shift_JIS) bytes, one chunk at a time.
///
/// Japanese mail declares ISO-2022-JP but is written by Windows mailers with CP932's
/// extensions in it (CP50220/50221: NEC special characters such as ① in row 13, the NEC-selected
/// IBM kanji in rows 89–92, half-width kana after `ESC ( I` or SO). glibc's ISO-2022-JP
/// converters reject or misread those rows, but each JIS X 0208 code maps arithmetically onto
/// the Shift_JIS code of the same cell, and CP932 decodes every cell Windows can write. So the
/// escapes are resolved here and glibc's CP932 converter does the rest.
///
/// Output is never longer than the input plus the few bytes carried over from the last call.
public struct JISToShiftJIS: Sendable {
  private enum Mode: Sendable {
    case ascii
    case doubleByte
    case kana
    /// JIS X 0212 (supplementary kanji): no CP932 equivalent.
    case unmappable
  }

  private var mode = Mode.ascii
  /// Bytes of an escape sequence or a two-byte code cut by the end of the previous chunk.
  private var carry: [UInt8] = []
  private var shiftedOut = false
  /// Characters with no CP932 equivalent, written as `?`.
  public private(set) var unmappable = 0

  /// Bytes carried over at most (an escape sequence is up to 4 bytes).
  public static let maxCarry = 4

  public init() {}

  /// Transcodes `input` and appends the CP932 bytes to `output`. With `final`, a cut-off
  /// sequence at the end is dropped (counted as unmappable).
  public mutating func transcode(_ input: UnsafeRawBufferPointer, final: Bool, into output: inout [UInt8]) {
    var bytes = carry
    carry.removeAll(keepingCapacity: true)
    bytes.append(contentsOf: input)
    var index = 0
    let count = bytes.count
    while index < count {
      let byte = bytes[index]
      if byte == 0x1B {
        guard let length = escapeLength(bytes, at: index) else {
          if final {
            unmappable += 1
            index = count
          } else {
            carry.append(contentsOf: bytes[index...])
            index = count
          }
          break
        }
        applyEscape(bytes, at: index, length: length)
        index += length
        continue
      }
      if byte == 0x0E {
        shiftedOut = true
        index += 1
        continue
      }
      if byte == 0x0F {
        shiftedOut = false
        index += 1
        continue
      }
      // Control characters and spaces end nothing but are never half of a two-byte code.
      if byte < 0x21 || byte >= 0x7F {
        output.append(byte)
        index += 1
        continue
      }
      if shiftedOut {
        output.append(byte <= 0x5F ? byte + 0x80 : 0x3F)
        index += 1
        continue
      }
      switch mode {
      case .ascii:
        output.append(byte)
        index += 1
      case .kana:
        output.append(byte <= 0x5F ? byte + 0x80 : 0x3F)
        index += 1
      case .doubleByte, .unmappable:
        guard index + 1 < count else {
          if final { unmappable += 1 } else { carry.append(byte) }
          index += 1
          continue
        }
        let second = bytes[index + 1]
        guard second >= 0x21, second < 0x7F else {
          // A lone byte before a control character: not a character; keep the control.
          unmappable += 1
          index += 1
          continue
        }
        if mode == .unmappable {
          unmappable += 1
          output.append(0x3F)
        } else {
          let (lead, trail) = Self.shiftJIS(byte, second)
          output.append(lead)
          output.append(trail)
        }
        index += 2
      }
    }
  }

  /// The Shift_JIS bytes of JIS X 0208 cell (`first`, `second`), both in 0x21...0x7E.
  static func shiftJIS(_ first: UInt8, _ second: UInt8) -> (UInt8, UInt8) {
    let lead = ((first + 1) >> 1) + (first <= 0x5E ? 0x70 : 0xB0)
    let trail: UInt8 = first & 1 == 1 ? second + (second >= 0x60 ? 0x20 : 0x1F) : second + 0x7E
    return (lead, trail)
  }

  /// Length of the escape sequence at `index`, or nil when the chunk ends inside it.
  private func escapeLength(_ bytes: [UInt8], at index: Int) -> Int? {
    guard index + 2 < bytes.count else { return nil }
    if bytes[index + 1] == 0x24, bytes[index + 2] == 0x28 || bytes[index + 2] == 0x29 {
      return index + 3 < bytes.count ? 4 : nil
    }
    return 3
  }

  private mutating func applyEscape(_ bytes: [UInt8], at index: Int, length: Int) {
    let first = bytes[index + 1]
    let second = bytes[index + 2]
    shiftedOut = false
    switch (first, second) {
    case (0x28, 0x42), (0x28, 0x4A), (0x28, 0x48): mode = .ascii  // ESC ( B, ESC ( J, ESC ( H
    case (0x28, 0x49): mode = .kana  // ESC ( I
    case (0x24, 0x40), (0x24, 0x42): mode = .doubleByte  // ESC $ @, ESC $ B
    case (0x24, 0x28), (0x24, 0x29):
      // ESC $ ( D is JIS X 0212; ESC $ ( O / Q are JIS X 0213 plane 1, a superset of JIS X 0208.
      let final = bytes[index + 3]
      mode = final == 0x44 ? .unmappable : .doubleByte
    default:
      break  // An escape this decoder does not know: skipped, mode unchanged.
    }
  }
}
