/// A set of ASCII bytes written as in a regex class body (`0-9A-Za-z._%+-`), for the
/// boundary checks around a match.
public struct ByteClass: Sendable, Equatable {
  private var members = [Bool](repeating: false, count: 256)

  /// Parses `spec`; a `-` between two characters is a range, anywhere else a literal.
  public init(_ spec: String) {
    let bytes = Array(spec.utf8)
    var i = 0
    while i < bytes.count {
      if i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "-") {
        let low = min(bytes[i], bytes[i + 2])
        let high = max(bytes[i], bytes[i + 2])
        for byte in low...high { members[Int(byte)] = true }
        i += 3
      } else {
        members[Int(bytes[i])] = true
        i += 1
      }
    }
  }

  @inline(__always)
  public func contains(_ byte: UInt8) -> Bool { members[Int(byte)] }
}
