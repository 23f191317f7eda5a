import NokoriCore

#if canImport(Glibc)
  import Glibc
#endif

/// Writes a carry index through a small buffer: the whole 16 MB image of a 200,000-file
/// index, made in memory first, cost a no-change sweep more in page faults than in writing.
/// The file appears under its name only when ``finish()`` succeeds.
public final class CarryIndexWriter {
  private let path: String
  private let run: Int64
  private let digestHash: UInt64
  private var encoder: Encoder
  private var finished = false

  /// Encodes records into the writer's buffer and writes it out as it fills. A value type
  /// handed out for a whole batch: a class's stored properties touched per word cost an
  /// exclusivity check each.
  public struct Encoder {
    fileprivate let fd: Int32
    fileprivate let temporary: String
    fileprivate let buffer: UnsafeMutableRawBufferPointer
    fileprivate var used = CarryIndexFile.headerSize
    fileprivate var count = 0
    fileprivate var checksum = CarryIndexFile.Checksum()
    private let outcomes = Outcome.allCases

    fileprivate init(fd: Int32, temporary: String, buffer: UnsafeMutableRawBufferPointer) {
      self.fd = fd
      self.temporary = temporary
      self.buffer = buffer
    }

    /// Adds one record.
    public mutating func append(_ record: CarryIndexFile.Record) throws {
      if used > buffer.count - CarryIndexFile.recordSize { try flush() }
      let start = used
      put(record.pathHash)
      put(UInt64(bitPattern: record.fileID))
      put(UInt64(bitPattern: record.rowRun))
      // The optional fields, and one bit each for which are present.
      var present: UInt64 = 0
      optional(record.size.map { UInt64(bitPattern: $0) }, 0, &present)
      optional(record.mtime.map(\.bitPattern), 1, &present)
      optional(record.ctime.map(\.bitPattern), 2, &present)
      optional(record.inode.map { UInt64(bitPattern: $0) }, 3, &present)
      optional(record.device.map { UInt64(bitPattern: $0) }, 4, &present)
      let outcome = record.outcome.flatMap { outcomes.firstIndex(of: $0) }.map(UInt64.init) ?? 0xFF
      put(UInt64(UInt32(clamping: record.findingCount)) | outcome << 32)
      put(present)
      checksum.add(record: UnsafeRawBufferPointer(rebasing: buffer[start..<used]))
      count += 1
    }

    private mutating func optional(_ field: UInt64?, _ number: Int, _ present: inout UInt64) {
      put(field ?? 0)
      if field != nil { present |= 1 << UInt64(number) }
    }

    private mutating func put(_ word: UInt64) {
      buffer.storeBytes(of: word.littleEndian, toByteOffset: used, as: UInt64.self)
      used += 8
    }

    fileprivate mutating func flush() throws {
      guard let start = buffer.baseAddress else { return }
      var offset = 0
      while offset < used {
        let written = Glibc.write(fd, start + offset, used - offset)
        if written < 0, errno == EINTR { continue }
        guard written > 0 else { throw CarryIndexError(path: temporary, errno: errno) }
        offset += written
      }
      used = 0
    }

    /// The trailing checksum, then the header over the space held for it at the start.
    fileprivate mutating func finish(run: Int64, digestHash: UInt64) throws {
      if used > buffer.count - 8 { try flush() }
      buffer.storeBytes(of: checksum.value.littleEndian, toByteOffset: used, as: UInt64.self)
      used += 8
      try flush()
      let header = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<CarryIndexFile.headerSize])
      for (index, word) in [CarryIndexFile.magic, UInt64(bitPattern: run), digestHash, UInt64(count)].enumerated() {
        header.storeBytes(of: word.littleEndian, toByteOffset: index * 8, as: UInt64.self)
      }
      guard pwrite(fd, header.baseAddress, header.count, 0) == header.count else {
        throw CarryIndexError(path: temporary, errno: errno)
      }
    }
  }

  /// Starts run `run`'s index (digest `verdictDigest`) for `path`, in a new file beside it.
  public init(path: String, run: Int64, verdictDigest: String) throws {
    self.path = path
    self.run = run
    digestHash = CarryIndexFile.digestHash(verdictDigest)
    let temporary = path + ".new"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw CarryIndexError(path: temporary, errno: errno) }
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 8)
    // The header's count is known at the end: its place is held until then.
    buffer.initializeMemory(as: UInt8.self, repeating: 0)
    encoder = Encoder(fd: fd, temporary: temporary, buffer: buffer)
  }

  deinit {
    encoder.buffer.deallocate()
    if !finished {
      close(encoder.fd)
      unlink(encoder.temporary)
    }
  }

  /// Hands the encoder to `body` for a batch of records.
  public func write(_ body: (inout Encoder) throws -> Void) throws {
    try body(&encoder)
  }

  /// Ends the index and renames it over any earlier one.
  public func finish() throws {
    try encoder.finish(run: run, digestHash: digestHash)
    finished = true
    close(encoder.fd)
    guard rename(encoder.temporary, path) == 0 else {
      let code = errno
      unlink(encoder.temporary)
      throw CarryIndexError(path: path, errno: code)
    }
  }
}
