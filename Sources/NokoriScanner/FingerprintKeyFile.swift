import Foundation
import NokoriCore

#if canImport(Glibc)
  import Glibc
#endif

/// The fingerprint key's file: found at `--key-file`, `NOKORI_KEY_FILE`, or
/// `$XDG_CONFIG_HOME/nokori/fingerprint.key` (created there, 0600, on first use).
///
/// The key is 32 random bytes written as 64 hex digits, so that hosts which must correlate
/// fingerprints can be given the same file.
public enum FingerprintKeyFile {
  /// The path to use, from the explicit option, the environment, or the default.
  public static func resolvePath(explicit: String?, environment: [String: String]) -> String {
    if let explicit, !explicit.isEmpty { return explicit }
    if let fromEnvironment = environment["NOKORI_KEY_FILE"], !fromEnvironment.isEmpty { return fromEnvironment }
    return ConfigPaths.configDirectory(environment: environment) + "/fingerprint.key"
  }

  /// Loads the key at `path`, creating it when `create` is true and it does not exist.
  /// - Throws: ``FingerprintKeyError`` when it cannot be read or others may read it.
  public static func load(path: String, create: Bool) throws -> Fingerprinter {
    if create, !FileManager.default.fileExists(atPath: path) { try createKey(at: path) }
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw FingerprintKeyError.unreadable(path: path, reason: String(cString: strerror(errno)))
    }
    if info.st_mode & 0o077 != 0 {
      throw FingerprintKeyError.insecurePermissions(path: path, mode: String(info.st_mode & 0o777, radix: 8))
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw FingerprintKeyError.unreadable(path: path, reason: "cannot read")
    }
    let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    if text.count >= 32, text.count % 2 == 0, text.allSatisfy(\.isHexDigit) {
      var bytes: [UInt8] = []
      var index = text.startIndex
      while index < text.endIndex {
        let next = text.index(index, offsetBy: 2)
        bytes.append(UInt8(text[index..<next], radix: 16) ?? 0)
        index = next
      }
      return try Fingerprinter(keyBytes: bytes)
    }
    return try Fingerprinter(keyBytes: Array(data))
  }

  private static func createKey(at path: String) throws {
    let folder = (path as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(
      atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    let text = bytes.hexString + "\n"
    // O_EXCL: if another process made the key meanwhile, use theirs rather than overwrite it.
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      if errno == EEXIST { return }
      throw FingerprintKeyError.unreadable(path: path, reason: String(cString: strerror(errno)))
    }
    defer { close(fd) }
    let written = text.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
    guard written == text.utf8.count else {
      throw FingerprintKeyError.unreadable(path: path, reason: "could not write the new key")
    }
  }
}

/// Where Nokori keeps its configuration and data by default (XDG base directories).
public enum ConfigPaths {
  public static func configDirectory(environment: [String: String]) -> String {
    if let base = environment["XDG_CONFIG_HOME"], base.hasPrefix("/") { return base + "/nokori" }
    return home(environment) + "/.config/nokori"
  }

  /// The default store: `NOKORI_DB`, else `$XDG_DATA_HOME/nokori/nokori.db`.
  public static func defaultStore(environment: [String: String]) -> String {
    if let path = environment["NOKORI_DB"], !path.isEmpty { return path }
    if let base = environment["XDG_DATA_HOME"], base.hasPrefix("/") { return base + "/nokori/nokori.db" }
    return home(environment) + "/.local/share/nokori/nokori.db"
  }

  private static func home(_ environment: [String: String]) -> String {
    environment["HOME"] ?? NSHomeDirectory()
  }
}
