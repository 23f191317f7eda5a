/// Recognises a CSV or TSV table in text whose name does not say so.
public enum CSVDialect {
  /// `,` or tab when the first lines of `sample` have the same, non-zero number of that
  /// delimiter (outside quotes), else nil.
  public static func detectDelimiter(_ sample: [UInt8]) -> UInt8? {
    var lines: [ArraySlice<UInt8>] = []
    var start = 0
    for (index, byte) in sample.enumerated() where byte == 0x0A {
      lines.append(sample[start..<index])
      start = index + 1
      if lines.count == 6 { break }
    }
    // The last line may be cut off by the sample; only whole lines count.
    guard lines.count >= 3 else { return nil }
    for delimiter in [UInt8(ascii: "\t"), UInt8(ascii: ",")] {
      let counts = lines.map { count(delimiter, in: $0) }
      if let first = counts.first, first >= 1, counts.allSatisfy({ $0 == first }) { return delimiter }
    }
    return nil
  }

  private static func count(_ delimiter: UInt8, in line: ArraySlice<UInt8>) -> Int {
    var quoted = false
    var count = 0
    for byte in line {
      if byte == UInt8(ascii: "\"") {
        quoted.toggle()
      } else if byte == delimiter, !quoted {
        count += 1
      }
    }
    return count
  }
}
