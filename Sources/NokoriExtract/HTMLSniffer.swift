/// Recognises an HTML document by its name or its opening markup.
public enum HTMLSniffer {
  /// True for `.html`/`.htm` names, or a sample whose first markup is `<!DOCTYPE html` or `<html`.
  public static func looksLikeHTML(_ sample: [UInt8], fileName: String) -> Bool {
    guard FormatSniffer.signature(sample) == nil else { return false }
    let lower = fileName.lowercased()
    if lower.hasSuffix(".html") || lower.hasSuffix(".htm") || lower.hasSuffix(".xhtml") { return true }
    var index = sample.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    while index < sample.count, sample[index] == 0x20 || sample[index] == 0x09 || sample[index] == 0x0A || sample[index] == 0x0D {
      index += 1
    }
    let head = sample[index..<min(sample.count, index + 14)].map { $0 | ($0 >= 0x41 && $0 <= 0x5A ? 0x20 : 0) }
    return head.starts(with: Array("<!doctype html".utf8)) || head.starts(with: Array("<html".utf8))
  }

  /// The charset a `<meta charset=…>` or `<meta http-equiv … content="…; charset=…">` in `sample` declares.
  public static func declaredCharset(_ sample: [UInt8]) -> String? {
    let lower = sample.prefix(4096).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    guard let found = lower.firstRange(of: Array("charset=".utf8)) else { return nil }
    var index = found.upperBound
    while index < lower.count, lower[index] == 0x22 || lower[index] == 0x27 || lower[index] == 0x20 { index += 1 }
    var end = index
    while end < lower.count, lower[end] == 0x2D || lower[end] == 0x5F || (lower[end] >= 0x30 && lower[end] <= 0x39) || (lower[end] >= 0x61 && lower[end] <= 0x7A) {
      end += 1
    }
    return end > index ? String(decoding: lower[index..<end], as: UTF8.self) : nil
  }
}
