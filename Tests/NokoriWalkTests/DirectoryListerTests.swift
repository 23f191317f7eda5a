import Foundation
import NokoriCore
import NokoriWalk
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct DirectoryListerTests {
  private let plain = DirectoryLister(options: WalkOptions())
  private let following = DirectoryLister(options: WalkOptions(followLinks: true))

  // MARK: - Roots

  @Test func missingRootThrows() throws {
    let tree = try Tree()
    let missing = tree.path("does-not-exist")
    do {
      _ = try plain.root(missing)
      Issue.record("root() accepted a missing path")
    } catch {
      #expect(error.path == missing)
      #expect(error.errno == ENOENT)
      #expect(error.description.hasSuffix("No such file or directory"))
    }
    #expect(throws: RootError.self) { _ = try plain.walkSequentially(missing) }
  }

  @Test func directoryRootIsPendingForListing() throws {
    let tree = try Tree()
    let listing = try plain.root(tree.root)
    #expect(listing.files.isEmpty)
    #expect(listing.reports.isEmpty)
    let pending = try #require(listing.subdirectories.first)
    #expect(listing.subdirectories.count == 1)
    #expect(pending.path == tree.root)
    #expect(pending.root == tree.root)
    let info = try tree.status("")
    #expect(pending.ancestors == [FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))])
    #expect(pending.rootDevice == UInt64(info.st_dev))
  }

  @Test func fileRootIsReturnedAsAFile() throws {
    let tree = try Tree()
    let path = try tree.file("single.csv", "a,b\n1,2\n")
    let listing = try plain.root(path)
    #expect(listing.subdirectories.isEmpty)
    #expect(listing.reports.isEmpty)
    let entry = try #require(listing.files.first)
    #expect(listing.files.count == 1)
    #expect(entry.path == path)
    #expect(entry.root == path)
    #expect(entry.size == 8)
    #expect(!entry.mayRepeat)
    let info = try tree.status("single.csv")
    #expect(entry.inode == UInt64(info.st_ino))
    #expect(entry.device == UInt64(info.st_dev))
    // walkSequentially gives the same single file.
    #expect(try plain.walkSequentially(path).files == listing.files)
  }

  @Test func fifoRootIsASpecialFile() throws {
    let tree = try Tree()
    let path = try tree.fifo("pipe")
    let listing = try plain.root(path)
    #expect(listing.files.isEmpty)
    #expect(listing.report(path)?.outcome == .specialFile)
  }

  // MARK: - Files and directories

  @Test func regularFilesAreFoundWithTheirSizes() throws {
    let tree = try Tree()
    try tree.file("a.txt", "hello")
    try tree.file("sub/b.csv", "id,name\n1,x\n")
    try tree.file("sub/deeper/c.txt", "")
    try tree.file("sub/deeper/deepest/d.txt", String(repeating: "x", count: 10_000))
    try tree.directory("empty")
    let listing = try plain.walkSequentially(tree.root)
    #expect(listing.reports.isEmpty)
    #expect(listing.excluded == 0)
    #expect(listing.subdirectories.isEmpty)
    let sizes = Dictionary(uniqueKeysWithValues: listing.files.map { ($0.path, $0.size) })
    #expect(
      sizes == [
        tree.path("a.txt"): 5,
        tree.path("sub/b.csv"): 12,
        tree.path("sub/deeper/c.txt"): 0,
        tree.path("sub/deeper/deepest/d.txt"): 10_000,
      ])
    for entry in listing.files {
      #expect(entry.root == tree.root)
      #expect(!entry.mayRepeat)
    }
  }

  @Test func listOneDirectoryHandsOnItsSubdirectories() throws {
    let tree = try Tree()
    try tree.file("top.txt", "1")
    try tree.file("sub/inner.txt", "22")
    try tree.directory("other")
    let start = try plain.root(tree.root)
    let pending = try #require(start.subdirectories.first)
    let listing = plain.list(pending)
    #expect(listing.filePaths == [tree.path("top.txt")])
    #expect(listing.subdirectoryPaths == [tree.path("sub"), tree.path("other")])
    let sub = try #require(listing.subdirectories.first { $0.path == tree.path("sub") })
    #expect(sub.root == tree.root)
    #expect(sub.ancestors.count == 2)
    #expect(sub.ancestors.first == pending.ancestors.first)
    let info = try tree.status("sub")
    #expect(sub.ancestors.last == FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
    // Listing the subdirectory finds what is in it, one level only.
    #expect(plain.list(sub).filePaths == [tree.path("sub/inner.txt")])
  }

  @Test func modificationTimeIsRecorded() throws {
    let tree = try Tree()
    let path = try tree.file("dated.txt", "x")
    var times = [
      timespec(tv_sec: time(nil), tv_nsec: 0), timespec(tv_sec: 1_700_000_000, tv_nsec: 250_000_000),
    ]
    #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
    let entry = try #require(try plain.walkSequentially(tree.root).file(path))
    #expect(abs(entry.mtime - 1_700_000_000.25) < 0.001)
  }

  @Test func trailingSlashOnTheRootDoesNotDoubleSlashes() throws {
    let tree = try Tree()
    try tree.file("sub/x.txt", "x")
    let listing = try plain.walkSequentially(tree.root + "/")
    #expect(listing.filePaths == [tree.path("sub/x.txt")])
  }

  @Test func namesWithSpacesAndJapanese() throws {
    let tree = try Tree()
    let path = try tree.file("顧客 一覧/名簿 2024.csv", "a")
    #expect(try plain.walkSequentially(tree.root).filePaths == [path])
  }

  // MARK: - Symbolic links

  @Test func symlinksAreReportedWhenNotFollowed() throws {
    let tree = try Tree()
    try tree.file("real/data.txt", "data")
    try tree.symlink("file-link", to: tree.path("real/data.txt"))
    try tree.symlink("dir-link", to: "real")
    let listing = try plain.walkSequentially(tree.root)
    #expect(listing.filePaths == [tree.path("real/data.txt")], "nothing is reached through a link")
    #expect(listing.report(tree.path("file-link"))?.outcome == .symlink)
    #expect(listing.report(tree.path("dir-link"))?.outcome == .symlink)
    #expect(listing.reports.count == 2)
  }

  @Test func followedLinksAreWalkedAndMayRepeat() throws {
    let tree = try Tree()
    try tree.file("real/data.txt", "data")
    try tree.symlink("file-link", to: tree.path("real/data.txt"))
    try tree.symlink("dir-link", to: "real")
    let listing = try following.walkSequentially(tree.root)
    #expect(listing.reports.isEmpty)
    #expect(
      listing.filePaths == [tree.path("real/data.txt"), tree.path("file-link"), tree.path("dir-link/data.txt")])
    let viaLink = try #require(listing.file(tree.path("file-link")))
    #expect(viaLink.mayRepeat, "a file reached through a link may be met again")
    #expect(viaLink.size == 4)
    let real = try #require(listing.file(tree.path("real/data.txt")))
    #expect(viaLink.inode == real.inode)
  }

  @Test func symlinkLoopToParentIsReportedAndTheWalkEnds() throws {
    let tree = try Tree()
    try tree.file("dir/file.txt", "x")
    try tree.symlink("dir/link", to: "..")
    let listing = try following.walkSequentially(tree.root)
    #expect(listing.filePaths == [tree.path("dir/file.txt")])
    let report = try #require(listing.report(tree.path("dir/link")))
    #expect(report.outcome == .linkLoop)
    #expect(listing.reports.count == 1)
  }

  @Test func symlinkLoopToItsOwnDirectory() throws {
    let tree = try Tree()
    try tree.file("dir/file.txt", "x")
    try tree.symlink("dir/self", to: ".")
    let listing = try following.walkSequentially(tree.root)
    #expect(listing.filePaths == [tree.path("dir/file.txt")])
    #expect(listing.report(tree.path("dir/self"))?.outcome == .linkLoop)
  }

  @Test func symlinkBackToTheRootIsALoop() throws {
    // The link leads to the root itself from two levels down.
    let tree = try Tree()
    try tree.file("a/b/file.txt", "x")
    try tree.symlink("a/b/up", to: tree.root)
    let listing = try following.walkSequentially(tree.root)
    #expect(listing.filePaths == [tree.path("a/b/file.txt")])
    #expect(listing.report(tree.path("a/b/up"))?.outcome == .linkLoop)
  }

  @Test func selfReferencingSymlinkIsALoop() throws {
    let tree = try Tree()
    try tree.symlink("ouroboros", to: "ouroboros")
    let listing = try following.walkSequentially(tree.root)
    let report = try #require(listing.report(tree.path("ouroboros")))
    #expect(report.outcome == .linkLoop)
    #expect(report.detail == "link loop")
  }

  @Test func danglingSymlink() throws {
    let tree = try Tree()
    try tree.symlink("dangling", to: "nowhere.txt")
    let notFollowed = try plain.walkSequentially(tree.root)
    #expect(notFollowed.report(tree.path("dangling"))?.outcome == .symlink)
    #expect(notFollowed.files.isEmpty)
    // Followed, the missing target is reported (as gone), not thrown, and not listed.
    let followed = try following.walkSequentially(tree.root)
    #expect(followed.files.isEmpty)
    let report = try #require(followed.report(tree.path("dangling")))
    #expect(report.outcome == .vanished)
    #expect(report.detail?.contains("No such file or directory") == true)
  }

  @Test(arguments: [false, true])
  func symlinkedRootIsWalked(followLinks: Bool) throws {
    // A link given as the root is the user's choice: it is entered even when links met
    // during the walk are not followed. Paths keep the name the user gave.
    let tree = try Tree()
    try tree.file("real/data.txt", "data")
    try tree.file("real/sub/more.txt", "more")
    try tree.symlink("real/sub/inner-link", to: "..")
    let link = try tree.symlink("root-link", to: "real")
    let lister = DirectoryLister(options: WalkOptions(followLinks: followLinks))
    let listing = try lister.walkSequentially(link)
    #expect(listing.filePaths == [link + "/data.txt", link + "/sub/more.txt"])
    #expect(listing.files.allSatisfy { $0.root == link })
    // Links inside the tree still obey the option.
    let inner = try #require(listing.report(link + "/sub/inner-link"))
    #expect(inner.outcome == (followLinks ? .linkLoop : .symlink))
    #expect(listing.reports.count == 1)
  }

  // MARK: - Names that are not UTF-8

  @Test func namesThatAreNotUTF8AreReportedAsCoverageGaps() throws {
    // 個人.txt and 名簿 in CP932 bytes: such a name cannot be held in a String, so the entry
    // cannot be opened by the path the walk would hand on. It must not pass for "vanished"
    // (which is no coverage gap): it is reported unreadable, and the walk goes on.
    let tree = try Tree()
    try tree.file("ordinary.txt", "x")
    try tree.rawEntry([0x8C, 0xC2, 0x90, 0x6C, 0x2E, 0x74, 0x78, 0x74])
    try tree.rawEntry([0x96, 0xBC, 0x95, 0xEB], directory: true)
    let listing = try plain.walkSequentially(tree.root)
    #expect(listing.filePaths == [tree.path("ordinary.txt")])
    #expect(listing.reports.count == 2)
    for report in listing.reports {
      #expect(report.outcome == .unreadable, "\(report.path)")
      #expect(report.outcome.isCoverageGap)
      #expect(report.detail?.contains("UTF-8") == true)
    }
  }

  // MARK: - Special files

  @Test func fifoAndSocketAreSpecialFilesAndNeverOpened() throws {
    let tree = try Tree()
    let pipe = try tree.fifo("pipe")
    let socket = try tree.socket("sock")
    try tree.file("ordinary.txt", "x")
    // If the lister opened the FIFO for reading (no writer exists) this call would hang.
    let listing = try plain.walkSequentially(tree.root)
    #expect(listing.filePaths == [tree.path("ordinary.txt")])
    let pipeReport = try #require(listing.report(pipe))
    #expect(pipeReport.outcome == .specialFile)
    #expect(pipeReport.detail == "FIFO, not opened")
    let socketReport = try #require(listing.report(socket))
    #expect(socketReport.outcome == .specialFile)
    #expect(socketReport.detail == "socket, not opened")
  }

  @Test func followedLinkToAFIFOIsASpecialFile() throws {
    let tree = try Tree()
    try tree.fifo("pipe")
    try tree.symlink("to-pipe", to: "pipe")
    let listing = try following.walkSequentially(tree.root)
    #expect(listing.files.isEmpty)
    #expect(listing.report(tree.path("to-pipe"))?.outcome == .specialFile)
    #expect(listing.report(tree.path("pipe"))?.outcome == .specialFile)
  }

  @Test func deviceNodeIsASpecialFile() throws {
    let listing = try plain.root("/dev/null")
    #expect(listing.files.isEmpty)
    #expect(listing.report("/dev/null")?.outcome == .specialFile)
    #expect(listing.report("/dev/null")?.detail == "character device, not opened")
  }

  // MARK: - Directories that cannot be read

  @Test(
    .enabled(
      if: geteuid() != 0,
      "root (CAP_DAC_OVERRIDE) reads a mode-000 directory anyway; directoryTooDeepForAPathIsUnreadableAndTheWalkGoesOn covers .unreadable as root"
    ))
  func unreadableDirectoryIsReportedAndTheWalkGoesOn() throws {
    let tree = try Tree()
    try tree.file("locked/secret.txt", "x")
    try tree.file("open.txt", "y")
    #expect(chmod(tree.path("locked"), 0o000) == 0)
    defer { _ = chmod(tree.path("locked"), 0o755) }
    let listing = try plain.walkSequentially(tree.root)
    #expect(listing.filePaths == [tree.path("open.txt")])
    let report = try #require(listing.report(tree.path("locked")))
    #expect(report.outcome == .unreadable)
    #expect(report.detail?.contains("Permission denied") == true)
  }

  @Test func directoryTooDeepForAPathIsUnreadableAndTheWalkGoesOn() throws {
    // Works as root: a directory whose full path is longer than PATH_MAX (4096) cannot be
    // opened by path (ENAMETOOLONG). It must be reported, not silently skipped or thrown.
    let tree = try Tree()
    try tree.file("shallow.txt", "x")
    let name = String(repeating: "d", count: 200)
    var descriptors: [Int32] = [open(tree.root, O_RDONLY | O_DIRECTORY)]
    var path = tree.root
    var deepestReachable = ""
    var tooLong = ""
    defer {
      // Remove bottom-up through the descriptors: the paths are too long for FileManager.
      for level in stride(from: descriptors.count - 1, through: 1, by: -1) {
        _ = unlinkat(descriptors[level], "f.txt", 0)
        _ = unlinkat(descriptors[level - 1], name, AT_REMOVEDIR)
      }
      for descriptor in descriptors where descriptor >= 0 { close(descriptor) }
    }
    while tooLong.isEmpty {
      let parent = try #require(descriptors.last.flatMap { $0 >= 0 ? $0 : nil })
      try #require(mkdirat(parent, name, 0o755) == 0)
      let child = openat(parent, name, O_RDONLY | O_DIRECTORY)
      descriptors.append(child)
      try #require(child >= 0)
      let file = openat(child, "f.txt", O_WRONLY | O_CREAT, 0o644)
      try #require(file >= 0)
      close(file)
      path += "/" + name
      if path.utf8.count + 1 > Int(PATH_MAX) { tooLong = path } else { deepestReachable = path + "/f.txt" }
    }
    let listing = try plain.walkSequentially(tree.root)
    #expect(listing.filePaths.contains(tree.path("shallow.txt")))
    #expect(listing.filePaths.contains(deepestReachable))
    #expect(!listing.filePaths.contains(tooLong + "/f.txt"))
    let report = try #require(listing.report(tooLong))
    #expect(report.outcome == .unreadable)
    #expect(report.detail?.contains("File name too long") == true)
    #expect(listing.reports.count == 1)
  }

  @Test func directoryReplacedByASymlinkIsNotEntered() throws {
    // A directory that was listed, then swapped for a link before it is read, is refused
    // (O_NOFOLLOW) and reported as gone instead of being entered.
    let tree = try Tree()
    try tree.file("elsewhere/secret.txt", "x")
    try tree.file("dir/inside.txt", "y")
    let start = try plain.root(tree.root)
    let listing = plain.list(try #require(start.subdirectories.first))
    let pending = try #require(listing.subdirectories.first { $0.path == tree.path("dir") })
    try FileManager.default.removeItem(atPath: tree.path("dir"))
    try tree.symlink("dir", to: "elsewhere")
    let swapped = plain.list(pending)
    #expect(swapped.files.isEmpty)
    #expect(swapped.subdirectories.isEmpty)
    let report = try #require(swapped.report(tree.path("dir")))
    #expect(report.outcome == .vanished)
    #expect(report.detail?.contains("Not a directory") == true)
  }

  @Test func directoryRemovedBeforeListingIsVanished() throws {
    let tree = try Tree()
    try tree.file("dir/inside.txt", "y")
    let start = try plain.root(tree.root)
    let listing = plain.list(try #require(start.subdirectories.first))
    let pending = try #require(listing.subdirectories.first)
    try FileManager.default.removeItem(atPath: tree.path("dir"))
    let gone = plain.list(pending)
    #expect(gone.files.isEmpty)
    #expect(gone.report(tree.path("dir"))?.outcome == .vanished)
  }

  // MARK: - Excludes

  @Test func excludesByNameAndByPathAreCountedAndNotListed() throws {
    let tree = try Tree()
    try tree.file("keep.txt", "k")
    try tree.file("app.log", "l")
    try tree.file("sub/debug.log", "l")
    try tree.file("sub/keep.csv", "k")
    try tree.file("skip/hidden.txt", "h")
    try tree.file("sub/skip/hidden.txt", "h")
    try tree.file("skipnot/seen.txt", "s")
    let lister = DirectoryLister(options: WalkOptions(excludes: ["*.log", "*/skip"]))
    let listing = try lister.walkSequentially(tree.root)
    #expect(
      listing.filePaths == [tree.path("keep.txt"), tree.path("sub/keep.csv"), tree.path("skipnot/seen.txt")])
    #expect(listing.excluded == 4, "app.log, sub/debug.log, skip and sub/skip")
    #expect(listing.reports.isEmpty)
  }

  @Test func excludeMatching() {
    let options = WalkOptions(excludes: ["*.log", "*/node_modules"])
    #expect(options.isExcluded(name: "a.log", path: "/x/a.log"))
    #expect(options.isExcluded(name: "node_modules", path: "/x/y/node_modules"))
    #expect(!options.isExcluded(name: "node_modules.txt", path: "/x/node_modules.txt"))
    #expect(!options.isExcluded(name: "log", path: "/x/log"))
    #expect(!WalkOptions().isExcluded(name: "anything", path: "/anything"))
  }

  // MARK: - Hard links and filesystems

  @Test func hardLinksMayRepeat() throws {
    let tree = try Tree()
    try tree.file("original.txt", "shared")
    try tree.directory("sub")
    try tree.hardLink("sub/second-name.txt", to: "original.txt")
    try tree.file("single.txt", "alone")
    let listing = try plain.walkSequentially(tree.root)
    let first = try #require(listing.file(tree.path("original.txt")))
    let second = try #require(listing.file(tree.path("sub/second-name.txt")))
    #expect(first.mayRepeat)
    #expect(second.mayRepeat)
    #expect(first.inode == second.inode)
    #expect(first.device == second.device)
    #expect(listing.file(tree.path("single.txt"))?.mayRepeat == false)
  }

  @Test(
    .enabled(
      if: DirectoryListerTests.deviceOf("/dev/shm") != nil
        && DirectoryListerTests.deviceOf("/dev/shm") != DirectoryListerTests.deviceOf(NSTemporaryDirectory()),
      "needs /dev/shm on another filesystem than the temporary directory"))
  func otherFilesystemIsNotCrossed() throws {
    let tree = try Tree()
    try tree.symlink("shm", to: "/dev/shm")
    let pending = try #require(try following.root(tree.root).subdirectories.first)
    let listing = following.list(pending)
    #expect(listing.subdirectories.isEmpty)
    #expect(listing.report(tree.path("shm"))?.outcome == .otherFilesystem)

    let crossing = DirectoryLister(options: WalkOptions(followLinks: true, oneFileSystem: false))
    #expect(crossing.list(pending).subdirectoryPaths == [tree.path("shm")])
  }

  static func deviceOf(_ path: String) -> UInt64? {
    var info = stat()
    return stat(path, &info) == 0 ? UInt64(info.st_dev) : nil
  }
}
