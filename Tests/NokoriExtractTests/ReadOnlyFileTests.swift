import Foundation
import NokoriExtract
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct ReadOnlyFileTests {
  @Test func fifoIsRefusedWithoutBlocking() throws {
    let directory = try ScratchDirectory()
    let path = directory.file("pipe")
    #expect(mkfifo(path, 0o600) == 0)
    // No writer exists: a blocking open would hang here forever. O_NONBLOCK returns at once.
    #expect(throws: FileOpenError.notRegular) {
      _ = try ReadOnlyFile(path: path)
    }
    #expect(throws: FileOpenError.notRegular) {
      _ = try ReadOnlyFile(path: path, followLinks: true)
    }
  }

  @Test func directoryIsNotRegular() throws {
    let directory = try ScratchDirectory()
    #expect(throws: FileOpenError.notRegular) {
      _ = try ReadOnlyFile(path: directory.path)
    }
  }

  @Test func missingFileIsVanished() throws {
    let directory = try ScratchDirectory()
    do {
      _ = try ReadOnlyFile(path: directory.file("gone.txt"))
      Issue.record("a missing file was opened")
    } catch {
      #expect(error == .system(errno: ENOENT))
      #expect(error.isVanished)
      #expect(error.description == "No such file or directory")
    }
  }

  @Test func pathThroughAFileIsVanished() throws {
    let directory = try ScratchDirectory()
    let file = try directory.write("plain.txt", Array("x".utf8))
    do {
      _ = try ReadOnlyFile(path: file + "/child")
      Issue.record("opened a path under a regular file")
    } catch {
      #expect(error == .system(errno: ENOTDIR))
      #expect(error.isVanished)
    }
  }

  @Test func otherErrorsAreNotVanished() {
    #expect(!FileOpenError.notRegular.isVanished)
    #expect(!FileOpenError.system(errno: EACCES).isVanished)
    #expect(!FileOpenError.system(errno: EIO).isVanished)
    #expect(FileOpenError.system(errno: ESTALE).isVanished)
    #expect(FileOpenError.notRegular.description == "not a regular file")
  }

  @Test func readsAtOffsets() throws {
    let directory = try ScratchDirectory()
    let path = try directory.write("digits.txt", Array("0123456789ABCDEF".utf8))
    let file = try ReadOnlyFile(path: path)
    #expect(file.path == path)
    #expect(file.status.st_size == 16)
    #expect(file.status.st_mode & S_IFMT == S_IFREG)

    func read(_ count: Int, at offset: Int64) throws -> String {
      var buffer = [UInt8](repeating: 0, count: count)
      let got = try buffer.withUnsafeMutableBytes { try file.read(into: $0, at: offset) }
      return String(decoding: buffer[0..<got], as: UTF8.self)
    }
    #expect(try read(4, at: 10) == "ABCD")
    #expect(try read(4, at: 0) == "0123")
    #expect(try read(4, at: 14) == "EF", "a short read at the end")
    #expect(try read(4, at: 16) == "", "0 bytes at end of file")
    #expect(try read(4, at: 1000) == "")
    #expect(try read(100, at: 3) == "3456789ABCDEF")
    #expect(try read(0, at: 0) == "")
  }

  @Test func symlinkIsRefusedUnlessFollowed() throws {
    let directory = try ScratchDirectory()
    let target = try directory.write("target.txt", Array("hello".utf8))
    let link = directory.file("link.txt")
    #expect(symlink(target, link) == 0)
    #expect(throws: FileOpenError.system(errno: ELOOP)) {
      _ = try ReadOnlyFile(path: link)
    }
    let file = try ReadOnlyFile(path: link, followLinks: true)
    #expect(file.status.st_size == 5)
  }

  @Test func readingDoesNotUpdateTheAccessTime() throws {
    let directory = try ScratchDirectory()
    let path = try directory.write("old.txt", Array("content".utf8))
    // An access time well in the past, so relatime would refresh it on a normal read.
    var times = [timespec(tv_sec: 946_684_800, tv_nsec: 0), timespec(tv_sec: time(nil), tv_nsec: 0)]
    #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
    do {
      let file = try ReadOnlyFile(path: path)
      var buffer = [UInt8](repeating: 0, count: 16)
      let count = try buffer.withUnsafeMutableBytes { try file.read(into: $0, at: 0) }
      #expect(count == 7)
    }
    var info = stat()
    #expect(stat(path, &info) == 0)
    #expect(info.st_atim.tv_sec == 946_684_800)
  }
}
