/// Counts line feeds in decoded text, sixteen bytes per step, for the line numbers of hits.
///
/// Every byte of every file goes through here once. Measured on 64 MB of 40-byte lines
/// (one build, one run): this loop 6.9 GB/s, a `memchr` per line 4.4 GB/s, a word-at-a-time
/// popcount 2.2 GB/s (the baseline x86-64 target has no POPCNT instruction).
enum NewlineCounter {
  /// Line feeds in `bytes`, and the offset of the last one (-1 when there is none).
  static func count(_ bytes: UnsafeBufferPointer<UInt8>) -> (lines: Int, last: Int) {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return (0, -1) }
    let raw = UnsafeRawPointer(base)
    let total = bytes.count
    // A local, not a static: a static's lazy initialiser is checked (swift_once) at every use.
    let feed = SIMD16<UInt8>(repeating: 0x0A)
    var lines = 0
    var index = 0
    while index + 16 <= total {
      // Per-lane counts in bytes, summed before any lane can pass 255.
      var lanes = SIMD16<UInt8>()
      var rounds = 0
      while rounds < 255, index + 16 <= total {
        let chunk = raw.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self)
        lanes &-= SIMD16<UInt8>().replacing(with: 255, where: chunk .== feed)
        index &+= 16
        rounds &+= 1
      }
      for lane in 0..<16 { lines &+= Int(lanes[lane]) }
    }
    while index < total {
      if base[index] == 0x0A { lines &+= 1 }
      index &+= 1
    }
    guard lines > 0 else { return (0, -1) }
    // The last one, searched for from the end.
    var end = total
    while end >= 16 {
      let chunk = raw.loadUnaligned(fromByteOffset: end &- 16, as: SIMD16<UInt8>.self)
      if any(chunk .== feed) { break }
      end &-= 16
    }
    while end > 0 {
      end &-= 1
      if base[end] == 0x0A { return (lines, end) }
    }
    return (lines, -1)
  }
}
