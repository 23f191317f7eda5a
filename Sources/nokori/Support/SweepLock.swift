import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The lock that keeps two sweeps off one store: an exclusive `flock` on `STORE.lock`,
/// held for the whole sweep and released by the kernel when the process ends, however it ends.
final class SweepLock {
  private let descriptor: Int32
  let path: String

  /// Another process holds the lock.
  struct Busy: Error {
    var path: String
    /// The holder's pid as it wrote it, when readable.
    var holder: String?
  }

  /// Takes the lock without waiting.
  /// - Throws: ``Busy`` when another sweep holds it; ``NokoriUsageError`` when the file cannot be opened.
  init(path: String) throws {
    self.path = path
    // The store's folder, made as the store would make it (owner only), so the lock can be
    // taken before the store is opened.
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    try? FileManager.default.createDirectory(
      atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      throw NokoriUsageError("cannot open the sweep lock \(path): \(String(cString: strerror(errno)))")
    }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
      let code = errno
      var buffer = [UInt8](repeating: 0, count: 32)
      let count = pread(fd, &buffer, buffer.count, 0)
      close(fd)
      guard code == EWOULDBLOCK else {
        throw NokoriUsageError("cannot lock \(path): \(String(cString: strerror(code)))")
      }
      let holder = count > 0 ? String(decoding: buffer.prefix(count), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : nil
      throw Busy(path: path, holder: holder?.isEmpty == false ? holder : nil)
    }
    descriptor = fd
    let pid = "\(getpid())\n"
    _ = ftruncate(fd, 0)
    _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
  }

  deinit {
    flock(descriptor, LOCK_UN)
    close(descriptor)
  }
}
