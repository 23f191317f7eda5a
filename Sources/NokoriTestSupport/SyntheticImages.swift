import Foundation

/// Hostile and odd image files written byte by byte for tests: no image library involved.
public enum SyntheticImages {
  /// A PNG that declares `width` × `height` 8-bit gray pixels and holds a tiny (wrong) IDAT:
  /// only a reader that trusts the header before decoding stays safe.
  public static func pngHeader(width: Int, height: Int) -> Data {
    var data = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    var header = Data()
    header.append(bigEndian: UInt32(width))
    header.append(bigEndian: UInt32(height))
    header.append(contentsOf: [8, 0, 0, 0, 0])  // depth 8, gray, deflate, no filter, no interlace
    data.append(chunk: "IHDR", header)
    data.append(chunk: "IDAT", Data([0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]))
    data.append(chunk: "IEND", Data())
    return data
  }

  /// A little-endian TIFF of `pages` uncompressed 8-bit gray pages of `side` × `side` pixels;
  /// page `hugePage` (1-based), if given, declares 30000 × 30000 over the same few bytes.
  public static func multipageTIFF(pages: Int, side: Int, hugePage: Int? = nil) -> Data {
    var data = Data([0x49, 0x49, 0x2A, 0x00])
    data.append(littleEndian: UInt32(8))
    let pixels = side * side
    let entries: UInt16 = 9
    let ifdSize = 2 + Int(entries) * 12 + 4
    for page in 0..<pages {
      let ifdStart = data.count
      let pixelStart = ifdStart + ifdSize
      let next = page == pages - 1 ? 0 : pixelStart + pixels
      data.append(littleEndian: entries)
      func entry(_ tag: UInt16, _ type: UInt16, _ value: UInt32) {
        data.append(littleEndian: tag)
        data.append(littleEndian: type)
        data.append(littleEndian: UInt32(1))
        data.append(littleEndian: type == 3 ? UInt32(UInt16(value)) : value)
      }
      let declared = UInt32(page + 1 == hugePage ? 30000 : side)
      entry(256, 4, declared)  // width
      entry(257, 4, declared)  // length
      entry(258, 3, 8)  // bits per sample
      entry(259, 3, 1)  // no compression
      entry(262, 3, 1)  // black is zero
      entry(273, 4, UInt32(pixelStart))  // strip offset
      entry(277, 3, 1)  // samples per pixel
      entry(278, 4, UInt32(side))  // rows per strip
      entry(279, 4, UInt32(pixels))  // strip bytes
      data.append(littleEndian: UInt32(next))
      data.append(Data(repeating: UInt8(truncatingIfNeeded: 200 + page % 50), count: pixels))
    }
    return data
  }
}

extension Data {
  fileprivate mutating func append(bigEndian value: UInt32) {
    append(contentsOf: [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)])
  }
  fileprivate mutating func append(littleEndian value: UInt32) {
    append(contentsOf: [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)])
  }
  fileprivate mutating func append(littleEndian value: UInt16) {
    append(contentsOf: [UInt8(value & 0xFF), UInt8(value >> 8)])
  }
  fileprivate mutating func append(chunk type: String, _ body: Data) {
    append(bigEndian: UInt32(body.count))
    let typed = Data(type.utf8) + body
    append(typed)
    append(bigEndian: Self.crc32(typed))
  }

  /// The CRC-32 PNG chunks carry (ISO 3309).
  fileprivate static func crc32(_ bytes: Data) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
  }
}
