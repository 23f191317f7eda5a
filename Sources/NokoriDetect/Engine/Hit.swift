import NokoriCore

/// A value the engine reported, with the evidence behind its confidence. Holds no raw value.
public struct Hit: Sendable, Equatable {
  public var patternID: String
  public var category: Category
  public var confidence: Confidence
  /// Byte range in the decoded UTF-8 text of the stream (absolute).
  public var range: Range<Int>
  public var line: Int
  public var column: Int
  public var field: String?
  /// Where inside its source the value sits, as a decode-path step (`Sheet1!C12`), if the source has such places.
  public var place: String? = nil
  public var masked: String
  public var fingerprint: String
  public var signals: Set<Signal>
  /// The validator's verdict and the context that moved the confidence, for `patterns test`.
  public var explanation: String

  /// This hit as a finding at `location` (line, column, offset and field filled in). `member` is
  /// the decode path of the stream inside its file; the hit's ``place`` is appended to it.
  public func finding(member: String? = nil) -> Finding {
    let fullMember = [member, place].compactMap { $0 }.joined(separator: "!")
    return Finding(
      category: category, detector: patternID, confidence: confidence,
      location: Location(
        line: line, column: column, offset: range.lowerBound, field: field,
        member: fullMember.isEmpty ? nil : fullMember),
      masked: masked, fingerprint: fingerprint)
  }
}

/// A candidate the engine looked at and dropped, kept only when explaining.
public struct Rejection: Sendable, Equatable {
  public var patternID: String
  public var range: Range<Int>
  public var line: Int
  public var masked: String
  public var reason: String
}
