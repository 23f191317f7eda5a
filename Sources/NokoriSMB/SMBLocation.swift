/// Where an `smb://[domain;]user@host[:port]/share/path` root or entry is, parsed once.
///
/// Two spellings come out of it: ``displayURL`` (decoded, without any user name; what
/// reports, the store and excludes see) and ``libraryURL`` (percent-encoded, what
/// libsmbclient is given: it decodes `%XX` itself and would read a `?` as options).
public struct SMBLocation: Sendable, Equatable {
  public var domain: String?
  public var user: String?
  public var host: String
  public var port: Int?
  public var share: String
  /// Folders and file name below the share, decoded.
  public var components: [String]

  /// True when `text` names an SMB location rather than a local path.
  public static func isSMB(_ text: String) -> Bool {
    text.utf8.count >= 6 && text.prefix(6).lowercased() == "smb://"
  }

  /// Parses a URL as typed by a user: percent-escapes are decoded.
  /// - Throws: ``SMBLocationError`` for anything that is not a usable share URL, and for a
  ///   password in the URL (never accepted on the command line).
  public init(parsing url: String) throws(SMBLocationError) {
    try self.init(url, decoding: true)
  }

  /// Parses a ``displayURL`` back (its components are already decoded: no escapes to undo).
  public init(displayURL url: String) throws(SMBLocationError) {
    try self.init(url, decoding: false)
  }

  private init(_ url: String, decoding: Bool) throws(SMBLocationError) {
    guard Self.isSMB(url) else { throw .notSMB }
    let rest = url.dropFirst(6)
    let slash = rest.firstIndex(of: "/") ?? rest.endIndex
    var authority = rest[..<slash]
    let pathPart = slash < rest.endIndex ? rest[rest.index(after: slash)...] : ""
    if let at = authority.lastIndex(of: "@") {
      let userInfo = authority[..<at]
      // `user:password@` would put a secret in shell history and `ps`: refused outright.
      if userInfo.contains(":") { throw .passwordInURL }
      let parts = userInfo.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
      let decode = { (part: Substring) throws(SMBLocationError) -> String in
        decoding ? try Self.percentDecoded(part) : String(part)
      }
      if parts.count == 2 {
        domain = try decode(parts[0])
        user = try decode(parts[1])
      } else {
        user = try decode(userInfo)
      }
      if user?.isEmpty == true { user = nil }
      if domain?.isEmpty == true { domain = nil }
      authority = authority[authority.index(after: at)...]
    }
    var hostPart = authority
    if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
      // An IPv6 literal keeps its brackets in the host, as libsmbclient expects them.
      hostPart = authority[...close]
      let after = authority[authority.index(after: close)...]
      if !after.isEmpty {
        guard after.hasPrefix(":") else { throw .badHost }
        port = try Self.port(after.dropFirst())
      }
    } else if let colon = authority.lastIndex(of: ":") {
      hostPart = authority[..<colon]
      port = try Self.port(authority[authority.index(after: colon)...])
    }
    guard !hostPart.isEmpty else { throw .badHost }
    host = String(hostPart)
    var parts: [String] = []
    for piece in pathPart.split(separator: "/") {
      let name = decoding ? try Self.percentDecoded(piece) : String(piece)
      if name == "." || name == ".." { throw .dotComponent }
      parts.append(name)
    }
    guard let first = parts.first else { throw .noShare }
    share = first
    components = Array(parts.dropFirst())
  }

  /// `smb://host[:port]/share/path`, decoded, without user or domain.
  public var displayURL: String {
    ([authority, share] + components).joined(separator: "/")
  }

  /// The same location percent-encoded for libsmbclient (no user: logons go through its callback).
  public var libraryURL: String {
    ([authority] + ([share] + components).map(Self.percentEncoded)).joined(separator: "/")
  }

  /// `smb://host[:port]/share`, the share's own URL in display form.
  public var shareURL: String { "\(authority)/\(share)" }

  /// A stable stand-in for `st_dev`: the same for every file of one share on every run (so a
  /// sweep's (device, inode, size, mtime) key holds), distinct between shares, and with the
  /// top bit set so it cannot equal a local device number.
  public var device: UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in "\(host.lowercased()):\(port ?? 445)/\(share.lowercased())".utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }
    return hash | (1 << 63)
  }

  /// The entry `name` inside this directory.
  public func appending(_ name: String) -> SMBLocation {
    var child = self
    child.components.append(name)
    return child
  }

  private var authority: String {
    "smb://" + host + (port.map { ":\($0)" } ?? "")
  }

  private static func port(_ text: Substring) throws(SMBLocationError) -> Int {
    guard let value = Int(text), (1...65535).contains(value) else { throw .badPort }
    return value
  }

  static func percentDecoded(_ text: Substring) throws(SMBLocationError) -> String {
    var bytes: [UInt8] = []
    var index = text.utf8.startIndex
    let utf8 = text.utf8
    while index < utf8.endIndex {
      let byte = utf8[index]
      if byte == UInt8(ascii: "%") {
        let high = utf8.index(after: index)
        guard high < utf8.endIndex, utf8.index(after: high) < utf8.endIndex,
          let value = UInt8(String(decoding: [utf8[high], utf8[utf8.index(after: high)]], as: UTF8.self), radix: 16)
        else { throw .badEscape }
        // An encoded slash would make one name look like two folders; NUL ends C strings.
        if value == UInt8(ascii: "/") || value == 0 { throw .badEscape }
        bytes.append(value)
        index = utf8.index(high, offsetBy: 2)
      } else {
        bytes.append(byte)
        index = utf8.index(after: index)
      }
    }
    guard let decoded = String(validating: bytes, as: UTF8.self) else { throw .badEscape }
    return decoded
  }

  static func percentEncoded(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
        UInt8(ascii: "~"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let hex = String(byte, radix: 16, uppercase: true)
        out += byte < 16 ? "%0\(hex)" : "%\(hex)"
      }
    }
    return out
  }
}

/// Why a string is not a usable `smb://` root. Messages never repeat the URL's user part.
public enum SMBLocationError: Error, Equatable, CustomStringConvertible {
  case notSMB, passwordInURL, badHost, badPort, noShare, badEscape, dotComponent

  public var description: String {
    switch self {
    case .notSMB: "not an smb:// URL"
    case .passwordInURL:
      "a password in an smb:// URL is refused (it would show in shell history and process lists); "
        + "put it in a credentials file (--smb-credentials FILE or NOKORI_SMB_CREDENTIALS)"
    case .badHost: "smb:// URL without a usable host"
    case .badPort: "smb:// URL port must be a number from 1 to 65535"
    case .noShare: "smb:// URL names no share (smb://host/share/…)"
    case .badEscape: "smb:// URL has a bad %-escape (or an encoded / or NUL)"
    case .dotComponent: "smb:// URL may not contain . or .. components"
    }
  }
}
