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
  public func decodedOffset(_ n: Int) -> Int { Self.translate(n, from: normalized, to: decoded) }

  /// The normalised offset of decoded offset `d` (the inverse of ``decodedOffset(_:)``).
  public func normalizedOffset(_ d: Int) -> Int { Self.translate(d, from: decoded, to: normalized) }

  /// `offset` in the `from` text as an offset in the `to` text: the last pair of aligned
  /// offsets at or before it, plus the distance from there (the texts advance together).
  private static func translate(_ offset: Int, from: [Int], to: [Int]) -> Int {
    var low = 0
    var high = from.count
    while low < high {
      let mid = (low + high) / 2
      if from[mid] <= offset { low = mid + 1 } else { high = mid }
    }
    guard low > 0 else { return offset }
    return to[low - 1] + (offset - from[low - 1])
  }
}
