#if canImport(Glibc)
  import Glibc
#endif

/// Why an SMB operation failed, from libsmbclient's errno. Carries no credentials: the
/// messages name the operation and the server's answer only.
public struct SMBError: Error, Equatable, CustomStringConvertible {
  /// What went wrong, grouped the way a scan reports it.
  public enum Kind: Sendable, Equatable {
    /// Nothing answered on the port, or the host could not be reached.
    case unreachable
    /// The server did not answer in time (a dropped share, a dead network).
    case timedOut
    /// Logon refused or no access: wrong credentials, or a share/file this user may not read.
    case accessDenied
    /// No such share, directory or file.
    case notFound
    /// A directory was expected and this is a file (or the reverse).
    case wrongType
    /// Anything else libsmbclient reported.
    case other
    /// libsmbclient itself could not be loaded (not installed, or too old).
    case unavailable
  }

  public var kind: Kind
  public var errno: Int32
  /// The operation that failed ("opendir", "open", "read"…).
  public var operation: String
  /// For ``Kind/unavailable``: what the loader said.
  public var detail: String?

  /// libsmbclient could not be loaded: `detail` says why.
  public init(unavailable detail: String) {
    errno = ENOSYS
    operation = "load libsmbclient"
    kind = .unavailable
    self.detail = detail
  }

  public init(errno code: Int32, operation: String) {
    self.errno = code
    self.operation = operation
    switch code {
    case ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, EHOSTDOWN, ENETDOWN, ECONNRESET, ECONNABORTED, EPIPE, ENOTCONN,
      EADDRNOTAVAIL:
      kind = .unreachable
    case ETIMEDOUT: kind = .timedOut
    case EACCES, EPERM: kind = .accessDenied
    case ENOENT, ENODEV, ENXIO: kind = .notFound
    case ENOTDIR, EISDIR: kind = .wrongType
    default: kind = .other
    }
  }

  /// True when the whole server or share is gone (not just this file): the scan's other
  /// files on the same share will fail the same way.
  public var isConnectionLost: Bool { kind == .unreachable || kind == .timedOut }

  public var description: String {
    let reason: String
    switch kind {
    case .unreachable: reason = "server unreachable"
    case .timedOut: reason = "server did not answer in time"
    case .accessDenied: reason = "access denied (wrong credentials or no permission)"
    case .notFound: reason = "no such share or file"
    case .wrongType: reason = "wrong type of entry"
    case .other: reason = "SMB error"
    case .unavailable: return "\(operation): \(detail ?? "not available")"
    }
    return "\(operation): \(reason) (\(String(cString: strerror(errno))))"
  }
}
