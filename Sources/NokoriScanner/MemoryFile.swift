#if canImport(Glibc)
  import Glibc
#endif

/// Bytes held in an unlinked POSIX shared-memory file, so that a parser which only opens
/// paths (poppler, Leptonica), in its worker process, can read a member through /proc.
///
/// The file lives on tmpfs and has no name once created: nothing is written to disk and
/// nothing is left behind. (memfd_create would do, but Swift's Glibc module does not expose it.)
final class MemoryFile {
  let descriptor: Int32

  /// A path any process of this user can open while this object lives.
  var path: String { "/proc/\(getpid())/fd/\(descriptor)" }

  /// Why the bytes could not be placed in memory (errno's text; never the bytes).
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  init(_ bytes: [UInt8]) throws(Failure) {
    let name = "/nokori-member-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
    let opened = shm_open(name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard opened >= 0 else { throw Failure(description: String(cString: strerror(errno))) }
    shm_unlink(name)
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes { write(opened, $0.baseAddress.map { $0 + written }, bytes.count - written) }
      guard count > 0 else {
        let why = count < 0 ? String(cString: strerror(errno)) : "short write"
        close(opened)
        throw Failure(description: why)
      }
      written += count
    }
    descriptor = opened
  }

  deinit { close(descriptor) }
}
