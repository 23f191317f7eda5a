import CSMBClient

#if canImport(Glibc)
  import Glibc
#endif

/// A file opened read-only on a share; closed when released. Used by the task that owns
/// its context only (it keeps that context alive).
public final class SMBFile {
  private let handle: OpaquePointer
  private let owner: SMBContext

  init(handle: OpaquePointer, owner: SMBContext) {
    self.handle = handle
    self.owner = owner
  }

  deinit {
    SMBLibrary.locked {
      if let close = owner.api.get_close?(owner.context) { _ = close(owner.context, handle) }
    }
  }

  /// What the server says about the opened file (not the name, which may have changed since).
  public func status() throws(SMBError) -> SMBStatus {
    try SMBLibrary.locked { () -> Result<SMBStatus, SMBError> in
      guard let fstat = owner.api.get_fstat?(owner.context) else {
        return .failure(SMBError(errno: ENOSYS, operation: "fstat"))
      }
      var info = stat()
      guard fstat(owner.context, handle, &info) == 0 else { return .failure(SMBError(errno: errno, operation: "fstat")) }
      return .success(SMBStatus(info))
    }.get()
  }

  /// Reads the next bytes into `buffer`; returns 0 at the end of the file.
  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(SMBError) -> Int {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
    return try SMBLibrary.locked { () -> Result<Int, SMBError> in
      guard let read = owner.api.get_read?(owner.context) else {
        return .failure(SMBError(errno: ENOSYS, operation: "read"))
      }
      while true {
        let count = read(owner.context, handle, base, buffer.count)
        if count >= 0 { return .success(count) }
        if errno == EINTR { continue }
        return .failure(SMBError(errno: errno, operation: "read"))
      }
    }.get()
  }
}
