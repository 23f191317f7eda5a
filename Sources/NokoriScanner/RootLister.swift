import NokoriSMB
import NokoriWalk

/// Lists local paths and `smb://` roots through one interface, so the scanner's walk (and
/// everything that hands it roots as strings, like a sweep) needs no case of its own.
struct RootLister: Sendable {
  let local: DirectoryLister
  /// Present when a root is on a share: its contexts live as long as the run.
  let smb: SMBDirectoryLister?

  init(options: ScanOptions) {
    local = DirectoryLister(options: options.walk)
    smb =
      options.roots.contains(where: SMBLocation.isSMB)
      ? SMBDirectoryLister(
        walk: options.walk, pool: SMBContextPool(logon: options.smb.logon(roots: options.roots)), health: options.smb.health)
      : nil
  }

  /// Checks a root before the run starts without contacting any server: a local root must
  /// exist; an `smb://` root must parse (reaching it is the run's job, recorded as an outcome).
  static func validate(_ root: String, walk: WalkOptions) throws {
    if SMBLocation.isSMB(root) {
      do { _ = try SMBLocation(parsing: root) } catch { throw SMBRootError(root: root, error: error) }
    } else {
      _ = try DirectoryLister(options: walk).root(root)
    }
  }

  func root(_ path: String) throws(RootError) -> DirectoryLister.Listing {
    if let smb, SMBLocation.isSMB(path) { return smb.root(path) }
    return try local.root(path)
  }

  /// Lists `directory`; on a local disk, `leavingOut` decides which regular files to leave
  /// out before entries are made for them (see ``DirectoryLister/list(_:leavingOut:)``).
  func list(_ directory: PendingDirectory, leavingOut: (([ListedFile]) -> [Bool])? = nil) -> DirectoryLister.Listing {
    if let smb, SMBLocation.isSMB(directory.path) { return smb.list(directory) }
    return local.list(directory, leavingOut: leavingOut)
  }
}

/// An `smb://` root that is not a usable URL. The message names the host and share only.
struct SMBRootError: Error, CustomStringConvertible {
  var root: String
  var error: SMBLocationError
  var description: String {
    // Not the root as typed: it may be the one holding a password.
    "smb:// root: \(error)"
  }
}
