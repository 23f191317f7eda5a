import Foundation

/// A real Samba server on loopback for one test, started by `scripts/samba-test-server.sh`
/// and stopped in `deinit` (so a failing test still stops it). Serves `share` read-only as
/// `smb://127.0.0.1:PORT/corpus` to the user ``user`` with password ``password``.
public final class SambaServer: @unchecked Sendable {
  public static let user = "nokoritest"
  public static let password = "nokori-test-pass"

  /// Why the server tests cannot run here, or nil when they can.
  public static var unavailableReason: String? {
    guard ["/usr/sbin/smbd", "/usr/bin/smbd"].contains(where: FileManager.default.isExecutableFile(atPath:)) else {
      return "smbd is not installed (apt-get install samba; scripts/install-deps.sh does)"
    }
    guard getuid() == 0 else { return "smbd must be started as root to serve a test share" }
    return nil
  }

  public let port: Int
  public let state: URL
  public let share: URL
  private var running = true

  /// Starts smbd serving `share`, on a free high port.
  public init(share: URL) throws {
    self.share = share
    state = try TestPaths.temporaryDirectory("samba-state")
    var lastError = ""
    // A random high port: several test processes (or helpers) may each run a server at once.
    for _ in 0..<5 {
      let candidate = Int.random(in: 20_000..<60_000)
      let result = try Self.script(["start", state.path, String(candidate), share.path, Self.user, Self.password])
      if result.status == 0 {
        port = candidate
        return
      }
      lastError = result.output
    }
    try? FileManager.default.removeItem(at: state)
    throw SambaStartError(message: lastError)
  }

  deinit { stop() }

  /// `smb://127.0.0.1:PORT/corpus` plus `path` ("" for the share itself).
  public func url(_ path: String = "") -> String {
    "smb://127.0.0.1:\(port)/corpus" + (path.isEmpty ? "" : "/" + path)
  }

  /// Stops smbd (what a share dropping looks like to a client); safe to call twice.
  public func stop() {
    guard running else { return }
    running = false
    _ = try? Self.script(["stop", state.path])
    try? FileManager.default.removeItem(at: state)
  }

  /// Writes a credentials file (0600 unless `mode` says otherwise) and returns its path.
  public static func credentialsFile(in folder: URL, password: String = SambaServer.password, mode: Int = 0o600)
    throws -> String
  {
    let path = folder.appendingPathComponent("smb-\(UUID().uuidString).cred").path
    let text = "username = \(user)\npassword = \(password)\ndomain = NOKORITEST\n"
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: mode])
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    return path
  }

  private static func script(_ arguments: [String]) throws -> (status: Int32, output: String) {
    try DaemonScript.run([DaemonScript.path("samba-test-server.sh")] + arguments)
  }
}

/// smbd did not come up; the message is the script's output.
public struct SambaStartError: Error, CustomStringConvertible {
  public var message: String
  public var description: String { "Samba test server did not start: \(message)" }
}
