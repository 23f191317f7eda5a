/// A full Japanese address: a municipality (市 区 町 村 郡) and a block number (digits, or
/// kanji numerals with 丁目 番 号). A prefecture and city alone (東京都港区に本社) is not one
/// person's address.
public struct JapaneseAddressValidator: Validator {
  public static let name = "jp-address"
  public init(resources: PatternResources = .empty) {}

  // Scalar values: compared as integers, since this runs for every prefecture in the text.
  static let municipalitySuffixes: [UInt32] = [0x5E02, 0x533A, 0x753A, 0x6751, 0x90E1]  // 市 区 町 村 郡
  static let blockMarkers: [UInt32] = [0x4E01, 0x756A, 0x53F7]  // 丁 番 号
  static let numerals: [UInt32] = [0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341]

  public func validate(_ value: String) -> ValidationResult {
    let (municipality, block) = Self.parts(value.unicodeScalars.lazy.map(\.value))
    guard municipality else { return .invalid("no municipality (市区町村郡)") }
    guard block else { return .invalid("no block number (丁目, 番地, 1-2-3)") }
    return ValidationResult(valid: true, canonical: value.replacingSpaces(), note: "municipality and block number")
  }

  public func verdict(for bytes: UnsafeBufferPointer<UInt8>) -> ValidationVerdict {
    guard let (municipality, block) = UTF8Scalars.withScalars(of: bytes, Self.parts) else {
      return ValidationVerdict(validate(String(decoding: bytes, as: UTF8.self)))
    }
    return ValidationVerdict(valid: municipality && block)
  }

  /// Whether the scalars name a municipality within their first 14 characters, and a block
  /// number after it.
  private static func parts<Scalars: Sequence<UInt32>>(_ scalars: Scalars) -> (municipality: Bool, block: Bool) {
    var municipality = false
    var block = false
    var previous: UInt32 = 0
    var count = 0
    for code in scalars where code != 0x20 {
      if !municipality {
        if count < 14, Self.municipalitySuffixes.contains(code) { municipality = true }
      } else if (0x30...0x39).contains(code) || (Self.numerals.contains(previous) && Self.blockMarkers.contains(code)) {
        block = true
        break
      }
      previous = code
      count += 1
    }
    return (municipality, block)
  }
}

extension String {
  func replacingSpaces() -> String {
    // Over contiguous bytes when the string has them (a native string does): stepping a
    // `UTF8View` index by index was a visible part of validating every address.
    let spaced = utf8.withContiguousStorageIfAvailable { $0.contains(0x20) } ?? utf8.contains(0x20)
    return spaced ? String(String.UnicodeScalarView(unicodeScalars.filter { $0 != " " })) : self
  }
}
