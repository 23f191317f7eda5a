/// Decodes a raw header value: unfolds it and decodes RFC 2047 encoded words
/// (`=?ISO-2022-JP?B?…?=`) through ``MailTextDecoder``, so ISO-2022-JP with Windows extensions
/// decodes as Japanese mailers mean it. GMime's own decoder uses glibc's ISO-2022-JP, which
/// rejects ①; the raw value is therefore decoded here.
///
/// Adjacent encoded words in one charset are joined before decoding: mailers split a
/// multi-byte character, or an ISO-2022-JP escape state, across words. Unencoded 8-bit text
/// (raw Shift_JIS or UTF-8 in a header) is read in the encoding its bytes show.
public enum EncodedWords {
  public static func decode(_ raw: [UInt8]) -> (text: String, invalid: Int) {
    let value = unfold(raw)
    var text = ""
    var invalid = 0
    var plain: [UInt8] = []
    var pending: (charset: String, bytes: [UInt8])?
    var gap: [UInt8] = []
    var index = 0

    func flushPlain() {
      guard !plain.isEmpty else { return }
      let encoding = EncodingDetector.detect(plain, isComplete: true)?.0 ?? .utf8
      let decoded = MailTextDecoder.decode(plain, encoding: encoding)
      text += decoded.text
      invalid += decoded.invalid
      plain.removeAll()
    }
    func flushWord() {
      guard let word = pending else { return }
      let encoding = MailCharset.encoding(declared: word.charset) ?? EncodingDetector.detect(word.bytes, isComplete: true)?.0 ?? .utf8
      let decoded = MailTextDecoder.decode(word.bytes, encoding: encoding)
      text += decoded.text
      invalid += decoded.invalid
      pending = nil
    }

    while index < value.count {
      if value[index] == 0x3D, index + 1 < value.count, value[index + 1] == 0x3F,
        let word = encodedWord(value, at: index)
      {
        if let current = pending, current.charset.lowercased() == word.charset.lowercased() {
          pending?.bytes.append(contentsOf: word.bytes)  // whitespace between words is dropped
        } else {
          // Whitespace between two encoded words is not text (RFC 2047, 6.2), whatever their charsets.
          flushWord()
          flushPlain()
          pending = (word.charset, word.bytes)
        }
        gap.removeAll()
        index = word.end
        continue
      }
      let byte = value[index]
      if pending != nil, byte == 0x20 || byte == 0x09 {
        gap.append(byte)
      } else {
        flushWord()
        plain.append(contentsOf: gap)
        gap.removeAll()
        plain.append(byte)
      }
      index += 1
    }
    flushWord()
    plain.append(contentsOf: gap)
    flushPlain()
    return (text, invalid)
  }

  /// Removes the line breaks of folded header lines (the whitespace after them stays).
  public static func unfold(_ raw: [UInt8]) -> [UInt8] {
    var result: [UInt8] = []
    result.reserveCapacity(raw.count)
    for byte in raw where byte != 0x0D && byte != 0x0A { result.append(byte) }
    return result
  }

  /// The encoded word starting at `start` (`=?charset[*lang]?B|Q?text?=`), decoded to bytes.
  private static func encodedWord(_ value: [UInt8], at start: Int) -> (charset: String, bytes: [UInt8], end: Int)? {
    var index = start + 2
    let charsetStart = index
    while index < value.count, value[index] != 0x3F {
      guard value[index] > 0x20, value[index] < 0x7F, index - charsetStart < 40 else { return nil }
      index += 1
    }
    guard index + 2 < value.count, value[index + 2] == 0x3F else { return nil }
    var charset = String(decoding: value[charsetStart..<index], as: UTF8.self)
    if let star = charset.firstIndex(of: "*") { charset = String(charset[..<star]) }
    let mode = value[index + 1] | 0x20
    guard mode == 0x62 || mode == 0x71 else { return nil }
    let textStart = index + 3
    var end = textStart
    while end + 1 < value.count, !(value[end] == 0x3F && value[end + 1] == 0x3D) {
      guard value[end] > 0x20, value[end] < 0x7F else { return nil }
      end += 1
    }
    guard end + 1 < value.count else { return nil }
    let text = value[textStart..<end]
    let bytes = mode == 0x62 ? Base64Text.decode(text) : quoted(text)
    return (charset, bytes, end + 2)
  }

  /// RFC 2047 "Q": quoted-printable where `_` is a space.
  private static func quoted(_ text: ArraySlice<UInt8>) -> [UInt8] {
    var result: [UInt8] = []
    var index = text.startIndex
    while index < text.endIndex {
      let byte = text[index]
      if byte == 0x5F {
        result.append(0x20)
      } else if byte == 0x3D, index + 2 < text.endIndex, let high = Base64Text.hexValue(text[index + 1]),
        let low = Base64Text.hexValue(text[index + 2])
      {
        result.append(high << 4 | low)
        index += 2
      } else {
        result.append(byte)
      }
      index += 1
    }
    return result
  }
}

/// Small base64 and hex helpers for header words (bodies are decoded by GMime's filters).
enum Base64Text {
  /// Decodes base64, skipping characters outside the alphabet (garbage in a word is ignored).
  static func decode(_ text: ArraySlice<UInt8>) -> [UInt8] {
    var result: [UInt8] = []
    var accumulator: UInt32 = 0
    var bits = 0
    for byte in text {
      let value: UInt32
      switch byte {
      case 0x41...0x5A: value = UInt32(byte - 0x41)
      case 0x61...0x7A: value = UInt32(byte - 0x61 + 26)
      case 0x30...0x39: value = UInt32(byte - 0x30 + 52)
      case 0x2B: value = 62
      case 0x2F: value = 63
      default: continue
      }
      accumulator = accumulator << 6 | value
      bits += 6
      if bits >= 8 {
        bits -= 8
        result.append(UInt8((accumulator >> UInt32(bits)) & 0xFF))
      }
    }
    return result
  }

  static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 0x30...0x39: byte - 0x30
    case 0x41...0x46: byte - 0x41 + 10
    case 0x61...0x66: byte - 0x61 + 10
    default: nil
    }
  }
}
