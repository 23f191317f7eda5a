/// A set of ASCII bytes written as in a regex class body (`0-9A-Za-z._%+-`), for the
/// boundary checks around a match.
///
/// A bit per byte value, held inline: an array here was retained and released at every
/// boundary check of every match.
public struct ByteClass: Sendable, Equatable {
  private var bits = SIMD4<UInt64>(repeating: 0)

  /// Parses `spec`; a `-` between two characters is a range, anywhere else a literal.
  public init(_ spec: String) {
    let bytes = Array(spec.utf8)
    var i = 0
    while i < bytes.count {
      if i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "-") {
        let low = min(bytes[i], bytes[i + 2])
        let high = max(bytes[i], bytes[i + 2])
        for byte in low...high { insert(byte) }
        i += 3
      } else {
        insert(bytes[i])
        i += 1
      }
    }
  }

  private mutating func insert(_ byte: UInt8) { bits[Int(byte >> 6)] |= 1 << UInt64(byte & 63) }

  @inline(__always)
  public func contains(_ byte: UInt8) -> Bool { bits[Int(byte >> 6)] >> UInt64(byte & 63) & 1 != 0 }
}
