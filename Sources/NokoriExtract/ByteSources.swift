import LibArchive

/// An opened file as random-access bytes for the archive reader (reads go through the
/// read-only, no-atime descriptor).
public final class FileByteSource: ArchiveByteSource {
  private let file: ReadOnlyFile
  public let size: Int64

  public init(_ file: ReadOnlyFile) {
    self.file = file
    size = Int64(file.status.st_size)
  }

  public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws -> Int {
    try file.read(into: buffer, at: offset)
  }
}

/// A zip member held in memory (a zip or Office file inside a zip: the archive reader needs
/// random access, which a compressed stream cannot give). The caller bounds its size.
public final class MemoryByteSource: ArchiveByteSource {
  private let bytes: [UInt8]
  public var size: Int64 { Int64(bytes.count) }

  public init(_ bytes: [UInt8]) {
    self.bytes = bytes
  }

  public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws -> Int {
    guard offset >= 0, offset < Int64(bytes.count) else { return 0 }
    let start = Int(offset)
    let count = min(buffer.count, bytes.count - start)
    bytes.withUnsafeBytes { source in
      buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[start..<(start + count)]))
    }
    return count
  }
}
