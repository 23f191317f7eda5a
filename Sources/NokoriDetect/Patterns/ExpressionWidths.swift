import Foundation
import Hyperscan

/// The match widths Hyperscan measures for each expression (`hs_expression_info`), kept
/// between runs beside the compiled databases: measuring parses and analyses every expression
/// again, 5 ms of every start for the catalogue — a tenth of a nightly sweep's start-up.
struct ExpressionWidths: Codable {
  /// By expression and flag, a width's minimum and maximum (-1: unbounded).
  private var known: [String: [Int]] = [:]
  /// Whether a width was measured since the widths were loaded (then they are kept again).
  private(set) var measuredNew = false

  init() {}

  /// The smallest and largest width of a match of `pattern`; nil as the maximum when a match
  /// may be any length.
  /// - Throws: ``HyperscanError/compile(expressionIndex:message:)`` when it does not compile.
  mutating func width(of pattern: String, caseless: Bool) throws -> (min: Int, max: Int?) {
    let key = (caseless ? "i " : "- ") + pattern
    if let kept = known[key], kept.count == 2 {
      return (kept[0], kept[1] < 0 ? nil : kept[1])
    }
    let measured = try HyperscanDatabase.width(of: pattern, caseless: caseless)
    known[key] = [measured.min, measured.max ?? -1]
    measuredNew = true
    return measured
  }

  private enum CodingKeys: String, CodingKey {
    case known
  }
}
