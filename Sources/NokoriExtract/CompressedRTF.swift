/// Decompresses an Outlook message's RTF body (MS-OXRTFCP: "LZFu" compression, or "MELA"
/// stored uncompressed), checking the CRC the format carries.
public enum CompressedRTF {
  /// Why an RTF body could not be decompressed.
  public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
    case tooShort
    case unknownType(UInt32)
    case badCRC
    case truncated

    public var description: String {
      switch self {
      case .tooShort: "shorter than its header"
      case .unknownType(let type): "unknown compression type 0x\(String(type, radix: 16))"
      case .badCRC: "CRC mismatch (damaged)"
      case .truncated: "ends before its end marker"
      }
    }
  }

  /// The dictionary's initial contents, from the specification.
  static let prebuffer = Array(
    ("{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern \\fscript "
      + "\\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par "
      + "\\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx").utf8)

  /// Decompresses `data`, producing at most `limit` bytes.
  public static func decompress(_ data: [UInt8], limit: Int = 64 << 20) throws(Failure) -> [UInt8] {
    guard data.count >= 16 else { throw .tooShort }
    func u32(_ at: Int) -> UInt32 {
      UInt32(data[at]) | UInt32(data[at + 1]) << 8 | UInt32(data[at + 2]) << 16 | UInt32(data[at + 3]) << 24
    }
    let compressedSize = Int(u32(0))
    let rawSize = Int(u32(4))
    let type = u32(8)
    let crc = u32(12)
    let end = min(data.count, compressedSize + 4)
    guard end >= 16 else { throw .tooShort }
    let body = data[16..<end]
    if type == 0x414C_454D {  // "MELA": stored
      return Array(body.prefix(min(rawSize, limit)))
    }
    guard type == 0x7546_5A4C else { throw .unknownType(type) }  // "LZFu"
    guard crc32(body) == crc else { throw .badCRC }
    var dictionary = [UInt8](repeating: 0, count: 4096)
    dictionary.replaceSubrange(0..<prebuffer.count, with: prebuffer)
    var write = prebuffer.count
    var output: [UInt8] = []
    output.reserveCapacity(min(rawSize, limit))
    var index = body.startIndex
    while index < body.endIndex {
      let control = body[index]
      index += 1
      for bit in 0..<8 {
        guard index < body.endIndex else { return output }
        if control & (1 << bit) == 0 {
          let byte = body[index]
          index += 1
          output.append(byte)
          dictionary[write] = byte
          write = (write + 1) & 0xFFF
        } else {
          guard index + 1 < body.endIndex else { throw .truncated }
          let word = Int(body[index]) << 8 | Int(body[index + 1])
          index += 2
          var offset = word >> 4
          let length = (word & 0xF) + 2
          if offset == write { return output }  // the end marker
          for _ in 0..<length {
            let byte = dictionary[offset]
            output.append(byte)
            dictionary[write] = byte
            write = (write + 1) & 0xFFF
            offset = (offset + 1) & 0xFFF
          }
        }
        if output.count >= limit { return Array(output.prefix(limit)) }
      }
    }
    return output
  }

  private static let table: [UInt32] = (0..<256).map { value in
    var crc = UInt32(value)
    for _ in 0..<8 { crc = crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
    return crc
  }

  /// The format's CRC-32: the usual polynomial, started at 0 and not inverted (MS-OXRTFCP 3.1.3.2).
  static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    var crc: UInt32 = 0
    for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
    return crc
  }
}
