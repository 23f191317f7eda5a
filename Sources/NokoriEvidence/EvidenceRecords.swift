import NokoriCore
import NokoriStore

/// `run.json`: the run's metadata, as exported.
struct RunExport: Encodable {
  var format = BundleLayout.formatVersion
  var run: RunRecord
  /// The lowest confidence of the findings and counts exported.
  var minimumConfidence: String
  /// The key that signed MANIFEST (id of the public key in `signing-key.pub`).
  var signingKeyID: String

  enum CodingKeys: String, CodingKey {
    case format, run
    case minimumConfidence = "minimum_confidence"
    case signingKeyID = "signing_key_id"
  }
}

/// One line of `files.jsonl`: the inventory, every file the run met with its outcome.
struct FileLine: Encodable {
  var path: String
  var size: Int64?
  var mtime: Double?
  var sha256: String?
  var outcome: String
  var detail: String?
  var format: String?
  var encoding: String?
  var categories: [String]
  var findings: Int
  var maxConfidence: String?

  init(_ file: StoredFile) {
    path = file.path
    size = file.size
    mtime = file.mtime
    sha256 = file.sha256
    outcome = file.outcome
    detail = file.detail
    format = file.format
    encoding = file.encoding
    categories = file.categories
    findings = file.findingCount
    maxConfidence = file.maxConfidence
  }

  enum CodingKeys: String, CodingKey {
    case path, size, mtime, sha256, outcome, detail, format, encoding, categories, findings
    case maxConfidence = "max_confidence"
  }
}

/// One line of `findings.jsonl`, with DESIGN.md's stable keys: masked value and fingerprint only.
struct FindingLine: Encodable {
  struct LocationLine: Encodable {
    var line: Int?
    var column: Int?
    var field: String?
    var member: String?
    var page: Int?
    var ocr: Bool?
  }
  var run: Int64
  var path: String
  var category: String
  var confidence: String
  var detector: String
  var location: LocationLine
  var masked: String
  var fingerprint: String
  /// Only when the run was given `--known-ids`: whether this is one of the firm's own customers.
  var knownCustomer: Bool?

  enum CodingKeys: String, CodingKey {
    case run, path, category, confidence, detector, location, masked, fingerprint
    case knownCustomer = "known_customer"
  }

  init(_ stored: StoredFinding, knownCustomer: Bool?) {
    self.knownCustomer = knownCustomer
    let finding = stored.finding
    run = stored.run
    path = stored.path
    category = finding.category.rawValue
    confidence = finding.confidence.rawValue
    detector = finding.detector
    location = LocationLine(
      line: finding.location.line, column: finding.location.column, field: finding.location.field,
      member: finding.location.member, page: finding.location.page, ocr: finding.location.ocr)
    masked = finding.masked
    fingerprint = finding.fingerprint
  }
}
