import Crypto
import Foundation
import NokoriCore

#if canImport(Glibc)
  import Glibc
#endif

/// The Ed25519 key that signs evidence bundles, kept outside the store: `--signing-key`,
/// `NOKORI_SIGNING_KEY`, or `signing.key` in Nokori's configuration folder (beside the
/// fingerprint key), created there 0600 on first use. The file holds the 32-byte private key
/// as 64 hex digits; a public key file (`signing-key.pub`) holds the 32-byte public key the same way.
public enum SigningKeyFile {
  /// The path to use, from the explicit option, the environment, or `configDirectory/signing.key`.
  public static func resolvePath(explicit: String?, environment: [String: String], configDirectory: String) -> String {
    if let explicit, !explicit.isEmpty { return explicit }
    if let fromEnvironment = environment["NOKORI_SIGNING_KEY"], !fromEnvironment.isEmpty { return fromEnvironment }
    return configDirectory + "/signing.key"
  }

  /// Loads the private key at `path`, creating it when `create` is true and it does not exist.
  /// - Throws: ``SigningKeyError`` when it cannot be read, is malformed, or others may read it.
  public static func load(path: String, create: Bool) throws -> Curve25519.Signing.PrivateKey {
    if create, !FileManager.default.fileExists(atPath: path) { try createKey(at: path) }
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw SigningKeyError.unreadable(path: path, reason: String(cString: strerror(errno)))
    }
    if info.st_mode & 0o077 != 0 {
      throw SigningKeyError.insecurePermissions(path: path, mode: String(info.st_mode & 0o777, radix: 8))
    }
    guard let bytes = try hexFile(path), bytes.count == 32 else {
      throw SigningKeyError.malformed(path: path, expected: "a 32-byte Ed25519 private key as 64 hex digits")
    }
    do { return try Curve25519.Signing.PrivateKey(rawRepresentation: bytes) } catch {
      throw SigningKeyError.malformed(path: path, expected: "a 32-byte Ed25519 private key")
    }
  }

  /// Loads a public key file (64 hex digits, as `signing-key.pub` in a bundle).
  public static func loadPublicKey(path: String) throws -> Curve25519.Signing.PublicKey {
    guard let bytes = try hexFile(path), bytes.count == 32,
      let key = try? Curve25519.Signing.PublicKey(rawRepresentation: bytes)
    else {
      throw SigningKeyError.malformed(path: path, expected: "a 32-byte Ed25519 public key as 64 hex digits")
    }
    return key
  }

  /// The public key as a bundle stores it: 64 hex digits and a newline.
  public static func publicKeyText(_ key: Curve25519.Signing.PublicKey) -> String {
    key.rawRepresentation.hexString + "\n"
  }

  /// A short, non-secret name for a public key: the first 16 hex digits of its SHA-256.
  public static func keyID(_ key: Curve25519.Signing.PublicKey) -> String {
    String(SHA256.hash(data: key.rawRepresentation).hexString.prefix(16))
  }

  /// Parses 64 hex digits (surrounding whitespace allowed); nil when the text is not hex.
  public static func parseHex(_ text: String) -> [UInt8]? {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard trimmed.count % 2 == 0, trimmed.allSatisfy(\.isHexDigit) else { return nil }
    var bytes: [UInt8] = []
    var index = trimmed.startIndex
    while index < trimmed.endIndex {
      let next = trimmed.index(index, offsetBy: 2)
      guard let byte = UInt8(trimmed[index..<next], radix: 16) else { return nil }
      bytes.append(byte)
      index = next
    }
    return bytes
  }

  private static func hexFile(_ path: String) throws -> [UInt8]? {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw SigningKeyError.unreadable(path: path, reason: "cannot read")
    }
    return parseHex(String(decoding: data, as: UTF8.self))
  }

  private static func createKey(at path: String) throws {
    let folder = (path as NSString).deletingLastPathComponent
    if !folder.isEmpty {
      try? FileManager.default.createDirectory(
        atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }
    let text = Curve25519.Signing.PrivateKey().rawRepresentation.hexString + "\n"
    // O_EXCL: if another process made the key meanwhile, use theirs rather than overwrite it.
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      if errno == EEXIST { return }
      throw SigningKeyError.unreadable(path: path, reason: String(cString: strerror(errno)))
    }
    defer { close(fd) }
    let written = Array(text.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    guard written == text.utf8.count else {
      throw SigningKeyError.unreadable(path: path, reason: "could not write the new key")
    }
  }
}

/// Why a signing or public key could not be used.
public enum SigningKeyError: Error, CustomStringConvertible, Equatable {
  case unreadable(path: String, reason: String)
  case insecurePermissions(path: String, mode: String)
  case malformed(path: String, expected: String)

  public var description: String {
    switch self {
    case .unreadable(let path, let reason): "cannot read key \(path): \(reason)"
    case .insecurePermissions(let path, let mode):
      "signing key \(path) has mode \(mode); it must not be readable by group or others (chmod 600)"
    case .malformed(let path, let expected): "key \(path) is not \(expected)"
    }
  }
}
