import NokoriCore

#if canImport(Glibc)
  import Glibc
#endif

/// A file opened for reading only, without updating its access time where the kernel
/// allows it, and without ever blocking on a FIFO that appeared where a file was listed.
public final class ReadOnlyFile {
  private let descriptor: Int32
  public let path: String
  /// `stat` of the opened descriptor (not of the path, which may have changed since).
  public let status: stat

  /// Opens `path`.
  /// - Throws: ``FileOpenError`` with the errno, or `.notRegular` when it is not a regular file.
  public init(path: String, followLinks: Bool = false) throws(FileOpenError) {
    self.path = path
    var flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY
    if !followLinks { flags |= O_NOFOLLOW }
    // O_NOATIME is refused (EPERM) on files the caller does not own unless it has CAP_FOWNER.
    var fd = open(path, flags | LinuxOpenFlags.noAccessTime)
    if fd < 0, errno == EPERM { fd = open(path, flags) }
    guard fd >= 0 else { throw FileOpenError.system(errno: errno) }
    status = try Self.regularFileStatus(fd)
    descriptor = fd
  }

  /// Takes ownership of an already open descriptor (a file read over SMB and copied into
  /// memory); `path` is a name that reopens it (`/proc/PID/fd/N`) for readers that need one.
  /// - Throws: ``FileOpenError`` when it cannot be examined or is not a regular file (the
  ///   descriptor is closed then).
  public init(adopting fd: Int32, path: String) throws(FileOpenError) {
    status = try Self.regularFileStatus(fd)
    // Whoever filled it (an SMB copy into memory) left the offset at its end.
    _ = lseek(fd, 0, SEEK_SET)
    descriptor = fd
    self.path = path
  }

  /// The status of open descriptor `fd`, which must be a regular file; otherwise `fd` is closed.
  private static func regularFileStatus(_ fd: Int32) throws(FileOpenError) -> stat {
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      let code = errno
      close(fd)
      throw FileOpenError.system(errno: code)
    }
    guard info.st_mode & S_IFMT == S_IFREG else {
      close(fd)
      throw FileOpenError.notRegular
    }
    return info
  }

  deinit { close(descriptor) }

  /// Reads up to `buffer.count` bytes at `offset`; returns 0 at end of file.
  /// The corresponding C function is `pread`.
  public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(FileOpenError) -> Int {
    guard let base = buffer.baseAddress else { return 0 }
    while true {
      let count = pread(descriptor, base, buffer.count, off_t(offset))
      if count >= 0 { return count }
      if errno == EINTR { continue }
      throw FileOpenError.system(errno: errno)
    }
  }

  /// The open descriptor, for a C library that reads the file itself (GMime duplicates it);
  /// valid while this object lives.
  public var descriptorForReading: Int32 { descriptor }

  /// Tells the kernel the file will be read once, front to back.
  public func adviseSequential() {
    _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_SEQUENTIAL)
  }
}

/// Why a file could not be opened or read.
public enum FileOpenError: Error, Equatable, CustomStringConvertible {
  case system(errno: Int32)
  case notRegular

  public var description: String {
    switch self {
    case .system(let code): String(cString: strerror(code))
    case .notRegular: "not a regular file"
    }
  }

  /// True for "the file is no longer there" (ENOENT, ENOTDIR, ESTALE).
  public var isVanished: Bool {
    if case .system(let code) = self { return code == ENOENT || code == ENOTDIR || code == ESTALE }
    return false
  }
}
