import CLibArchive

#if canImport(Glibc)
  import Glibc
#endif

/// Random-access bytes an archive is read from: an opened file, or a member held in memory.
public protocol ArchiveByteSource: AnyObject {
  /// Total length in bytes.
  var size: Int64 { get }
  /// Reads up to `buffer.count` bytes at `offset`; 0 at the end.
  func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws -> Int
}

/// One member of an archive, as its header describes it.
public struct ArchiveEntry: Sendable {
  /// The member's path inside the archive, as stored (may contain `../`; never used on disk).
  public var path: String
  /// The name's bytes when libarchive could not give it as UTF-8 (`path` then holds them
  /// decoded as UTF-8 with replacements).
  public var rawPath: [UInt8]?
  /// Declared uncompressed size, when the header gives one.
  public var declaredSize: Int64?
  public var isRegularFile: Bool
  public var isEncrypted: Bool
}

/// A libarchive error, as text with no archive content in it.
public struct ArchiveError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public var description: String { message }
}

/// Reads a zip archive member by member, in order, from an ``ArchiveByteSource``, through
/// libarchive's seekable zip reader (the central directory is authoritative).
///
/// The corresponding C functions are `archive_read_open1`, `archive_read_next_header` and
/// `archive_read_data`.
public final class ArchiveReader {
  private let handle: OpaquePointer
  private let source: any ArchiveByteSource
  private var position: Int64 = 0
  // Handed to libarchive by pointer, so it must not move: not a Swift array.
  private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)

  /// Opens the zip in `source`.
  /// - Throws: ``ArchiveError`` when it is not a readable zip (e.g. a corrupt central directory).
  public init(source: any ArchiveByteSource) throws(ArchiveError) {
    guard let handle = archive_read_new() else { throw ArchiveError(message: "out of memory") }
    self.handle = handle
    self.source = source
    archive_read_support_format_zip_seekable(handle)
    archive_read_set_callback_data(handle, Unmanaged.passUnretained(self).toOpaque())
    archive_read_set_read_callback(handle) { _, client, output in
      guard let client, let output else { return -1 }
      let reader = Unmanaged<ArchiveReader>.fromOpaque(client).takeUnretainedValue()
      return reader.fill(output)
    }
    archive_read_set_seek_callback(handle) { _, client, offset, whence in
      guard let client else { return -1 }
      let reader = Unmanaged<ArchiveReader>.fromOpaque(client).takeUnretainedValue()
      return reader.seek(offset, whence: whence)
    }
    archive_read_set_skip_callback(handle) { _, client, request in
      guard let client else { return 0 }
      let reader = Unmanaged<ArchiveReader>.fromOpaque(client).takeUnretainedValue()
      let step = max(0, min(request, reader.source.size - reader.position))
      reader.position += step
      return step
    }
    guard archive_read_open1(handle) == ARCHIVE_OK else {
      // deinit frees the handle: the object is fully initialised by now.
      throw ArchiveError(message: Self.message(handle))
    }
  }

  deinit {
    archive_read_free(handle)
    buffer.deallocate()
  }

  /// Bytes of the archive read so far (compressed side).
  public var compressedBytesRead: Int64 { archive_filter_bytes(handle, -1) }

  /// The next member's header, or nil at the end.
  /// - Throws: ``ArchiveError`` when the archive is damaged past this point.
  public func next() throws(ArchiveError) -> ArchiveEntry? {
    var entry: OpaquePointer?
    let status = archive_read_next_header(handle, &entry)
    if status == ARCHIVE_EOF { return nil }
    guard status >= ARCHIVE_WARN, let entry else { throw ArchiveError(message: Self.message(handle)) }
    // Names flagged UTF-8 come back as UTF-8; others (CP932 from Japanese Windows, with no
    // flag) only as their raw bytes, which the caller decodes.
    let raw = archive_entry_pathname(entry).map { Array(UnsafeRawBufferPointer(start: $0, count: strlen($0))) } ?? []
    let utf8 = archive_entry_pathname_utf8(entry).map { String(cString: $0) }
    return ArchiveEntry(
      path: utf8 ?? String(decoding: raw, as: UTF8.self), rawPath: utf8 == nil ? raw : nil,
      declaredSize: archive_entry_size_is_set(entry) != 0 ? archive_entry_size(entry) : nil,
      isRegularFile: archive_entry_filetype(entry) & 0o170000 == 0o100000,
      isEncrypted: archive_entry_is_encrypted(entry) != 0)
  }

  /// Reads the current member's next uncompressed bytes; 0 at its end.
  /// - Throws: ``ArchiveError`` when its data is corrupt or cannot be decompressed.
  public func read(into output: UnsafeMutableRawBufferPointer) throws(ArchiveError) -> Int {
    guard let base = output.baseAddress else { return 0 }
    let count = archive_read_data(handle, base, output.count)
    guard count >= 0 else { throw ArchiveError(message: Self.message(handle)) }
    return count
  }

  private func fill(_ output: UnsafeMutablePointer<UnsafeRawPointer?>) -> Int {
    do {
      let count = try source.read(into: buffer, at: position)
      position += Int64(count)
      output.pointee = UnsafeRawPointer(buffer.baseAddress)
      return count
    } catch {
      return -1
    }
  }

  private func seek(_ offset: Int64, whence: Int32) -> Int64 {
    let target: Int64
    switch whence {
    case SEEK_SET: target = offset
    case SEEK_CUR: target = position + offset
    case SEEK_END: target = source.size + offset
    default: return Int64(ARCHIVE_FATAL)
    }
    guard target >= 0 else { return Int64(ARCHIVE_FATAL) }
    position = target
    return target
  }

  private static func message(_ handle: OpaquePointer) -> String {
    archive_error_string(handle).map { String(cString: $0) } ?? "archive error \(archive_errno(handle))"
  }
}
