/// A stable 64-bit hash of a path's bytes (FNV-1a): what earlier verdicts are kept by, and
/// what the walk works out for a file before it makes a path string for it. Unlike
/// `Hasher`, it is the same in every process, and a directory's prefix is hashed once for
/// all its names.
public enum PathHash {
  /// The hash of no bytes.
  public static let empty: UInt64 = 0xcbf2_9ce4_8422_2325
  /// FNV's 64-bit prime, which each step multiplies by.
  public static let prime: UInt64 = 0x0000_0100_0000_01b3

  /// The hash of `bytes`, carried on from the hash of the bytes before them.
  public static func of(_ bytes: UnsafeRawBufferPointer, continuing start: UInt64 = empty) -> UInt64 {
    var hash = start
    for byte in bytes {
      hash ^= UInt64(byte)
      hash &*= prime
    }
    return hash
  }

  /// The hash of `text`'s UTF-8 bytes.
  public static func of(_ text: String, continuing start: UInt64 = empty) -> UInt64 {
    var text = text
    return text.withUTF8 { of(UnsafeRawBufferPointer($0), continuing: start) }
  }
}
