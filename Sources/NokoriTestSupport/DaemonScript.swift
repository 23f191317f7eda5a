import Foundation

/// Runs a script that starts or stops a daemon, with posix_spawn and waitpid: Foundation's
/// `Process` here missed the script's exit (it stayed a zombie) once the script had started a
/// daemon in a new session. Output (stdout and stderr) is collected through a file, so a
/// daemon that keeps the script's descriptors open cannot hold the caller.
enum DaemonScript {
  /// Runs `argv` (the program, then its arguments) with a plain PATH and `environment`
  /// added; returns its exit status (128 + signal when killed) and output.
  /// - Throws: ``DaemonScriptError`` when it cannot be started.
  static func run(_ argv: [String], environment extra: [String] = []) throws -> (status: Int32, output: String) {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("daemon-script-\(UUID().uuidString).log")
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
    guard spawned == 0 else { throw DaemonScriptError(message: "posix_spawn: \(String(cString: strerror(spawned)))") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    // WIFEXITED / WEXITSTATUS, spelled out (the C macros are not imported).
    let exited = status & 0x7f == 0
    return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), text)
  }

  /// `scripts/NAME` of the repository.
  static func path(_ name: String) -> String {
    TestPaths.repositoryRoot.appendingPathComponent("scripts/\(name)").path
  }
}

/// A daemon script could not be started.
public struct DaemonScriptError: Error, CustomStringConvertible {
  public var message: String
  public var description: String { message }
}
