import NokoriCore

extension StreamDetector {
  /// The keyed fingerprint a document finding carries (the document kind, not a value), the
  /// same for a literal classifier's hit and the OCR classifier's verdict.
  public func documentFingerprint(_ category: Category) -> String {
    fingerprint(category: category, canonical: category.rawValue)
  }
}
