/// One detected value: never the raw value, only its masked form and keyed fingerprint.
public struct Finding: Hashable, Sendable, Codable {
  public var category: Category
  public var detector: String
  public var confidence: Confidence
  public var location: Location
  public var masked: String
  public var fingerprint: String

  public init(
    category: Category, detector: String, confidence: Confidence, location: Location,
    masked: String, fingerprint: String
  ) {
    self.category = category
    self.detector = detector
    self.confidence = confidence
    self.location = location
    self.masked = masked
    self.fingerprint = fingerprint
  }
}
