#if canImport(Glibc)
  import Glibc
#endif

/// The config's `allowed:` globs: places where the firm keeps customer data on purpose.
/// Matched with fnmatch against the whole path; `*` crosses `/`, so `/srv/crm/*` covers
/// everything below /srv/crm.
public struct AllowedLocations: Sendable {
  public let globs: [String]

  public init(globs: [String]) {
    self.globs = globs
  }

  public func contains(_ path: String) -> Bool {
    globs.contains { fnmatch($0, path, 0) == 0 }
  }
}
