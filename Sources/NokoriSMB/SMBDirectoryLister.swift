import NokoriCore
import NokoriWalk
import SMB

/// Lists `smb://` roots and directories into the same ``DirectoryLister/Listing`` values the
/// local lister gives, so the scanner's depth-first, width-bounded walk handles both alike.
///
/// Paths are display URLs (`smb://host[:port]/share/dir/file`, no user); `device` is the
/// share's stable number and `inode` the server's file id. A share that cannot be reached or
/// logged on to is an `unreadable` report, not an error: the run goes on with its other roots.
public struct SMBDirectoryLister: Sendable {
  public let walk: WalkOptions
  let pool: SMBContextPool
  let health: SMBShareHealth

  public init(walk: WalkOptions, pool: SMBContextPool, health: SMBShareHealth = SMBShareHealth()) {
    self.walk = walk
    self.pool = pool
    self.health = health
  }

  /// Starts a walk at an `smb://` root.
  public func root(_ url: String) -> DirectoryLister.Listing {
    var listing = DirectoryLister.Listing()
    let location: SMBLocation
    do { location = try SMBLocation(parsing: url) } catch {
      listing.reports.append(FileReport(path: url, outcome: .unreadable, detail: "\(error)"))
      return listing
    }
    let path = location.displayURL
    do {
      let status = try pool.withContext { context throws(SMBError) in try context.status(location.libraryURL) }
      switch status.kind {
      case .directory:
        listing.subdirectories.append(
          PendingDirectory(
            path: path, root: url, rootDevice: location.device,
            ancestors: [FileIdentity(device: location.device, inode: status.fileID)]))
      case .file:
        listing.files.append(Self.entry(path: path, root: url, location: location, status: status))
      case .other:
        listing.reports.append(FileReport(path: path, outcome: .specialFile, detail: "not a file or folder, not opened"))
      }
    } catch {
      // A root that cannot be reached at all is a coverage gap (exit 3), even when the share
      // or folder no longer exists: the run was asked to cover it and did not.
      listing.reports.append(
        FileReport(path: path, outcome: .unreadable, detail: "SMB root \(location.shareURL): \(error)"))
    }
    return listing
  }

  /// Lists one SMB directory.
  public func list(_ directory: PendingDirectory) -> DirectoryLister.Listing {
    var listing = DirectoryLister.Listing()
    let location: SMBLocation
    do { location = try SMBLocation(displayURL: directory.path) } catch {
      listing.reports.append(FileReport(path: directory.path, outcome: .unreadable, detail: "\(error)"))
      return listing
    }
    let entries: [SMBDirectoryEntry]
    do throws(SMBError) {
      if let known = health.knownFailure(location) { throw known }
      do throws(SMBError) {
        entries = try pool.withContext { context throws(SMBError) in try context.list(location.libraryURL) }
        health.record(location, failure: nil)
      } catch {
        health.record(location, failure: error)
        throw error
      }
    } catch {
      let outcome: Outcome = error.kind == .notFound ? .vanished : .unreadable
      listing.reports.append(FileReport(path: directory.path, outcome: outcome, detail: "SMB directory: \(error)"))
      return listing
    }
    for entry in entries {
      let child = location.appending(entry.name)
      let path = child.displayURL
      if walk.isExcluded(name: entry.name, path: path) {
        listing.excluded += 1
        continue
      }
      switch entry.status.kind {
      case .file:
        listing.files.append(Self.entry(path: path, root: directory.root, location: child, status: entry.status))
      case .directory:
        let identity = FileIdentity(device: location.device, inode: entry.status.fileID)
        // Samba follows server-side links, so a link to a parent folder would recur forever.
        if entry.status.fileID != 0, directory.ancestors.contains(identity) {
          listing.reports.append(
            FileReport(path: path, outcome: .linkLoop, detail: "leads back to a directory above it"))
          continue
        }
        listing.subdirectories.append(
          PendingDirectory(
            path: path, root: directory.root, rootDevice: directory.rootDevice,
            ancestors: directory.ancestors + [identity]))
      case .other:
        listing.reports.append(FileReport(path: path, outcome: .specialFile, detail: "not a file or folder, not opened"))
      }
    }
    return listing
  }

  static func entry(path: String, root: String, location: SMBLocation, status: SMBStatus) -> WalkEntry {
    WalkEntry(
      path: path, root: root, size: status.size, mtime: status.mtime, inode: status.fileID, device: location.device,
      mayRepeat: false)
  }
}
