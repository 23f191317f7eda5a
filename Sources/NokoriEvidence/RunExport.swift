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
