import Crypto
import Foundation
import NokoriCore

#if canImport(Glibc)
  import Glibc
#endif

/// One bundle member being written to the staging folder: buffered, hashed as it is
/// written, so even a large inventory never has to be held in memory.
final class MemberFile {
  let name: String
  let url: URL
  private let descriptor: Int32
  private var buffer: [UInt8] = []
  private var hasher = SHA256()
  private(set) var size: Int64 = 0
  private var closed = false

  init(name: String, in folder: URL) throws {
    self.name = name
    url = folder.appendingPathComponent(name)
    descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      throw EvidenceError.cannotWrite(path: url.path, reason: String(cString: strerror(errno)))
    }
  }

  deinit { if !closed { close(descriptor) } }

  func write(_ text: String) throws {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 1 << 16 { try flush() }
  }

  func line(_ text: String) throws { try write(text + "\n") }

  /// Writes what is buffered, closes the file and returns the member's SHA-256.
  func finish() throws -> String {
    try flush()
    close(descriptor)
    closed = true
    return hasher.finalize().hexString
  }

  private func flush() throws {
    guard !buffer.isEmpty else { return }
    hasher.update(data: buffer)
    var offset = 0
    try buffer.withUnsafeBytes { raw in
      while offset < raw.count {
        let written = Glibc.write(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          throw EvidenceError.cannotWrite(path: url.path, reason: String(cString: strerror(errno)))
        }
        offset += written
      }
    }
    size += Int64(buffer.count)
    buffer.removeAll(keepingCapacity: true)
  }
}
