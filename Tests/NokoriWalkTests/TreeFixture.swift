import Foundation
import NokoriCore
import NokoriTestSupport
import NokoriWalk
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A real directory tree in a fresh temporary directory, removed when the value goes away.
final class Tree {
  let root: String

  init(_ label: String = "nokori-walk") throws {
    root = try TestPaths.temporaryDirectory(label).path
  }

  deinit {
    // Give back any permissions a test took away, then remove everything.
    _ = chmod(root, 0o755)
    if let enumerator = FileManager.default.enumerator(atPath: root) {
      for case let relative as String in enumerator {
        var info = Glibc.stat()
        let path = root + "/" + relative
        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { _ = chmod(path, 0o755) }
      }
    }
    try? FileManager.default.removeItem(atPath: root)
  }

  func path(_ relative: String) -> String { root + "/" + relative }

  @discardableResult
  func file(_ relative: String, _ content: String = "") throws -> String {
    let path = path(relative)
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(content.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  @discardableResult
  func directory(_ relative: String) throws -> String {
    let path = path(relative)
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  @discardableResult
  func symlink(_ relative: String, to target: String) throws -> String {
    let path = path(relative)
    try #require(Glibc.symlink(target, path) == 0, "symlink \(relative): \(errno)")
    return path
  }

  @discardableResult
  func hardLink(_ relative: String, to existing: String) throws -> String {
    let path = path(relative)
    try #require(link(self.path(existing), path) == 0, "link \(relative): \(errno)")
    return path
  }

  @discardableResult
  func fifo(_ relative: String) throws -> String {
    let path = path(relative)
    try #require(mkfifo(path, 0o600) == 0, "mkfifo \(relative): \(errno)")
    return path
  }

  /// Binds a Unix-domain socket at `relative`, then closes it: the socket file stays.
  @discardableResult
  func socket(_ relative: String) throws -> String {
    let path = path(relative)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    let capacity = MemoryLayout.size(ofValue: address.sun_path)
    try #require(bytes.count < capacity, "socket path too long: \(path)")
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      raw.copyBytes(from: bytes)
      raw[bytes.count] = 0
    }
    let descriptor = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    try #require(descriptor >= 0, "socket: \(errno)")
    defer { close(descriptor) }
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    try #require(result == 0, "bind: \(errno)")
    return path
  }

  /// Creates a file or directory in the root whose name is `name`, raw bytes that need not
  /// be UTF-8 (a CP932 name copied from a Windows share, say).
  @discardableResult
  func rawEntry(_ name: [UInt8], directory: Bool = false) throws -> Int32 {
    var path = Array(root.utf8) + [UInt8(ascii: "/")] + name
    path.append(0)
    let result = path.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars -> Int32 in
        if directory { return mkdir(chars.baseAddress!, 0o755) }
        let descriptor = open(chars.baseAddress!, O_WRONLY | O_CREAT, 0o644)
        if descriptor >= 0 { close(descriptor) }
        return descriptor >= 0 ? 0 : -1
      }
    }
    try #require(result == 0, "creating a raw-named entry: \(errno)")
    return result
  }

  func status(_ relative: String) throws -> Glibc.stat {
    var info = Glibc.stat()
    try #require(lstat(path(relative), &info) == 0)
    return info
  }
}

extension DirectoryLister.Listing {
  var filePaths: Set<String> { Set(files.map(\.path)) }

  func file(_ path: String) -> WalkEntry? { files.first { $0.path == path } }

  func report(_ path: String) -> FileReport? { reports.first { $0.path == path } }

  var subdirectoryPaths: Set<String> { Set(subdirectories.map(\.path)) }
}
