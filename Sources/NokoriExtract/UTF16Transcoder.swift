/// UTF-16 (either byte order) to UTF-8, streamed, with the same outcomes as glibc's iconv:
/// an unpaired surrogate becomes U+FFFD and is counted; a code unit or surrogate pair cut at
/// the end of one block is completed by the next; at the end of the stream what is left over
/// becomes one U+FFFD.
///
/// iconv converts UTF-16 through its internal UCS-4 in two passes with a call per character;
/// this one pass cost a quarter of it (UTF-16 memos in the mixed bench tree).
struct UTF16Transcoder {
  let bigEndian: Bool
  /// Bytes of an unfinished code unit or pair from the previous block (at most three).
  private var pending: [UInt8] = []

  init(bigEndian: Bool) {
    self.bigEndian = bigEndian
  }

  /// Appends the UTF-8 of `input` to `output`; returns the invalid sequences replaced.
  mutating func decode(_ input: UnsafeRawBufferPointer, final: Bool, into output: inout [UInt8]) -> Int {
    if pending.isEmpty {
      return decodeJoined(input, final: final, into: &output)
    }
    var joined = pending
    joined.append(contentsOf: input)
    pending.removeAll(keepingCapacity: true)
    return joined.withUnsafeBytes { decodeJoined($0, final: final, into: &output) }
  }

  private mutating func decodeJoined(_ input: UnsafeRawBufferPointer, final: Bool, into output: inout [UInt8]) -> Int {
    let count = input.count
    guard count > 0 else { return 0 }
    // Every two input bytes give at most three output bytes; a pair's four give four; what is
    // left at the end gives one replacement character.
    let start = output.count
    output.append(contentsOf: repeatElement(0, count: count / 2 * 3 + 3))
    var invalid = 0
    var index = 0
    let written = output.withUnsafeMutableBufferPointer { buffer -> Int in
      guard let base = buffer.baseAddress else { return 0 }
      var out = base + start
      let bigEndian = self.bigEndian
      @inline(__always) func unit(_ at: Int) -> UInt32 {
        let first = UInt32(input[at])
        let second = UInt32(input[at &+ 1])
        return bigEndian ? first << 8 | second : second << 8 | first
      }
      @inline(__always) func put(_ scalar: UInt32) {
        if scalar < 0x80 {
          out[0] = UInt8(scalar)
          out += 1
        } else if scalar < 0x800 {
          out[0] = UInt8(0xC0 | scalar >> 6)
          out[1] = UInt8(0x80 | scalar & 0x3F)
          out += 2
        } else if scalar < 0x10000 {
          out[0] = UInt8(0xE0 | scalar >> 12)
          out[1] = UInt8(0x80 | scalar >> 6 & 0x3F)
          out[2] = UInt8(0x80 | scalar & 0x3F)
          out += 3
        } else {
          out[0] = UInt8(0xF0 | scalar >> 18)
          out[1] = UInt8(0x80 | scalar >> 12 & 0x3F)
          out[2] = UInt8(0x80 | scalar >> 6 & 0x3F)
          out[3] = UInt8(0x80 | scalar & 0x3F)
          out += 4
        }
      }
      while index &+ 1 < count {
        let code = unit(index)
        switch code & 0xFC00 {
        case 0xD800:
          // A high surrogate: its partner may still be in the next block.
          guard index &+ 3 < count else { return out - (base + start) }
          let low = unit(index &+ 2)
          if low & 0xFC00 == 0xDC00 {
            put(0x10000 &+ ((code &- 0xD800) << 10) &+ (low &- 0xDC00))
            index &+= 4
          } else {
            invalid &+= 1
            put(0xFFFD)
            index &+= 2
          }
        case 0xDC00:
          invalid &+= 1
          put(0xFFFD)
          index &+= 2
        default:
          put(code)
          index &+= 2
        }
      }
      return out - (base + start)
    }
    output.removeSubrange((start + written)...)
    if index < count {
      if final {
        invalid += 1
        output.append(contentsOf: [0xEF, 0xBF, 0xBD])
      } else {
        pending.append(contentsOf: input[index...])
      }
    }
    return invalid
  }
}
