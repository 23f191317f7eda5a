/// Who to log on to a share as. The password never appears in `description` or `dump`.
public struct SMBAuthentication: Sendable, Equatable, CustomStringConvertible, CustomReflectable {
  public var domain: String
  public var user: String
  public var password: String

  public init(domain: String = "", user: String = "", password: String = "") {
    self.domain = domain
    self.user = user
    self.password = password
  }

  public var description: String {
    let who = domain.isEmpty ? user : "\(domain)\\\(user)"
    return who.isEmpty ? "anonymous" : who
  }

  public var customMirror: Mirror {
    Mirror(self, children: ["domain": domain, "user": user, "password": "(hidden)"])
  }
}

/// How a context logs on.
public struct SMBLogon: Sendable {
  /// Credentials for a server and share, asked for when libsmbclient connects: the
  /// credentials file's, with the user named in the root URL where there is one.
  public var credentials: @Sendable (_ server: String, _ share: String) -> SMBAuthentication?
  /// Try a Kerberos ticket from the default credential cache first (falling back to the
  /// credentials, or to an anonymous logon when there are none).
  public var useKerberos: Bool
  /// Milliseconds libsmbclient waits for the server before an operation fails with ETIMEDOUT.
  public var timeoutMilliseconds: Int32

  public init(
    credentials: @escaping @Sendable (_ server: String, _ share: String) -> SMBAuthentication?, useKerberos: Bool,
    timeoutMilliseconds: Int32 = 20_000
  ) {
    self.credentials = credentials
    self.useKerberos = useKerberos
    self.timeoutMilliseconds = timeoutMilliseconds
  }
}
