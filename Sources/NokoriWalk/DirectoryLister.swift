import NokoriCore

#if canImport(Glibc)
  import Glibc
#endif

/// Lists one directory: classifies each entry by `lstat` (never opening FIFOs, sockets or
/// devices), applies excludes, refuses link loops and other filesystems, and records an
/// outcome for everything it does not hand on as a file or subdirectory.
public struct DirectoryLister: Sendable {
  public let options: WalkOptions

  /// What one directory held.
  public struct Listing: Sendable {
    public var files: [WalkEntry] = []
    public var subdirectories: [PendingDirectory] = []
    /// Entries that end here with an outcome (links, special files, unreadable, vanished…).
    public var reports: [FileReport] = []
    public var excluded = 0
    /// Regular files the caller's `leavingOut` took out (see ``DirectoryLister/list(_:leavingOut:)``).
    public var leftOut = 0

    public init() {}
  }

  public init(options: WalkOptions) {
    self.options = options
  }

  /// Starts a walk at `path`: a directory to list, a file to scan, or an outcome.
  /// - Throws: ``RootError`` when the root does not exist or cannot be examined.
  public func root(_ path: String) throws(RootError) -> Listing {
    var info = stat()
    guard stat(path, &info) == 0 else { throw RootError(path: path, errno: errno) }
    var listing = Listing()
    let identity = FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    switch info.st_mode & S_IFMT {
    case S_IFDIR:
      // A root that is a link to a directory is entered even without followLinks: `list`
      // opens with O_NOFOLLOW, which a trailing slash overrides for the root alone.
      var link = stat()
      let isLink = lstat(path, &link) == 0 && link.st_mode & S_IFMT == S_IFLNK
      let listPath = isLink && !path.hasSuffix("/") ? path + "/" : path
      listing.subdirectories.append(
        PendingDirectory(path: listPath, root: path, rootDevice: identity.device, ancestors: [identity]))
    case S_IFREG:
      listing.files.append(Self.entry(path: path, root: path, info: info, mayRepeat: false))
    default:
      listing.reports.append(Self.specialReport(path: path, info: info))
    }
    return listing
  }

  /// Lists `directory`. With `leavingOut`, the regular files met that cannot be met twice
  /// (not links, not hard-linked) are handed to it together, as ``ListedFile``s, before any
  /// path string or entry is made for them; those it answers true for are left out of the
  /// listing and counted in ``Listing/leftOut``. A sweep of unchanged files then makes
  /// almost nothing per file but the `fstatat`.
  public func list(_ directory: PendingDirectory, leavingOut: (([ListedFile]) -> [Bool])? = nil) -> Listing {
    var listing = Listing()
    var flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC
    // Not following links: refuse a directory swapped for a link since it was listed.
    if !options.followLinks { flags |= O_NOFOLLOW }
    var fd = open(directory.path, flags | LinuxOpenFlags.noAccessTime)
    if fd < 0, errno == EPERM { fd = open(directory.path, flags) }
    guard fd >= 0, let stream = fdopendir(fd) else {
      let code = errno
      if fd >= 0 { close(fd) }
      listing.reports.append(Self.failure(path: directory.path, errno: code, what: "directory"))
      return listing
    }
    defer { closedir(stream) }
    let prefix = directory.path.hasSuffix("/") ? directory.path : directory.path + "/"
    var pending = leavingOut.map { _ in PendingFiles(prefixHash: PathHash.of(prefix)) }
    while true {
      errno = 0
      guard let entry = readdir(stream) else {
        if errno != 0 {
          listing.reports.append(Self.failure(path: directory.path, errno: errno, what: "directory (listing stopped)"))
        }
        break
      }
      withUnsafeMutablePointer(to: &entry.pointee.d_name) { field in
        field.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: field.pointee)) { name in
          take(name, directoryFD: fd, in: directory, prefix: prefix, pending: &pending, into: &listing)
        }
      }
    }
    if let leavingOut, let pending, !pending.files.isEmpty {
      let covered = leavingOut(pending.files)
      for (index, file) in pending.files.enumerated() {
        if index < covered.count, covered[index] {
          listing.leftOut += 1
          continue
        }
        let name = String(decoding: pending.names[pending.nameRanges[index]], as: UTF8.self)
        listing.files.append(WalkEntry(path: prefix + name, root: directory.root, listed: file))
      }
    }
    return listing
  }

  /// Regular files held back for a directory's `leavingOut`, with their names' bytes.
  struct PendingFiles {
    let prefixHash: UInt64
    var files: [ListedFile] = []
    var names: [UInt8] = []
    var nameRanges: [Range<Int>] = []

    /// Holds back the regular file named `name` with status `info`.
    mutating func hold(_ name: UnsafeRawBufferPointer, info: stat) {
      files.append(
        ListedFile(
          pathHash: PathHash.of(name, continuing: prefixHash), size: Int64(info.st_size),
          mtime: DirectoryLister.seconds(info.st_mtim), ctime: DirectoryLister.seconds(info.st_ctim),
          inode: UInt64(info.st_ino), device: UInt64(info.st_dev)))
      let start = names.count
      names.append(contentsOf: name)
      nameRanges.append(start..<names.count)
    }
  }

  /// Takes one directory entry named by the C string `name`: a path and a `String` are made
  /// only for what is not held back in `pending`.
  private func take(
    _ name: UnsafePointer<CChar>, directoryFD fd: Int32, in directory: PendingDirectory, prefix: String,
    pending: inout PendingFiles?, into listing: inout Listing
  ) {
    let bytes = UnsafeRawBufferPointer(start: name, count: strlen(name))
    if bytes.count <= 2, bytes.allSatisfy({ $0 == UInt8(ascii: ".") }) { return }
    var text: String?
    if !options.excludes.isEmpty {
      let decoded = String(decoding: bytes, as: UTF8.self)
      if options.isExcluded(name: decoded, path: prefix + decoded) {
        listing.excluded += 1
        return
      }
      text = decoded
    }
    // A name that is not UTF-8 (CP932 from a Windows share…) does not survive a String:
    // it could not be opened by `path`. Report the gap rather than let it pass as vanished.
    if !bytes.allSatisfy({ $0 < 0x80 }) {
      guard let valid = String(validating: bytes, as: UTF8.self) else {
        listing.reports.append(
          FileReport(
            path: prefix + String(decoding: bytes, as: UTF8.self), outcome: .unreadable,
            detail: "name is not valid UTF-8, not scanned"))
        return
      }
      text = valid
    }
    var info = stat()
    guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
      let code = errno
      listing.reports.append(
        Self.failure(path: prefix + (text ?? String(decoding: bytes, as: UTF8.self)), errno: code, what: "entry"))
      return
    }
    if pending != nil, info.st_mode & S_IFMT == S_IFREG, info.st_nlink <= 1 {
      pending?.hold(bytes, info: info)
      return
    }
    let decoded = text ?? String(decoding: bytes, as: UTF8.self)
    classify(path: prefix + decoded, name: decoded, info: info, directoryFD: fd, parent: directory, into: &listing)
  }

  private func classify(
    path: String, name: String, info: stat, directoryFD: Int32, parent: PendingDirectory, into listing: inout Listing
  ) {
    switch info.st_mode & S_IFMT {
    case S_IFREG:
      listing.files.append(Self.entry(path: path, root: parent.root, info: info, mayRepeat: info.st_nlink > 1))
    case S_IFDIR:
      descend(path: path, info: info, parent: parent, viaLink: false, into: &listing)
    case S_IFLNK:
      guard options.followLinks else {
        listing.reports.append(FileReport(path: path, outcome: .symlink, detail: "symbolic link, not followed"))
        return
      }
      var target = stat()
      guard fstatat(directoryFD, name, &target, 0) == 0 else {
        let code = errno
        let detail = code == ELOOP ? "link loop" : "link target: \(String(cString: strerror(code)))"
        listing.reports.append(FileReport(path: path, outcome: code == ELOOP ? .linkLoop : .vanished, detail: detail))
        return
      }
      switch target.st_mode & S_IFMT {
      case S_IFREG:
        listing.files.append(Self.entry(path: path, root: parent.root, info: target, mayRepeat: true))
      case S_IFDIR:
        descend(path: path, info: target, parent: parent, viaLink: true, into: &listing)
      default:
        listing.reports.append(Self.specialReport(path: path, info: target))
      }
    default:
      listing.reports.append(Self.specialReport(path: path, info: info))
    }
  }

  private func descend(path: String, info: stat, parent: PendingDirectory, viaLink: Bool, into listing: inout Listing) {
    let identity = FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    if parent.ancestors.contains(identity) {
      listing.reports.append(
        FileReport(path: path, outcome: .linkLoop, detail: "leads back to a directory above it"))
      return
    }
    if options.oneFileSystem, identity.device != parent.rootDevice {
      listing.reports.append(
        FileReport(path: path, outcome: .otherFilesystem, detail: "mount point of another filesystem, not crossed"))
      return
    }
    listing.subdirectories.append(
      PendingDirectory(
        path: path, root: parent.root, rootDevice: parent.rootDevice, ancestors: parent.ancestors + [identity]))
  }

  static func entry(path: String, root: String, info: stat, mayRepeat: Bool) -> WalkEntry {
    WalkEntry(
      path: path, root: root, size: Int64(info.st_size), mtime: seconds(info.st_mtim), inode: UInt64(info.st_ino),
      device: UInt64(info.st_dev), mayRepeat: mayRepeat, ctime: seconds(info.st_ctim))
  }

  /// A timestamp as stored: every place that compares one with a stored verdict makes it here.
  static func seconds(_ time: timespec) -> Double {
    Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }

  static func specialReport(path: String, info: stat) -> FileReport {
    let kind: String
    switch info.st_mode & S_IFMT {
    case S_IFIFO: kind = "FIFO"
    case S_IFSOCK: kind = "socket"
    case S_IFCHR: kind = "character device"
    case S_IFBLK: kind = "block device"
    default: kind = "special file"
    }
    return FileReport(path: path, outcome: .specialFile, detail: "\(kind), not opened")
  }

  static func failure(path: String, errno code: Int32, what: String) -> FileReport {
    let vanished = code == ENOENT || code == ENOTDIR || code == ESTALE
    return FileReport(
      path: path, outcome: vanished ? .vanished : .unreadable,
      detail: "\(what): \(String(cString: strerror(code)))")
  }
}

/// A root that cannot be walked at all: a usage error, not a per-file outcome.
public struct RootError: Error, CustomStringConvertible {
  public var path: String
  public var errno: Int32
  public var description: String { "\(path): \(String(cString: strerror(errno)))" }
}

extension DirectoryLister {
  /// Walks `root` depth-first on the calling thread: for tests and small trees. Scans use
  /// the scanner's parallel walk, which lists several directories at once.
  public func walkSequentially(_ root: String) throws(RootError) -> Listing {
    var result = Listing()
    var start = try self.root(root)
    result.files = start.files
    result.reports = start.reports
    var stack = start.subdirectories
    start.subdirectories = []
    while let directory = stack.popLast() {
      let listing = list(directory)
      result.files += listing.files
      result.reports += listing.reports
      result.excluded += listing.excluded
      stack += listing.subdirectories.reversed()
    }
    return result
  }
}
