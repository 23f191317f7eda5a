import CSMBClient
import Foundation

/// One libsmbclient context: its own connections, its own state. Each worker or listing task
/// owns one and never shares it; the class is `@unchecked Sendable` only so an owner can be
/// handed from task to task (as the scanner hands its file scanners out and back).
///
/// Every call into libsmbclient also takes ``SMBLibrary/lock``: Debian's libsmbclient does not
/// export `smbc_thread_posix`, and without those thread hooks Samba keeps its talloc stack
/// frame in one process-wide global, so two contexts used at once from two threads would
/// corrupt it. The lock is held per call (a directory listing, one read), not per file:
/// detection, the bulk of the work, runs in parallel outside it.
public final class SMBContext: @unchecked Sendable {
  let context: UnsafeMutablePointer<SMBCCTX>
  /// libsmbclient's functions (every field is set: ``SMBLibrary`` checked them).
  let api: nokori_smbc_api
  /// Kept alive for the auth callback, which finds it through the context's user data.
  private let logonBox: LogonBox

  /// Creates and initialises a context.
  /// - Throws: ``SMBError`` when libsmbclient cannot set one up (out of memory, bad smb.conf).
  public init(logon: SMBLogon) throws(SMBError) {
    let box = LogonBox(logon)
    let api = try SMBLibrary.api.get()
    self.api = api
    let created = SMBLibrary.locked { () -> Result<UnsafeMutablePointer<SMBCCTX>, SMBError> in
      guard let context = api.new_context?() else { return .failure(SMBError(errno: errno, operation: "new context")) }
      api.set_debug?(context, 0)
      // libsmbclient's own messages must not reach stdout, which carries the scan's output.
      api.set_debug_to_stderr?(context, 1)
      api.set_timeout?(context, logon.timeoutMilliseconds)
      api.set_use_kerberos?(context, logon.useKerberos ? 1 : 0)
      api.set_fallback_after_kerberos?(context, 1)
      api.set_use_ccache?(context, logon.useKerberos ? 1 : 0)
      api.set_user_data?(context, Unmanaged.passUnretained(box).toOpaque())
      api.set_auth_function?(context, smbAuthCallback)
      guard api.init_context?(context) != nil else {
        let code = errno
        _ = api.free_context?(context, 1)
        return .failure(SMBError(errno: code, operation: "init context"))
      }
      return .success(context)
    }
    context = try created.get()
    logonBox = box
  }

  deinit {
    SMBLibrary.locked { _ = api.free_context?(context, 1) }
    _ = logonBox
  }

  /// Lists the directory at `url` (an `smb://` URL in libsmbclient's percent-encoded form).
  public func list(_ url: String) throws(SMBError) -> [SMBDirectoryEntry] {
    try SMBLibrary.locked { () -> Result<[SMBDirectoryEntry], SMBError> in
      guard let opendir = api.get_opendir?(context), let readdir = api.get_readdirplus2?(context),
        let closedir = api.get_closedir?(context)
      else { return .failure(SMBError(errno: ENOSYS, operation: "opendir")) }
      errno = 0
      guard let directory = opendir(context, url) else { return .failure(SMBError(errno: errno, operation: "opendir")) }
      defer { _ = closedir(context, directory) }
      var entries: [SMBDirectoryEntry] = []
      while true {
        var info = stat()
        errno = 0
        guard let file = readdir(context, directory, &info) else {
          if errno != 0 { return .failure(SMBError(errno: errno, operation: "readdir")) }
          break
        }
        guard let cName = file.pointee.name else { continue }
        let name = String(cString: cName)
        if name == "." || name == ".." { continue }
        entries.append(SMBDirectoryEntry(name: name, status: SMBStatus(info)))
      }
      return .success(entries)
    }.get()
  }

  /// Looks up `url` without opening it.
  public func status(_ url: String) throws(SMBError) -> SMBStatus {
    try SMBLibrary.locked { () -> Result<SMBStatus, SMBError> in
      guard let stat = api.get_stat?(context) else { return .failure(SMBError(errno: ENOSYS, operation: "stat")) }
      var info = Glibc.stat()
      guard stat(context, url, &info) == 0 else { return .failure(SMBError(errno: errno, operation: "stat")) }
      return .success(SMBStatus(info))
    }.get()
  }

  /// Opens the file at `url` for reading (read-only: the scanner changes nothing it scans).
  public func open(_ url: String) throws(SMBError) -> SMBFile {
    let handle = try SMBLibrary.locked { () -> Result<OpaquePointer, SMBError> in
      guard let open = api.get_open?(context) else { return .failure(SMBError(errno: ENOSYS, operation: "open")) }
      errno = 0
      guard let handle = open(context, url, O_RDONLY, 0) else { return .failure(SMBError(errno: errno, operation: "open")) }
      return .success(handle)
    }.get()
    return SMBFile(handle: handle, owner: self)
  }
}

/// The logon settings, reachable from the C callback through the context's user data.
private final class LogonBox {
  let logon: SMBLogon
  init(_ logon: SMBLogon) { self.logon = logon }
}

/// libsmbclient asks for credentials when it connects to a share: fill its buffers from the
/// logon settings (leaving them as they are means anonymous, or Kerberos when enabled).
private func smbAuthCallback(
  context: UnsafeMutablePointer<SMBCCTX>?, server: UnsafePointer<CChar>?, share: UnsafePointer<CChar>?,
  workgroup: UnsafeMutablePointer<CChar>?, workgroupLength: Int32, user: UnsafeMutablePointer<CChar>?,
  userLength: Int32, password: UnsafeMutablePointer<CChar>?, passwordLength: Int32
) {
  guard let context, case .success(let api) = SMBLibrary.api, let data = api.get_user_data?(context) else { return }
  let box = Unmanaged<LogonBox>.fromOpaque(data).takeUnretainedValue()
  let serverName = server.map { String(cString: $0) } ?? ""
  let shareName = share.map { String(cString: $0) } ?? ""
  guard let credentials = box.logon.credentials(serverName, shareName) else { return }
  if !credentials.domain.isEmpty { copy(credentials.domain, into: workgroup, capacity: workgroupLength) }
  if !credentials.user.isEmpty { copy(credentials.user, into: user, capacity: userLength) }
  copy(credentials.password, into: password, capacity: passwordLength)
}

/// Copies `text` as a NUL-terminated C string into a buffer of `capacity` bytes (truncating).
private func copy(_ text: String, into buffer: UnsafeMutablePointer<CChar>?, capacity: Int32) {
  guard let buffer, capacity > 0 else { return }
  let bytes = Array(text.utf8.prefix(Int(capacity) - 1))
  for (index, byte) in bytes.enumerated() { buffer[index] = CChar(bitPattern: byte) }
  buffer[bytes.count] = 0
}

extension SMBStatus {
  init(_ info: stat) {
    let kind: Kind
    switch info.st_mode & S_IFMT {
    case S_IFREG: kind = .file
    case S_IFDIR: kind = .directory
    default: kind = .other
    }
    self.init(
      kind: kind, size: Int64(info.st_size),
      mtime: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9,
      ctime: Double(info.st_ctim.tv_sec) + Double(info.st_ctim.tv_nsec) / 1e9, fileID: UInt64(info.st_ino))
  }
}
