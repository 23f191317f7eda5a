import CSMBClient

#if canImport(Glibc)
  import Glibc
#endif

/// Why a file could not be copied into memory.
public enum SMBCopyError: Error, Equatable, CustomStringConvertible {
  case smb(SMBError)
  /// The file holds more than the limit (it may have grown since it was listed).
  case tooLarge(limit: Int64)
  /// The memory file could not be made or written (errno).
  case memory(Int32)

  public var description: String {
    switch self {
    case .smb(let error): "\(error)"
    case .tooLarge(let limit): "more than \(limit) bytes"
    case .memory(let code): "memory copy: \(String(cString: strerror(code)))"
    }
  }
}

extension SMBFile {
  /// Copies the file from its current position into a new anonymous memory file, seals it
  /// read-only, gives it the server's modification time, and returns its descriptor (the
  /// caller owns and closes it). Never touches a disk: the copy lives in RAM (or swap).
  public func copyIntoMemory(limit: Int64, modified: Double, buffer: inout [UInt8]) throws(SMBCopyError) -> Int32 {
    let descriptor = nokori_memfd_create("nokori-smb")
    guard descriptor >= 0 else { throw .memory(errno) }
    var total: Int64 = 0
    var failure: SMBCopyError?
    buffer.withUnsafeMutableBytes { chunk in
      while failure == nil {
        let count: Int
        do throws(SMBError) { count = try read(into: chunk) } catch {
          failure = .smb(error)
          break
        }
        if count == 0 { break }
        total += Int64(count)
        guard total <= limit else {
          failure = .tooLarge(limit: limit)
          break
        }
        guard let base = chunk.baseAddress else { break }
        var offset = 0
        while offset < count {
          let written = write(descriptor, base + offset, count - offset)
          if written < 0 {
            if errno == EINTR { continue }
            failure = .memory(errno)
            break
          }
          offset += written
        }
      }
    }
    if failure == nil {
      _ = nokori_seal_read_only(descriptor)
      let seconds = modified.rounded(.down)
      let time = timespec(tv_sec: Int(seconds), tv_nsec: Int((modified - seconds) * 1e9))
      var times = [time, time]
      if futimens(descriptor, &times) != 0 { failure = .memory(errno) }
    }
    if let failure {
      close(descriptor)
      throw failure
    }
    return descriptor
  }
}
