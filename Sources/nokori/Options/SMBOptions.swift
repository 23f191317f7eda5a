import ArgumentParser
import Foundation
import NokoriReports
import NokoriSMB
import NokoriScanner

/// `--smb-credentials FILE`, `--smb-timeout` and `--smb-copy-limit`: how `smb://` roots are
/// logged on to and read.
struct SMBOptions: ParsableArguments {
  @Option(
    name: .customLong("smb-credentials"),
    help: ArgumentHelp(
      "Credentials for smb:// roots in smbclient's authentication-file format (username =, password =, "
        + "domain =), mode 0600 (default: $NOKORI_SMB_CREDENTIALS). Without one, a Kerberos ticket is tried.",
      valueName: "file"))
  var credentials: String?

  @Option(
    name: .customLong("smb-timeout"),
    help: ArgumentHelp("Seconds an SMB server may stay silent before the operation fails.", valueName: "seconds"))
  var timeout: Double = 15

  @Option(
    name: .customLong("smb-copy-limit"),
    help: ArgumentHelp(
      "Largest file on a share copied into memory to be read (default 512M; larger ones are too-large). "
        + "Up to --jobs copies are held at once.", valueName: "size"))
  var copyLimit: String?

  func validate() throws {
    guard timeout > 0, timeout < 3600 else { throw ValidationError("--smb-timeout must be between 0 and 3600 seconds") }
    if let copyLimit, ByteCount.parse(copyLimit) == nil {
      throw ValidationError("--smb-copy-limit: '\(copyLimit)' is not a size (e.g. 512M, 2G)")
    }
  }

  /// The settings for `roots`; the credentials file is read only when a root is on a share.
  func settings(roots: [String]) throws -> SMBSettings {
    guard roots.contains(where: SMBLocation.isSMB) else { return SMBSettings() }
    let path = SMBCredentialsFile.resolvePath(
      explicit: credentials, environment: ProcessInfo.processInfo.environment)
    let loaded: NokoriSMB.SMBSettings.Credentials?
    do { loaded = try path.map(SMBCredentialsFile.load(path:)) } catch { throw NokoriUsageError("\(error)") }
    return SMBSettings(
      credentials: loaded, timeoutMilliseconds: Int32(timeout * 1000),
      spoolLimit: copyLimit.flatMap(ByteCount.parse) ?? SMBSettings.defaultSpoolLimit)
  }
}
