import Foundation
import SMB

#if canImport(Glibc)
  import Glibc
#endif

/// Reads credentials in smbclient's authentication-file format (`smbclient -A FILE`):
///
///     username = scanner
///     password = …
///     domain   = CORP
///
/// The file must be 0600 (no access for group or others), as the fingerprint key must:
/// it holds a password. Nothing from its content ever appears in an error.
public enum SMBCredentialsFile {
  /// The environment variable naming the file when `--smb-credentials` is not given.
  public static let environmentVariable = "NOKORI_SMB_CREDENTIALS"

  /// The file to use: the option's, else the environment's, else none.
  public static func resolvePath(explicit: String?, environment: [String: String]) -> String? {
    if let explicit, !explicit.isEmpty { return explicit }
    if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty { return fromEnvironment }
    return nil
  }

  /// Loads and checks the file at `path`.
  /// - Throws: ``SMBCredentialsError``.
  public static func load(path: String) throws(SMBCredentialsError) -> SMBAuthentication {
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw .unreadable(path: path, reason: String(cString: strerror(errno)))
    }
    guard info.st_mode & S_IFMT == S_IFREG else { throw .unreadable(path: path, reason: "not a regular file") }
    if info.st_mode & 0o077 != 0 {
      throw .insecurePermissions(path: path, mode: String(info.st_mode & 0o777, radix: 8))
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadable(path: path, reason: String(cString: strerror(errno)))
    }
    return try parse(String(decoding: data, as: UTF8.self), path: path)
  }

  /// Parses the file's text; `path` is only for messages.
  public static func parse(_ text: String, path: String) throws(SMBCredentialsError) -> SMBAuthentication {
    var credentials = SMBAuthentication()
    var sawUser = false
    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = rawLine.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\r")))
      if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
      guard let equals = line.firstIndex(of: "=") else { throw .malformed(path: path, line: index + 1) }
      let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
      // smbclient keeps everything after "= " as the value, spaces inside a password included.
      let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
      switch key {
      case "username":
        sawUser = true
        // `DOMAIN\user` and `DOMAIN/user` as smbclient accepts them.
        if let separator = value.firstIndex(where: { $0 == "\\" || $0 == "/" }) {
          credentials.domain = String(value[..<separator])
          credentials.user = String(value[value.index(after: separator)...])
        } else {
          credentials.user = value
        }
      case "password": credentials.password = value
      case "domain", "workgroup": credentials.domain = value
      default: throw .unknownKey(path: path, line: index + 1, key: key)
      }
    }
    guard sawUser, !credentials.user.isEmpty else { throw .noUser(path: path) }
    return credentials
  }
}

/// Why a credentials file was refused.
public enum SMBCredentialsError: Error, Equatable, CustomStringConvertible {
  case unreadable(path: String, reason: String)
  case insecurePermissions(path: String, mode: String)
  case malformed(path: String, line: Int)
  case unknownKey(path: String, line: Int, key: String)
  case noUser(path: String)

  public var description: String {
    switch self {
    case .unreadable(let path, let reason): "SMB credentials file \(path): \(reason)"
    case .insecurePermissions(let path, let mode):
      "SMB credentials file \(path) is readable by group or others (mode \(mode)); it holds a password: chmod 600 \(path)"
    case .malformed(let path, let line): "SMB credentials file \(path), line \(line): expected `key = value`"
    case .unknownKey(let path, let line, let key):
      "SMB credentials file \(path), line \(line): unknown key '\(key)' (username, password, domain)"
    case .noUser(let path): "SMB credentials file \(path): no `username =` line"
    }
  }
}
