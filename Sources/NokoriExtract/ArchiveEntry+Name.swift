import LibArchive

extension ArchiveEntry {
  /// The member's name to show: as stored when libarchive gave it as UTF-8, else its raw bytes
  /// read as UTF-8 when they are valid, else as CP932 (zips made on Japanese Windows carry
  /// CP932 names without the UTF-8 flag).
  public var displayPath: String {
    guard let raw = rawPath else { return path }
    if let text = String(validating: raw, as: UTF8.self) { return text }
    guard let decoder = try? IconvDecoder(encoding: .cp932) else { return path }
    var out: [UInt8] = []
    raw.withUnsafeBytes { decoder.decode($0, final: true, into: &out) }
    return String(decoding: out, as: UTF8.self)
  }
}
