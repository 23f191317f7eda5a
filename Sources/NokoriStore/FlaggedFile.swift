/// A file a run flagged, with what `nokori confirm` needs to check it again.
public struct FlaggedFile: Sendable, Equatable {
  public var id: Int64
  public var path: String
  public var size: Int64?
  public var mtime: Double?
  public var sha256: String?
  /// The filesystem (st_dev) the run found it on.
  public var device: Int64?
  /// The categories found at or above the confidence asked for, sorted.
  public var categories: [String]

  public init(
    id: Int64, path: String, size: Int64?, mtime: Double?, sha256: String?, device: Int64? = nil, categories: [String]
  ) {
    self.id = id
    self.path = path
    self.size = size
    self.mtime = mtime
    self.sha256 = sha256
    self.device = device
    self.categories = categories
  }
}
