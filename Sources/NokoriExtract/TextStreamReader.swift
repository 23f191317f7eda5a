/// Reads a text file block by block, decodes it to UTF-8 and hands each block on, in
/// memory bounded by the block size whatever the file's length.
///
/// Keeps its buffers from one file to the next (one reader per worker): allocating fresh
/// megabyte buffers per file showed up as page-fault time in the kernel.
public final class TextStreamReader {
  /// Bytes read per system call.
  public static let blockSize = 1 << 20

  /// What decoding met on the way.
  public struct Statistics: Sendable {
    public var bytesRead: Int64 = 0
    public var invalidSequences = 0
  }

  private var decoded: [UInt8] = []
  private var buffer = [UInt8](repeating: 0, count: TextStreamReader.blockSize)

  public init() {
    decoded.reserveCapacity(Self.blockSize * 2)
  }

  /// Streams `file` from offset `bomLength` to its end, decoded from `encoding`, into `sink`.
  /// `sample` holds the file's first bytes, already read for sniffing, and is not read again.
  /// `raw`, when given, sees each block of the file's own bytes after `sample`, in order,
  /// before it is decoded.
  /// - Throws: ``FileOpenError`` when a read fails midway; whatever `sink` throws.
  public func stream(
    _ file: ReadOnlyFile, sample: [UInt8], encoding: TextEncoding, bomLength: Int,
    raw: ((UnsafeRawBufferPointer) -> Void)? = nil, sink: (UnsafeRawBufferPointer) throws -> Void
  ) throws -> Statistics {
    // A sample that holds the whole file (by its size when opened) needs no further read.
    // A short read alone does not prove the end: network filesystems return them.
    let complete = sample.count < FormatSniffer.sampleSize && Int64(sample.count) >= Int64(file.status.st_size)
    if !complete { file.adviseSequential() }
    var offset = Int64(sample.count)
    return try stream(sample: sample, complete: complete, encoding: encoding, bomLength: bomLength, pull: { buffer in
      let count = try file.read(into: buffer, at: offset)
      offset += Int64(count)
      raw?(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[0..<count]))
      return count
    }, sink: sink)
  }

  /// Streams a byte stream (a file, a zip member) whose first bytes are `sample` and whose
  /// rest `pull` fills buffers with (0 at the end), decoded from `encoding`, into `sink`.
  public func stream(
    sample: [UInt8], complete: Bool, encoding: TextEncoding, bomLength: Int,
    pull: (UnsafeMutableRawBufferPointer) throws -> Int, sink: (UnsafeRawBufferPointer) throws -> Void
  ) throws -> Statistics {
    let decoder = try IconvDecoder(encoding: encoding)
    var statistics = Statistics()
    func deliver(_ raw: UnsafeRawBufferPointer, final: Bool) throws {
      if decoder.passesThrough {
        // UTF-8 goes on as read: copying each megabyte first was 1 % of a scan.
        if !raw.isEmpty { try sink(raw) }
        return
      }
      decoded.removeAll(keepingCapacity: true)
      decoder.decode(raw, final: final, into: &decoded)
      if !decoded.isEmpty { try decoded.withUnsafeBytes { try sink($0) } }
    }
    let skip = min(bomLength, sample.count)
    try sample.withUnsafeBytes { try deliver(UnsafeRawBufferPointer(rebasing: $0[skip...]), final: false) }
    statistics.bytesRead = Int64(sample.count)
    while !complete {
      let count = try buffer.withUnsafeMutableBytes { try pull($0) }
      if count == 0 { break }
      statistics.bytesRead += Int64(count)
      try buffer.withUnsafeBytes { try deliver(UnsafeRawBufferPointer(rebasing: $0[0..<count]), final: false) }
    }
    try deliver(UnsafeRawBufferPointer(start: nil, count: 0), final: true)
    statistics.invalidSequences = decoder.invalidSequences
    return statistics
  }
}
