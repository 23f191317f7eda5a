import NokoriReports
import NokoriStore

/// The lines of `files.jsonl` and `findings.jsonl`, keys sorted (`confirmations.jsonl` is
/// ``ConfirmationLine``, shared with `nokori confirm --format jsonl`).
enum EvidenceLines {
  /// The inventory: every file the run met, with its outcome.
  static func file(_ file: StoredFile) -> String {
    var fields = JSONFields()
    fields.add("path", file.path)
    fields.add("size", file.size)
    fields.add("mtime", file.mtime)
    fields.add("sha256", file.sha256)
    fields.add("outcome", file.outcome)
    fields.add("detail", file.detail)
    fields.add("format", file.format)
    fields.add("encoding", file.encoding)
    fields.add("categories", file.categories)
    fields.add("findings", file.findingCount)
    fields.add("max_confidence", file.maxConfidence)
    if file.reused { fields.add("reused", true) }
    if file.allowed { fields.add("allowed", true) }
    return fields.text
  }

  /// An acceptance: who accepted which finding (or whole file) in which content, when and why.
  static func acceptance(_ acceptance: Acceptance) -> String {
    var fields = JSONFields()
    fields.add("accepted_at", acceptance.acceptedAt)
    fields.add("by", "\(acceptance.user)@\(acceptance.host)")
    fields.add("reason", acceptance.reason)
    fields.add("fingerprint", acceptance.fingerprint)
    fields.add("scope", acceptance.fingerprint == nil ? "file" : "finding")
    fields.add("path", acceptance.path)
    fields.add("sha256", acceptance.sha256)
    fields.add("run", acceptance.run)
    return fields.text
  }

  /// A finding with DESIGN.md's stable keys (the location as `nokori scan --format jsonl` writes
  /// it): masked value and fingerprint only.
  /// `knownCustomer` is nil when the run was given no `--known-ids` list.
  static func finding(_ stored: StoredFinding, knownCustomer: Bool?) -> String {
    let finding = stored.finding
    var location = JSONFields()
    location.add("line", finding.location.line)
    location.add("column", finding.location.column)
    location.add("offset", finding.location.offset)
    location.add("field", finding.location.field)
    location.add("member", finding.location.member)
    location.add("page", finding.location.page)
    location.add("ocr", finding.location.ocr)
    var fields = JSONFields()
    fields.add("run", stored.run)
    fields.add("path", stored.path)
    fields.add("category", finding.category.rawValue)
    fields.add("confidence", finding.confidence.rawValue)
    fields.add("detector", finding.detector)
    fields.add("location", object: location)
    fields.add("masked", finding.masked)
    fields.add("fingerprint", finding.fingerprint)
    fields.add("known_customer", knownCustomer)
    return fields.text
  }
}
