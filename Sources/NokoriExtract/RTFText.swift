/// Reduces RTF (an Outlook body) to its text: groups that are not text (font and colour
/// tables, pictures, `\*` destinations, the `\htmlrtf` parts of HTML wrapped in RTF) are
/// dropped; `\'hh` bytes are decoded in the document's code page (`\ansicpg932`: CP932);
/// `\uN` characters are taken as they are, with their ANSI fallbacks skipped; paragraphs and
/// rows end lines, cells and tabs become tabs.
public enum RTFText {
  private static let skippedDestinations: Set<String> = [
    "fonttbl", "colortbl", "stylesheet", "info", "pict", "object", "themedata", "colorschememapping",
    "latentstyles", "datastore", "xmlnstbl", "listtable", "listoverridetable", "rsidtbl", "generator", "filetbl",
    "revtbl", "header", "footer", "headerl", "headerr", "footerl", "footerr", "fldinst", "bkmkstart", "bkmkend",
  ]

  private struct State {
    var skip = false
    var unicodeSkip = 1
  }

  /// The text of `rtf`, and the number of `\'hh` sequences that did not decode.
  public static func text(_ rtf: [UInt8]) -> (text: String, invalid: Int) {
    var output: [UInt8] = []
    var pending: [UInt8] = []  // \'hh bytes waiting to be decoded together (a CP932 pair)
    var invalid = 0
    var codePage: TextEncoding? = nil
    var stack: [State] = []
    var state = State()
    var htmlSkip = false
    var skipFallback = 0
    var index = 0
    var groupStart = false

    func flushPending() {
      guard !pending.isEmpty else { return }
      if let codePage {
        let decoded = MailTextDecoder.decode(pending, encoding: codePage)
        output += Array(decoded.text.utf8)
        invalid += decoded.invalid
      } else {
        // Windows-1252 and Latin-1 agree on the letters; other single-byte code pages are rare here.
        for byte in pending { output += Array(String(Unicode.Scalar(byte)).utf8) }
      }
      pending.removeAll()
    }
    func emit(_ byte: UInt8) {
      guard !state.skip, !htmlSkip else { return }
      if skipFallback > 0 {
        skipFallback -= 1
        return
      }
      flushPending()
      output.append(byte)
    }

    while index < rtf.count {
      let byte = rtf[index]
      switch byte {
      case 0x7B:  // {
        flushPending()
        stack.append(state)
        groupStart = true
        index += 1
        continue
      case 0x7D:  // }
        flushPending()
        if let previous = stack.popLast() { state = previous }
        skipFallback = 0
        index += 1
      case 0x5C:  // backslash
        index += 1
        guard index < rtf.count else { break }
        let next = rtf[index]
        if Self.isLetter(next) {
          var end = index
          while end < rtf.count, Self.isLetter(rtf[end]), end - index < 32 { end += 1 }
          let word = String(decoding: rtf[index..<end], as: UTF8.self)
          var parameter: Int?
          var numberEnd = end
          if numberEnd < rtf.count, rtf[numberEnd] == 0x2D || Self.isDigit(rtf[numberEnd]) {
            numberEnd += 1
            while numberEnd < rtf.count, Self.isDigit(rtf[numberEnd]), numberEnd - end < 11 { numberEnd += 1 }
            parameter = Int(String(decoding: rtf[end..<numberEnd], as: UTF8.self))
          }
          index = numberEnd
          if index < rtf.count, rtf[index] == 0x20 { index += 1 }
          if groupStart, skippedDestinations.contains(word) { state.skip = true }
          switch word {
          case "par", "line", "row", "sect", "page":
            emit(0x0A)
          case "tab", "cell":
            emit(0x09)
          case "ansicpg":
            codePage = parameter.flatMap(Self.encoding(codePage:))
          case "uc":
            state.unicodeSkip = max(0, parameter ?? 1)
          case "u":
            if var value = parameter, !state.skip, !htmlSkip {
              if value < 0 { value += 65536 }
              flushPending()
              if let scalar = Unicode.Scalar(UInt32(value)) { output += Array(String(scalar).utf8) }
              skipFallback = state.unicodeSkip
            }
          case "htmlrtf":
            htmlSkip = (parameter ?? 1) != 0
          default:
            break
          }
        } else if next == 0x27, index + 2 < rtf.count,  // \'hh
          let high = Base64Text.hexValue(rtf[index + 1]), let low = Base64Text.hexValue(rtf[index + 2])
        {
          index += 3
          if !state.skip, !htmlSkip {
            if skipFallback > 0 {
              skipFallback -= 1
            } else {
              pending.append(high << 4 | low)
            }
          }
        } else {
          index += 1
          switch next {
          case 0x2A: if groupStart { state.skip = true }  // \* : an optional destination
          case 0x7E: emit(0x20)  // \~ no-break space
          case 0x5C, 0x7B, 0x7D: emit(next)
          case 0x0A, 0x0D: emit(0x0A)
          default: break
          }
        }
      case 0x0A, 0x0D:
        index += 1
      default:
        emit(byte)
        index += 1
      }
      groupStart = false
    }
    flushPending()
    return (String(decoding: output, as: UTF8.self), invalid)
  }

  private static func isLetter(_ byte: UInt8) -> Bool { (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) }
  private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  static func encoding(codePage: Int) -> TextEncoding? {
    switch codePage {
    case 932: .cp932
    case 65001: .utf8
    case 20932, 51932: .eucJP
    case 50220, 50221, 50222: .iso2022JP
    default: nil
    }
  }
}
