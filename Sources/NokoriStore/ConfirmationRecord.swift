import NokoriCore

/// One check of one flagged path (or one copy found), as the store keeps it.
public struct ConfirmationRecord: Sendable, Equatable, Codable {
  public var run: Int64
  /// Which `nokori confirm` of the run this belongs to: 1, 2, …
  public var session: Int
  public var fileID: Int64?
  public var checkedAt: String
  public var host: String
  public var user: String
  /// The flagged path checked; for `copy-found`, the original the copy matches.
  public var path: String
  /// What was done: `stat`, `sha256`, `rescan`, `rescan-roots`, joined with `+`.
  public var checked: String
  public var result: ConfirmationResult
  public var detail: String?
  /// For `copy-found`: where the copy is.
  public var newPath: String?
  /// SHA-256 of the file as found now, when it was read.
  public var sha256: String?

  public init(
    run: Int64, session: Int, fileID: Int64?, checkedAt: String, host: String, user: String, path: String,
    checked: String, result: ConfirmationResult, detail: String? = nil, newPath: String? = nil, sha256: String? = nil
  ) {
    self.run = run
    self.session = session
    self.fileID = fileID
    self.checkedAt = checkedAt
    self.host = host
    self.user = user
    self.path = path
    self.checked = checked
    self.result = result
    self.detail = detail
    self.newPath = newPath
    self.sha256 = sha256
  }

  /// snake_case keys, as the JSONL output and the evidence bundle print them.
  enum CodingKeys: String, CodingKey {
    case run, session, host, user, path, checked, result, detail, sha256
    case fileID = "file_id"
    case checkedAt = "checked_at"
    case newPath = "new_path"
  }
}
