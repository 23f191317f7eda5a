#if canImport(Glibc)
  import Glibc
#endif

/// How a walk treats links, mount points and exclusions.
public struct WalkOptions: Sendable {
  /// Follow symbolic links (with loop detection). Off by default: a link is recorded, not entered.
  public var followLinks: Bool
  /// Do not descend into directories on another filesystem than their root's.
  public var oneFileSystem: Bool
  /// Glob patterns (fnmatch) matched against each entry's name and full path.
  public var excludes: [String]

  public init(followLinks: Bool = false, oneFileSystem: Bool = true, excludes: [String] = []) {
    self.followLinks = followLinks
    self.oneFileSystem = oneFileSystem
    self.excludes = excludes
  }

  /// True when `name` or `path` matches an exclude glob. `*` also crosses `/` in a path,
  /// so `*/node_modules` excludes that folder wherever it is.
  public func isExcluded(name: String, path: String) -> Bool {
    excludes.contains { fnmatch($0, name, 0) == 0 || fnmatch($0, path, 0) == 0 }
  }
}
