import Foundation
import NokoriExtract
import NokoriTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Sample texts and encoders shared by the extraction tests. Encoded bytes come from
/// Foundation where it can produce them (Shift_JIS, ISO-2022-JP, UTF-16); EUC-JP is derived
/// from the Shift_JIS bytes arithmetically, because Foundation on Linux has no EUC-JP encoder.
enum Samples {
  /// Ordinary Japanese personal data, JIS X 0208 only (no characters whose Shift_JIS and
  /// CP932 mappings differ, such as 〜 or －).
  static let japanese = """
    個人番号: 1234 5678 9012
    氏名: 山田太郎（ヤマダタロウ）
    住所: 東京都千代田区丸の内一丁目1番1号
    メール: taro.yamada@example.jp
    電話: 03-1234-5678 携帯: 090-1234-5678
    備考: 本人確認書類の写しを受領済み。

    """

  /// CP932-only characters: NEC row 13 (①, ㈱, №), an IBM extension kanji (髙) and
  /// half-width katakana (ｶﾀｶﾅ, ﾀﾞ).
  static let cp932Extensions = "①②③ ㈱髙橋商事 № ｶﾀｶﾅ ﾀﾞｲｽｹ\n"

  /// Characters EUC-JP-MS also has (NEC row 13 and half-width katakana, but no IBM kanji).
  static let eucExtensions = "①②③ ㈱山田商事 ｶﾀｶﾅ ﾀﾞｲｽｹ\n"

  static let shortMixed = "A①髙ｱ個人\n"
}

enum Encode {
  static func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

  /// CP932 bytes, from Foundation's Shift_JIS encoder (which on Linux uses ICU's converter
  /// with the Microsoft extensions: ① is 87 40, 髙 is FB FC).
  static func cp932(_ text: String) throws -> [UInt8] {
    let data = try #require(text.data(using: .shiftJIS), "Foundation cannot encode \(text) as Shift_JIS")
    return Array(data)
  }

  static func iso2022JP(_ text: String) throws -> [UInt8] {
    let data = try #require(text.data(using: .iso2022JP), "Foundation cannot encode \(text) as ISO-2022-JP")
    return Array(data)
  }

  static func utf16LE(_ text: String) throws -> [UInt8] {
    Array(try #require(text.data(using: .utf16LittleEndian)))
  }

  static func utf16BE(_ text: String) throws -> [UInt8] {
    Array(try #require(text.data(using: .utf16BigEndian)))
  }

  /// EUC-JP, converted from Shift_JIS: JIS X 0208 (and NEC row 13) by the standard
  /// row/cell arithmetic, half-width katakana behind SS2 (8E).
  static func eucJP(_ text: String) throws -> [UInt8] {
    let sjis = try cp932(text)
    var output: [UInt8] = []
    var index = 0
    while index < sjis.count {
      let lead = sjis[index]
      if lead < 0x80 {
        output.append(lead)
        index += 1
      } else if (0xA1...0xDF).contains(lead) {
        output += [0x8E, lead]
        index += 1
      } else {
        try #require(index + 1 < sjis.count && lead <= 0xEF, "no EUC-JP form for Shift_JIS lead byte \(lead)")
        var first = Int(lead)
        let second = Int(sjis[index + 1])
        if first >= 0xE0 { first -= 0x40 }
        let rowPair = (first - 0x81) * 2
        let row: Int
        let cell: Int
        if second >= 0x9F {
          row = rowPair + 0x22
          cell = second - 0x7E
        } else {
          row = rowPair + 0x21
          cell = second - (second >= 0x80 ? 0x20 : 0x1F)
        }
        output += [UInt8(row | 0x80), UInt8(cell | 0x80)]
        index += 2
      }
    }
    return output
  }

  static func bytes(_ text: String, as encoding: TextEncoding) throws -> [UInt8] {
    switch encoding {
    case .utf8: utf8(text)
    case .utf16LE: try utf16LE(text)
    case .utf16BE: try utf16BE(text)
    case .cp932: try cp932(text)
    case .eucJP: try eucJP(text)
    case .iso2022JP: try iso2022JP(text)
    }
  }
}

enum Decode {
  /// Decodes `bytes` in one call with `final: true`.
  static func all(_ bytes: [UInt8], as encoding: TextEncoding) throws -> (text: String, invalid: Int) {
    let decoder = try IconvDecoder(encoding: encoding)
    var output: [UInt8] = []
    bytes.withUnsafeBytes { decoder.decode($0, final: true, into: &output) }
    return (String(decoding: output, as: UTF8.self), decoder.invalidSequences)
  }

  /// Decodes `bytes` in the given pieces, the last with `final: true`; returns the raw UTF-8.
  static func pieces(_ pieces: [ArraySlice<UInt8>], as encoding: TextEncoding) throws -> (bytes: [UInt8], invalid: Int) {
    let decoder = try IconvDecoder(encoding: encoding)
    var output: [UInt8] = []
    for (index, piece) in pieces.enumerated() {
      Array(piece).withUnsafeBytes { decoder.decode($0, final: index == pieces.count - 1, into: &output) }
    }
    return (output, decoder.invalidSequences)
  }
}

/// A temporary directory removed when the value goes away.
final class ScratchDirectory {
  let url: URL
  var path: String { url.path }

  init(_ label: String = "nokori-extract") throws {
    url = try TestPaths.temporaryDirectory(label)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  func file(_ name: String) -> String { url.appendingPathComponent(name).path }

  @discardableResult
  func write(_ name: String, _ bytes: [UInt8]) throws -> String {
    let path = file(name)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }
}
