import Foundation
import NokoriCore
import NokoriWalk
import Testing

/// `DirectoryLister.list(_:leavingOut:)`: what a sweep uses to leave out unchanged files
/// before any entry is made for them.
@Suite struct LeavingOutTests {
  private let lister = DirectoryLister(options: WalkOptions())

  private func pending(_ tree: Tree) throws -> PendingDirectory {
    try #require(try lister.root(tree.root).subdirectories.first)
  }

  @Test func filesLeftOutAreCountedAndTheOthersListedAsWithoutIt() throws {
    let tree = try Tree()
    try tree.file("keep.txt", "1")
    try tree.file("名簿.csv", "22")
    try tree.file("read-again.txt", "333")
    try tree.directory("sub")
    let directory = try pending(tree)
    let plainListing = lister.list(directory)
    var offered: [ListedFile] = []
    let listing = lister.list(directory) { files in
      offered += files
      return files.map { $0.pathHash != PathHash.of(tree.path("read-again.txt")) }
    }
    #expect(listing.leftOut == 2)
    #expect(listing.filePaths == [tree.path("read-again.txt")])
    #expect(listing.files == plainListing.files.filter { $0.path == tree.path("read-again.txt") })
    #expect(listing.subdirectoryPaths == plainListing.subdirectoryPaths)
    // Each file is offered once, by the hash of its whole path and the identity the plain listing gives it.
    #expect(offered.count == 3)
    for entry in plainListing.files {
      let file = try #require(offered.first { $0.pathHash == PathHash.of(entry.path) }, "\(entry.path)")
      #expect(
        file
          == ListedFile(
            pathHash: PathHash.of(entry.path), size: entry.size, mtime: entry.mtime, ctime: entry.ctime,
            inode: entry.inode, device: entry.device))
    }
  }

  @Test func linksHardLinksAndOddNamesAreNeverOffered() throws {
    let tree = try Tree()
    try tree.file("original.txt", "shared")
    try tree.hardLink("second-name.txt", to: "original.txt")
    try tree.symlink("link.txt", to: "original.txt")
    try tree.rawEntry([0x8C, 0xC2, 0x90, 0x6C, 0x2E, 0x74, 0x78, 0x74])
    try tree.file("plain.txt", "p")
    var offered: [ListedFile] = []
    let listing = lister.list(try pending(tree)) { files in
      offered += files
      return files.map { _ in true }
    }
    #expect(offered.map(\.pathHash) == [PathHash.of(tree.path("plain.txt"))])
    #expect(listing.leftOut == 1)
    // The hard links stay entries (the scanner matches them up); the link and the name that
    // is not UTF-8 are reported as they are without `leavingOut`.
    #expect(listing.filePaths == [tree.path("original.txt"), tree.path("second-name.txt")])
    #expect(listing.files.allSatisfy { $0.mayRepeat })
    #expect(listing.reports.map(\.outcome).sorted { $0.rawValue < $1.rawValue } == [.symlink, .unreadable])
  }

  @Test func aTrailingSlashOnTheDirectoryHashesTheSamePath() throws {
    let tree = try Tree()
    try tree.file("a.txt", "a")
    var directory = try pending(tree)
    directory.path += "/"
    var offered: [UInt64] = []
    _ = lister.list(directory) { files in
      offered += files.map(\.pathHash)
      return files.map { _ in false }
    }
    #expect(offered == [PathHash.of(tree.path("a.txt"))])
  }
}
