/// Bounds on what one file's archives may expand to: past them the file is a zip bomb.
public struct ZipLimits: Sendable {
  /// Nested archives opened below the file itself (a zip in a zip is depth 2).
  public var maxDepth = 4
  /// Members listed across all of a file's archives.
  public var maxMembers = 20_000
  /// Uncompressed bytes read across all of a file's archives.
  public var maxTotalBytes: Int64 = 8 << 30
  /// Uncompressed bytes per byte of the file on disk, once past ``ratioAllowance``.
  public var maxRatio: Int64 = 200
  public var ratioAllowance: Int64 = 128 << 20
  /// A nested archive or Office file is read into memory to be opened: at most this big.
  public var maxInMemoryMember = 64 << 20

  public init() {}
}

/// Counts what a file's archives expanded to, and says when it is too much. A reference:
/// the pull closure of each member and the loops over nested archives share one count.
public final class ZipBudget {
  public let limits: ZipLimits
  /// Size of the file on disk that holds the archives.
  public let containerSize: Int64
  public private(set) var bytes: Int64 = 0
  public private(set) var members = 0

  public init(limits: ZipLimits, containerSize: Int64) {
    self.limits = limits
    self.containerSize = containerSize
  }

  /// The most bytes the archives may still expand to.
  public var remaining: Int64 {
    let byRatio = max(limits.ratioAllowance, limits.maxRatio * max(containerSize, 1))
    return min(limits.maxTotalBytes, byRatio) - bytes
  }

  /// Counts `count` more uncompressed bytes; returns why the file is a bomb, if it now is.
  public func add(bytes count: Int) -> String? {
    bytes += Int64(count)
    guard remaining < 0 else { return nil }
    return "expands to over \(bytes) bytes from \(containerSize) on disk (zip bomb limits: ratio \(limits.maxRatio), total \(limits.maxTotalBytes))"
  }

  /// Counts one more member; returns why the file is a bomb, if it now is.
  public func addMember() -> String? {
    members += 1
    return members > limits.maxMembers ? "more than \(limits.maxMembers) archive members" : nil
  }
}
