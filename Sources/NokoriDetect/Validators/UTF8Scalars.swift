/// Unicode scalars of UTF-8 bytes, decoded onto the stack: validators that read characters
/// (dates, addresses) work on a candidate's bytes without building a String first.
enum UTF8Scalars {
  /// Calls `body` with the scalar values of `bytes`; nil (and `body` is not called) when the
  /// bytes are not valid UTF-8, so that callers go through `String(decoding:)`, whose repair
  /// of bad sequences they then share.
  static func withScalars<Result>(
    of bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt32>) -> Result
  ) -> Result? {
    guard !bytes.isEmpty else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
    return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: bytes.count) { buffer -> Result? in
      var count = 0
      var index = 0
      while index < bytes.count {
        let lead = bytes[index]
        if lead < 0x80 {
          buffer[count] = UInt32(lead)
          count += 1
          index += 1
          continue
        }
        guard let (scalar, length) = decodeMultibyte(bytes, at: index) else { return nil }
        buffer[count] = scalar
        count += 1
        index += length
      }
      return body(UnsafeBufferPointer(rebasing: buffer[0..<count]))
    }
  }

  /// True when `bytes` are valid UTF-8.
  static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    while index < bytes.count {
      if bytes[index] < 0x80 {
        index += 1
      } else if let (_, length) = decodeMultibyte(bytes, at: index) {
        index += length
      } else {
        return false
      }
    }
    return true
  }

  /// The scalar starting with the non-ASCII byte at `index` and its length in bytes, or nil
  /// for an ill-formed sequence (overlong forms, surrogates and values past U+10FFFF included).
  @inline(__always)
  private static func decodeMultibyte(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int)? {
    let lead = bytes[index]
    let length: Int
    var scalar: UInt32
    var minimum: UInt32
    switch lead {
    case 0xC2...0xDF: (length, scalar, minimum) = (2, UInt32(lead & 0x1F), 0x80)
    case 0xE0...0xEF: (length, scalar, minimum) = (3, UInt32(lead & 0x0F), 0x800)
    case 0xF0...0xF4: (length, scalar, minimum) = (4, UInt32(lead & 0x07), 0x10000)
    default: return nil
    }
    guard index + length <= bytes.count else { return nil }
    for offset in 1..<length {
      let byte = bytes[index + offset]
      guard byte & 0xC0 == 0x80 else { return nil }
      scalar = scalar << 6 | UInt32(byte & 0x3F)
    }
    guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return nil }
    return (scalar, length)
  }
}
