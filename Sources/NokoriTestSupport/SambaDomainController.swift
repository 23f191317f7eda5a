import Foundation

/// A throw-away Samba AD domain controller (realm NOKORI.TEST) on loopback, started by
/// `scripts/samba-ad-test-server.sh` and stopped in `deinit`. Its KDC gives Kerberos tickets
/// for ``user``; its smbd serves `share` read-only as `smb://HOST/corpus` to domain users.
public final class SambaDomainController: @unchecked Sendable {
  public static let realm = "NOKORI.TEST"
  public static let domain = "NOKORI"
  public static let user = "nokorikrb"
  /// Meets the domain's default complexity rules (upper, lower, digit, symbol; 7+ characters).
  public static let password = "Kerb-Test-Pass1"

  /// Why the DC cannot run here, or nil when it may be tried (it can still fail to start:
  /// the script checks the host name and the ports, see ``SambaDomainControllerError``).
  public static var unavailableReason: String? {
    guard getuid() == 0 else { return "a Samba AD DC must be started as root" }
    let tools = [
      ("samba", ["/usr/sbin/samba"]), ("samba-tool", ["/usr/bin/samba-tool"]), ("kinit", ["/usr/bin/kinit"]),
      ("klist", ["/usr/bin/klist"]), ("unshare", ["/usr/bin/unshare"]),
    ]
    for (name, paths) in tools where !paths.contains(where: FileManager.default.isExecutableFile(atPath:)) {
      return "\(name) is not installed (apt-get install samba-ad-dc krb5-user; scripts/install-deps.sh does)"
    }
    return nil
  }

  public let state: URL
  public let share: URL
  /// This machine's name: a service ticket is for `cifs/HOST`, so URLs must name the host.
  public let host: String
  /// The loopback address `host` resolves to, where the DC listens.
  public let address: String
  private var running = true

  /// Provisions a domain and starts the DC serving `share` (a few seconds).
  /// - Throws: ``SambaDomainControllerError`` with the script's output.
  public init(share: URL) throws {
    self.share = share
    state = try TestPaths.temporaryDirectory("samba-ad-state")
    let result: (status: Int32, output: String)
    do {
      result = try Self.script(["start", state.path, share.path, Self.user, Self.password])
    } catch {
      try? FileManager.default.removeItem(at: state)
      throw error
    }
    let folder = state
    let written = ["host", "address"].map {
      (try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8))?
        .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }
    guard result.status == 0, !written.contains(where: \.isEmpty) else {
      _ = try? Self.script(["stop", state.path])
      try? FileManager.default.removeItem(at: state)
      throw SambaDomainControllerError(message: result.output, unavailableHere: result.status == 2)
    }
    host = written[0]
    address = written[1]
  }

  deinit { stop() }

  /// The client krb5.conf to name in `KRB5_CONFIG` (realm and KDC; no DNS lookups).
  public var krb5Config: String { state.appendingPathComponent("krb5.conf").path }

  /// `smb://HOST/corpus` plus `path` ("" for the share itself).
  public func url(_ path: String = "") -> String {
    "smb://\(host)/corpus" + (path.isEmpty ? "" : "/" + path)
  }

  /// `kinit` for ``user`` into the credential cache file `ccache`.
  public func ticket(into ccache: String, password: String = SambaDomainController.password) throws {
    let result = try Self.script(["ticket", state.path, Self.user, password, ccache])
    guard result.status == 0 else {
      throw SambaDomainControllerError(message: "kinit: \(result.output)", unavailableHere: false)
    }
  }

  /// The principals `klist` lists in the file `ccache` (the client's, then its tickets').
  public func principals(in ccache: String) throws -> [String] {
    let result = try Self.spawn(["/usr/bin/klist", "-c", "FILE:\(ccache)"], environment: ["KRB5_CONFIG=\(krb5Config)"])
    return result.output.split(whereSeparator: \.isWhitespace).map(String.init).filter { $0.contains("@") }
  }

  /// Stops the DC and removes everything it wrote; safe to call twice.
  public func stop() {
    guard running else { return }
    running = false
    _ = try? Self.script(["stop", state.path])
    try? FileManager.default.removeItem(at: state)
  }

  private static func script(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let script = TestPaths.repositoryRoot.appendingPathComponent("scripts/samba-ad-test-server.sh").path
    return try spawn([script] + arguments)
  }

  /// Runs `argv` with posix_spawn and waitpid, for the reason ``SambaServer`` gives: `Process`
  /// missed the exit of a script that had started a daemon in a new session. Every wait in
  /// the script is bounded (`timeout`), so this cannot hang on a DC that does not answer.
  private static func spawn(_ argv: [String], environment extra: [String] = []) throws -> (status: Int32, output: String) {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("samba-ad-\(UUID().uuidString).log")
    defer { try? FileManager.default.removeItem(at: output) }
    let shell = ["/bin/bash", "-c", "exec \"$0\" \"$@\" > \"$OUT\" 2>&1 < /dev/null"] + argv
    let environment = ["PATH=/usr/sbin:/usr/bin:/sbin:/bin", "OUT=\(output.path)"] + extra
    var pid: pid_t = 0
    let cArguments = shell.map { strdup($0) } + [nil]
    let cEnvironment = environment.map { strdup($0) } + [nil]
    defer {
      cArguments.forEach { free($0) }
      cEnvironment.forEach { free($0) }
    }
    let spawned = posix_spawn(&pid, "/bin/bash", nil, nil, cArguments, cEnvironment)
    guard spawned == 0 else {
      throw SambaDomainControllerError(message: "posix_spawn: \(String(cString: strerror(spawned)))", unavailableHere: false)
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    // WIFEXITED / WEXITSTATUS, spelled out (the C macros are not imported).
    let exited = status & 0x7f == 0
    return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), text)
  }
}

/// The DC did not start; the message is the script's output.
public struct SambaDomainControllerError: Error, CustomStringConvertible {
  public var message: String
  /// This machine cannot run it (a missing package, a name that does not resolve to loopback,
  /// a busy port), as opposed to a start that was tried and failed.
  public var unavailableHere: Bool
  public var description: String {
    (unavailableHere ? "Samba AD DC cannot run here: " : "Samba AD DC did not start: ")
      + message.trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
