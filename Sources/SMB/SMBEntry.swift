/// What libsmbclient says about one file or directory: the identity a sweep keys on.
public struct SMBStatus: Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    case file, directory, other
  }

  public var kind: Kind
  public var size: Int64
  /// Seconds since the epoch, with the server's sub-second part.
  public var mtime: Double
  /// The change time where the server gives one; 0 otherwise.
  public var ctime: Double
  /// The server's file id (SMB2 FileId / Samba's inode), 0 when the server gives none.
  public var fileID: UInt64
}

/// One name in a listed SMB directory.
public struct SMBDirectoryEntry: Sendable, Equatable {
  /// The name as the server sent it, decoded from UTF-8.
  public var name: String
  public var status: SMBStatus
}
