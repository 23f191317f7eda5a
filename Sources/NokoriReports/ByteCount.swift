import Foundation

/// Sizes for people (`1.5 MB`) and from people (`--max-file-size 100M`).
public enum ByteCount {
  public static func format(_ bytes: Int64) -> String {
    let units = ["B", "KB", "MB", "GB", "TB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1000, unit < units.count - 1 {
      value /= 1000
      unit += 1
    }
    return unit == 0 ? "\(bytes) B" : String(format: "%.1f", value) + " " + units[unit]
  }

  /// Parses `512`, `10K`, `100M`, `2G`, `1T` (binary multiples; a trailing `B`/`iB` is allowed).
  public static func parse(_ text: String) -> Int64? {
    var digits = text.trimmingCharacters(in: .whitespaces).uppercased()
    for suffix in ["IB", "B"] where digits.hasSuffix(suffix) && digits.count > suffix.count {
      digits.removeLast(suffix.count)
    }
    let multipliers: [Character: Int64] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
    var multiplier: Int64 = 1
    if let last = digits.last, let factor = multipliers[last] {
      multiplier = factor
      digits.removeLast()
    }
    guard let number = Int64(digits), number >= 0 else { return nil }
    let (product, overflow) = number.multipliedReportingOverflow(by: multiplier)
    return overflow ? nil : product
  }
}
