import SMB

/// How a scan reaches `smb://` roots: who it logs on as, how long it waits, how much of one
/// file it may hold in memory.
public struct SMBSettings: Sendable {
  /// From the credentials file; nil means Kerberos (if a ticket exists) or an anonymous logon.
  public var credentials: SMBAuthentication?
  /// Let libsmbclient try a Kerberos ticket from the default credential cache.
  public var useKerberos: Bool
  /// Milliseconds before a silent server makes an operation fail (ETIMEDOUT): a dropped share
  /// must not hang a night's sweep.
  public var timeoutMilliseconds: Int32
  /// The largest file copied into memory to be read (see ``SMBFileSpooler``).
  public var spoolLimit: Int64
  /// Shares found down during the run (shared by every copy of these settings).
  public var health = SMBShareHealth()

  public static let defaultSpoolLimit: Int64 = 512 << 20

  public init(
    credentials: SMBAuthentication? = nil, useKerberos: Bool? = nil, timeoutMilliseconds: Int32 = 15_000,
    spoolLimit: Int64 = SMBSettings.defaultSpoolLimit
  ) {
    self.credentials = credentials
    self.useKerberos = useKerberos ?? (credentials == nil)
    self.timeoutMilliseconds = timeoutMilliseconds
    self.spoolLimit = spoolLimit
  }

  /// The logon for contexts serving `roots`: the credentials file's user, password and
  /// domain, except that a user (and domain) named in a root URL wins for that share.
  public func logon(roots: [String]) -> SMBLogon {
    var named: [String: (domain: String?, user: String)] = [:]
    for root in roots where SMBLocation.isSMB(root) {
      guard let location = try? SMBLocation(parsing: root), let user = location.user else { continue }
      named[Self.key(server: location.host, share: location.share)] = (location.domain, user)
    }
    let credentials = self.credentials
    let table = named
    return SMBLogon(
      credentials: { server, share in
        var result = credentials
        if let fromURL = table[Self.key(server: server, share: share)] {
          result = result ?? SMBAuthentication()
          result?.user = fromURL.user
          if let domain = fromURL.domain { result?.domain = domain }
        }
        return result
      }, useKerberos: useKerberos, timeoutMilliseconds: timeoutMilliseconds)
  }

  private static func key(server: String, share: String) -> String {
    let host = server.hasPrefix("[") ? server : server.split(separator: ":").first.map(String.init) ?? server
    return "\(host.lowercased())/\(share.lowercased())"
  }
}

extension SMBSettings {
  /// What a credentials file yields (the SMB wrapper's type, named here so callers need not import it).
  public typealias Credentials = SMBAuthentication
}
