import CGsf

#if canImport(Glibc)
  import Glibc
#endif

/// Why a compound file could not be opened.
public enum CompoundFileError: Error, Sendable, Equatable {
  case notCompoundFile
  case descriptor(Int32)
}

/// An OLE2 compound file (an Outlook .msg, a legacy Office file): a tree of storages holding
/// streams, read through libgsf. Streams are read on demand from the file, not loaded whole.
/// The corresponding C functions are `gsf_infile_msole_new` and `g_object_unref`.
public final class CompoundFile {
  /// The root storage.
  public let root: CompoundStorage

  private static let initialized: Void = { gsf_init() }()

  /// Opens the compound file open at `descriptor` (duplicated; the original stays the caller's).
  public convenience init(descriptor: Int32) throws(CompoundFileError) {
    Self.initialized
    let copy = dup(descriptor)
    guard copy >= 0 else { throw CompoundFileError.descriptor(errno) }
    // The copy shares the file offset: read from the start even if the file was just written.
    _ = lseek(copy, 0, SEEK_SET)
    guard let stream = fdopen(copy, "rb") else {
      close(copy)
      throw CompoundFileError.descriptor(errno)
    }
    // libgsf closes the FILE with the input (keep_is_open = FALSE).
    guard let input = gsf_input_stdio_new_FILE("message", stream, 0) else {
      fclose(stream)
      throw CompoundFileError.notCompoundFile
    }
    try self.init(input: input)
  }

  /// Opens a compound file held in memory (an attachment).
  public convenience init(bytes: [UInt8]) throws(CompoundFileError) {
    Self.initialized
    let input = bytes.withUnsafeBufferPointer { buffer in
      gsf_input_memory_new_clone(buffer.baseAddress, gsf_off_t(buffer.count))
    }
    guard let input else { throw CompoundFileError.notCompoundFile }
    try self.init(input: input)
  }

  /// Takes over one reference to `input`.
  private init(input: OpaquePointer) throws(CompoundFileError) {
    defer { nokori_gsf_unref(UnsafeMutableRawPointer(input)) }
    var error: UnsafeMutablePointer<GError>?
    let infile = gsf_infile_msole_new(input, &error)
    nokori_gsf_clear_error(&error)
    guard let infile else { throw CompoundFileError.notCompoundFile }
    root = CompoundStorage(taking: infile)
  }
}

/// A storage of a compound file: named children that are streams or storages.
public final class CompoundStorage {
  let infile: OpaquePointer

  init(taking infile: OpaquePointer) {
    self.infile = infile
  }

  deinit { nokori_gsf_unref(UnsafeMutableRawPointer(infile)) }

  /// The names of the children, in directory order.
  public var childNames: [String] {
    let count = max(0, Int(gsf_infile_num_children(infile)))
    return (0..<count).compactMap { gsf_infile_name_by_index(infile, Int32($0)).map { String(cString: $0) } }
  }

  /// The child storage called `name`.
  public func storage(named name: String) -> CompoundStorage? {
    guard let child = gsf_infile_child_by_name(infile, name) else { return nil }
    guard Self.isStorage(child) else {
      nokori_gsf_unref(UnsafeMutableRawPointer(child))
      return nil
    }
    return CompoundStorage(taking: child)
  }

  /// The child stream called `name`, opened for reading.
  public func stream(named name: String) -> CompoundStream? {
    guard let child = gsf_infile_child_by_name(infile, name) else { return nil }
    guard !Self.isStorage(child) else {
      nokori_gsf_unref(UnsafeMutableRawPointer(child))
      return nil
    }
    return CompoundStream(taking: child)
  }

  /// In an OLE2 file every child is an infile; streams are the ones without a child count.
  private static func isStorage(_ child: OpaquePointer) -> Bool {
    guard nokori_gsf_is_infile(child) != 0 else { return false }
    return gsf_infile_num_children(child) >= 0
  }
}

/// One stream of a compound file, read in chunks.
public final class CompoundStream {
  private let input: OpaquePointer

  init(taking input: OpaquePointer) {
    self.input = input
  }

  deinit { nokori_gsf_unref(UnsafeMutableRawPointer(input)) }

  /// The stream's length in bytes.
  public var size: Int64 { Int64(gsf_input_size(input)) }

  /// Fills `buffer` with the next bytes; 0 at the end.
  public func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
    let count = min(buffer.count, Int(max(0, gsf_input_remaining(input))))
    guard count > 0, let base = buffer.baseAddress else { return 0 }
    guard gsf_input_read(input, count, base.assumingMemoryBound(to: UInt8.self)) != nil else { return 0 }
    return count
  }

  /// The whole stream, or its first `limit` bytes.
  public func readAll(limit: Int) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: Int(min(Int64(limit), max(0, size))))
    var filled = 0
    while filled < bytes.count {
      let count = bytes.withUnsafeMutableBytes { read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...])) }
      if count == 0 { break }
      filled += count
    }
    return Array(bytes[0..<filled])
  }
}
