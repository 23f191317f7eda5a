/// What the scan of one image concluded, as kept for reuse by content hash: findings (masked
/// values and keyed fingerprints only), every finding counted per category, outcome and detail.
/// Never the recognised text.
public struct OCRVerdict: Sendable, Codable, Equatable {
  public var findings: [Finding]
  public var findingCounts: [Category: Int]
  public var outcome: Outcome
  public var detail: String?

  public init(findings: [Finding], findingCounts: [Category: Int], outcome: Outcome, detail: String?) {
    self.findings = findings
    self.findingCounts = findingCounts
    self.outcome = outcome
    self.detail = detail
  }
}
