/// Recognises a saved e-mail (RFC 5322) from its first bytes: a block of header fields in
/// which mail's own headers stand, whatever the file is called.
public enum MailSniffer {
  /// Headers only mail has; one of them must be present.
  private static let mailOnly: Set<String> = [
    "from", "date", "message-id", "received", "mime-version", "return-path", "delivered-to", "x-mailer",
  ]
  /// Headers mail commonly has; two distinct ones (mail-only ones included) must be present.
  private static let common: Set<String> = mailOnly.union([
    "to", "cc", "subject", "reply-to", "content-type", "content-transfer-encoding", "sender", "in-reply-to",
    "references", "thread-topic", "x-priority",
  ])

  /// True when `sample` opens with a mail header block.
  public static func looksLikeMail(_ sample: [UInt8]) -> Bool {
    var index = 0
    var seen: Set<String> = []
    var hasMailOnly = false
    var lines = 0
    while index < sample.count, lines < 400 {
      var end = index
      while end < sample.count, sample[end] != 0x0A { end += 1 }
      var line = sample[index..<end]
      if line.last == 0x0D { line = line.dropLast() }
      let atEnd = end >= sample.count
      index = end + 1
      lines += 1
      if line.isEmpty { break }  // the blank line that ends the header block
      if line.first == 0x20 || line.first == 0x09 {
        guard lines > 1 else { return false }  // a continuation before any field
        continue
      }
      guard let colon = line.firstIndex(of: 0x3A), colon > line.startIndex else {
        return atEnd && lines > 1 && seen.count >= 2 && hasMailOnly  // a line cut by the sample's end
      }
      let name = line[line.startIndex..<colon]
      guard name.count <= 76, name.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return false }
      let lower = String(decoding: name, as: UTF8.self).lowercased()
      if common.contains(lower) { seen.insert(lower) }
      if mailOnly.contains(lower) { hasMailOnly = true }
    }
    return seen.count >= 2 && hasMailOnly
  }
}

/// Turns an attachment's declared file name into a label safe to show in a location: it is
/// never used as a path. Control characters become `?`, path separators `_`, so `../` cannot
/// read as a way up; the label is cut at 200 characters.
public enum AttachmentLabel {
  public static func make(_ declared: String?, fallback: String) -> String {
    guard let declared, !declared.isEmpty else { return fallback }
    var label = ""
    for scalar in declared.unicodeScalars.prefix(200) {
      switch scalar.value {
      case 0..<0x20, 0x7F..<0xA0, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: label += "?"
      case 0x2F, 0x5C: label += "_"
      default: label.unicodeScalars.append(scalar)
      }
    }
    let trimmed = label.drop { $0 == " " || $0 == "." }
    return trimmed.isEmpty ? fallback : label
  }
}
