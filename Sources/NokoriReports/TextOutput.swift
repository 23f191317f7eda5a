import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A buffered text sink over a file descriptor (stdout, stderr or an output file).
public final class TextOutput {
  private let descriptor: Int32
  private let ownsDescriptor: Bool
  private var buffer: [UInt8] = []
  /// Set when a write failed (e.g. a closed pipe); later writes are dropped.
  public private(set) var failed = false

  public static func standardOutput() -> TextOutput { TextOutput(descriptor: 1, owns: false) }
  public static func standardError() -> TextOutput { TextOutput(descriptor: 2, owns: false) }

  /// Creates (truncating) `path` with mode 0600: output files hold masked findings, still
  /// worth keeping private.
  public init(path: String) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw OutputError.cannotCreate(path: path, reason: String(cString: strerror(errno))) }
    descriptor = fd
    ownsDescriptor = true
  }

  private init(descriptor: Int32, owns: Bool) {
    self.descriptor = descriptor
    ownsDescriptor = owns
  }

  deinit {
    flush()
    if ownsDescriptor { close(descriptor) }
  }

  /// True when the descriptor is a terminal.
  public var isTerminal: Bool { isatty(descriptor) == 1 }

  public func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 1 << 16 { flush() }
  }

  public func line(_ text: String) { write(text + "\n") }

  public func flush() {
    guard !buffer.isEmpty, !failed else {
      buffer.removeAll(keepingCapacity: true)
      return
    }
    var offset = 0
    buffer.withUnsafeBytes { raw in
      while offset < raw.count {
        let written = Glibc.write(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          failed = true
          return
        }
        offset += written
      }
    }
    buffer.removeAll(keepingCapacity: true)
  }
}

/// An output file that could not be created.
public enum OutputError: Error, CustomStringConvertible {
  case cannotCreate(path: String, reason: String)
  public var description: String {
    switch self {
    case .cannotCreate(let path, let reason): "cannot create \(path): \(reason)"
    }
  }
}
