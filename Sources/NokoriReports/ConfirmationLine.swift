import NokoriStore

/// A confirmation record as one JSON line: what `nokori confirm --format jsonl` prints and
/// what the evidence bundle's `confirmations.jsonl` holds, keys sorted.
public enum ConfirmationLine {
  public static func json(_ record: ConfirmationRecord) -> String {
    var fields = JSONFields()
    fields.add("run", record.run)
    fields.add("session", record.session)
    fields.add("file_id", record.fileID)
    fields.add("checked_at", record.checkedAt)
    fields.add("host", record.host)
    fields.add("user", record.user)
    fields.add("path", record.path)
    fields.add("checked", record.checked)
    fields.add("result", record.result.rawValue)
    fields.add("detail", record.detail)
    fields.add("new_path", record.newPath)
    fields.add("sha256", record.sha256)
    return fields.text
  }
}
