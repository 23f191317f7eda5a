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
    let result = try DaemonScript.run(["/usr/bin/klist", "-c", "FILE:\(ccache)"], environment: ["KRB5_CONFIG=\(krb5Config)"])
    return result.output.split(whereSeparator: \.isWhitespace).map(String.init).filter { $0.contains("@") }
  }

  /// Stops the DC and removes everything it wrote; safe to call twice.
  public func stop() {
    guard running else { return }
    running = false
    _ = try? Self.script(["stop", state.path])
    try? FileManager.default.removeItem(at: state)
  }

  /// Every wait in the script is bounded (`timeout`), so this cannot hang on a DC that does
  /// not answer.
  private static func script(_ arguments: [String]) throws -> (status: Int32, output: String) {
    try DaemonScript.run([DaemonScript.path("samba-ad-test-server.sh")] + arguments)
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
