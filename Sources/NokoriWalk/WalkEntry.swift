import NokoriCore

/// A regular file found by the walk, with the identity `lstat` gave it when listed.
public struct WalkEntry: Sendable, Equatable {
  public var path: String
  /// The root the walk found it under.
  public var root: String
  public var size: Int64
  public var mtime: Double
  public var inode: UInt64
  public var device: UInt64
  /// More than one hard link, or reached through a followed link: may be met again.
  public var mayRepeat: Bool
  /// Status-change time, seconds since 1970; 0 where the source has none (SMB).
  public var ctime: Double

  public init(
    path: String, root: String, size: Int64, mtime: Double, inode: UInt64, device: UInt64, mayRepeat: Bool,
    ctime: Double = 0
  ) {
    self.path = path
    self.root = root
    self.size = size
    self.mtime = mtime
    self.inode = inode
    self.device = device
    self.mayRepeat = mayRepeat
    self.ctime = ctime
  }
}

extension WalkEntry {
  /// The entry for a file the walk held back as `listed` at `path`.
  public init(path: String, root: String, listed: ListedFile) {
    self.init(
      path: path, root: root, size: listed.size, mtime: listed.mtime, inode: listed.inode, device: listed.device,
      mayRepeat: false, ctime: listed.ctime)
  }
}

/// A regular file as the walk first meets it: the hash of its path (``PathHash``) and the
/// identity `lstat` gave it, before any path string or ``WalkEntry`` is made for it.
public struct ListedFile: Sendable, Equatable {
  public var pathHash: UInt64
  public var size: Int64
  public var mtime: Double
  public var ctime: Double
  public var inode: UInt64
  public var device: UInt64

  public init(pathHash: UInt64, size: Int64, mtime: Double, ctime: Double, inode: UInt64, device: UInt64) {
    self.pathHash = pathHash
    self.size = size
    self.mtime = mtime
    self.ctime = ctime
    self.inode = inode
    self.device = device
  }
}

/// A directory waiting to be listed, with what is needed to refuse loops and mount points.
public struct PendingDirectory: Sendable {
  public var path: String
  public var root: String
  /// Device of the root: `oneFileSystem` compares against it.
  public var rootDevice: UInt64
  /// (device, inode) of this directory and every directory above it up to the root.
  public var ancestors: [FileIdentity]

  public init(path: String, root: String, rootDevice: UInt64, ancestors: [FileIdentity]) {
    self.path = path
    self.root = root
    self.rootDevice = rootDevice
    self.ancestors = ancestors
  }
}

/// A file's identity on this machine.
public struct FileIdentity: Hashable, Sendable {
  public var device: UInt64
  public var inode: UInt64
  public init(device: UInt64, inode: UInt64) {
    self.device = device
    self.inode = inode
  }
}
