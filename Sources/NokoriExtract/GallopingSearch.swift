/// Finds, among items sorted by start offset, the last one starting at or before an offset,
/// beginning at the previous answer: field trackers are asked about offsets in rising order
/// (a window's candidates are sorted), so the next answer is usually at or just after it.
enum GallopingSearch {
  /// The last index in `range` whose item starts at or before `offset` (`start(i)` gives item
  /// `i`'s start), or nil. From `hint` forward in growing strides when the hint starts at or
  /// before `offset`, then a binary search over the last stride: a few steps when the next
  /// question is near, a logarithm when it is far.
  @inline(__always)
  static func lastIndex(startingAtOrBefore offset: Int, in range: Range<Int>, hint: Int, start: (Int) -> Int) -> Int? {
    var low = range.lowerBound
    var high = range.upperBound
    let hint = min(max(hint, range.lowerBound), range.upperBound - 1)
    if hint >= range.lowerBound, start(hint) <= offset {
      var known = hint
      var stride = 1
      while known + stride < range.upperBound, start(known + stride) <= offset {
        known += stride
        stride *= 2
      }
      low = known + 1
      high = min(range.upperBound, known + stride)
    }
    while low < high {
      let mid = (low + high) / 2
      if start(mid) <= offset { low = mid + 1 } else { high = mid }
    }
    return low > range.lowerBound ? low - 1 : nil
  }
}
