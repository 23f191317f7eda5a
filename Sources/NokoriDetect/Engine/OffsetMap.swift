/// Maps offsets in normalised text back to offsets in the decoded text it came from.
///
/// Normalisation only ever shortens (a 3-byte full-width digit becomes 1 byte), so the map
/// records, after each shortening, the pair of offsets where the two texts line up again.
/// Between records the texts advance together.
public struct OffsetMap: Sendable {
  private(set) var normalized: [Int] = []
  private(set) var decoded: [Int] = []

  public init() {}

  public var isIdentity: Bool { normalized.isEmpty }

  mutating func removeAll() {
    normalized.removeAll(keepingCapacity: true)
    decoded.removeAll(keepingCapacity: true)
  }

  mutating func append(normalized n: Int, decoded d: Int) {
    normalized.append(n)
    decoded.append(d)
  }

  /// The decoded offset of normalised offset `n`.
  public func decodedOffset(_ n: Int) -> Int {
    guard !normalized.isEmpty else { return n }
    var low = 0
    var high = normalized.count
    while low < high {
      let mid = (low + high) / 2
      if normalized[mid] <= n { low = mid + 1 } else { high = mid }
    }
    guard low > 0 else { return n }
    return decoded[low - 1] + (n - normalized[low - 1])
  }

  /// The normalised offset of decoded offset `d` (the inverse of ``decodedOffset(_:)``).
  public func normalizedOffset(_ d: Int) -> Int {
    guard !decoded.isEmpty else { return d }
    var low = 0
    var high = decoded.count
    while low < high {
      let mid = (low + high) / 2
      if decoded[mid] <= d { low = mid + 1 } else { high = mid }
    }
    guard low > 0 else { return d }
    return normalized[low - 1] + (d - decoded[low - 1])
  }
}
