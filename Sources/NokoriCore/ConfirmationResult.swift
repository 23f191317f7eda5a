/// What a deletion check found for one file flagged by a run (`nokori confirm`).
public enum ConfirmationResult: String, CaseIterable, Sendable, Codable, CustomStringConvertible {
  /// The flagged path no longer exists.
  case deleted
  /// Still there with the same size, modification time and SHA-256.
  case presentUnchanged = "present-unchanged"
  /// Still there but changed, and a rescan finds none of the categories it was flagged for.
  case presentChangedClean = "present-changed-clean"
  /// Still there, changed, and a rescan still finds at least one of its flagged categories.
  case presentChangedStillFlagged = "present-changed-still-flagged"
  /// Another file (moved or copied) holds the same content or the same people; `new_path` says where.
  case copyFound = "copy-found"
  /// The path exists but could not be checked (permission denied, I/O error, replaced by a link…).
  case unreadable

  public var description: String { rawValue }

  /// True when this result shows the flagged data is gone from where it was checked.
  public var isConfirmedGone: Bool {
    switch self {
    case .deleted, .presentChangedClean: true
    case .presentUnchanged, .presentChangedStillFlagged, .copyFound, .unreadable: false
    }
  }
}
