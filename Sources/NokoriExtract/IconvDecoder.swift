#if canImport(Glibc)
  import Glibc
#endif

/// Streams bytes in a legacy encoding to UTF-8 through glibc's iconv (UTF-16, which needs
/// no table, through ``UTF16Transcoder`` with the same outcomes).
///
/// A multi-byte sequence cut at the end of one block is kept and completed by the next;
/// an invalid sequence becomes U+FFFD and is counted, and decoding goes on.
public final class IconvDecoder {
  public let encoding: TextEncoding
  private let converter: iconv_t?
  private var utf16: UTF16Transcoder?
  private var pending: [UInt8] = []
  /// Invalid or incomplete sequences replaced so far.
  public private(set) var invalidSequences = 0

  private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

  /// - Throws: ``DecoderError/unsupported(_:)`` when iconv does not know the encoding.
  public init(encoding: TextEncoding) throws(DecoderError) {
    self.encoding = encoding
    if encoding == .utf16LE || encoding == .utf16BE {
      utf16 = UTF16Transcoder(bigEndian: encoding == .utf16BE)
      converter = nil
    } else if let name = encoding.iconvName {
      let handle = iconv_open("UTF-8", name)
      guard handle != iconv_t(bitPattern: -1) else { throw DecoderError.unsupported(encoding.rawValue) }
      converter = handle
    } else {
      converter = nil
    }
  }

  deinit {
    if let converter { iconv_close(converter) }
  }

  /// True when the text is already UTF-8: ``decode(_:final:into:)`` would only copy it.
  public var passesThrough: Bool { converter == nil && utf16 == nil }

  /// Decodes `input` and appends UTF-8 to `output`. With `final`, a trailing incomplete
  /// sequence is replaced instead of kept for the next call.
  public func decode(_ input: UnsafeRawBufferPointer, final: Bool, into output: inout [UInt8]) {
    if utf16 != nil {
      invalidSequences += utf16?.decode(input, final: final, into: &output) ?? 0
      return
    }
    guard let converter else {
      output.append(contentsOf: input)
      return
    }
    var source = pending
    source.append(contentsOf: input)
    pending.removeAll(keepingCapacity: true)
    let unit = encoding.unitSize
    // Sized to the input (UTF-8 output is at most 3 bytes per input byte for these encodings;
    // more is handled as E2BIG): zero-filling 64 KB for each short value was measurable.
    var chunk = [UInt8](repeating: 0, count: min(64 * 1024, source.count * 3 + 16))
    source.withUnsafeMutableBufferPointer { sourceBuffer in
      var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(sourceBuffer.baseAddress)?
        .assumingMemoryBound(to: CChar.self)
      var inLeft = sourceBuffer.count
      while inLeft > 0 {
        let (stop, produced) = chunk.withUnsafeMutableBufferPointer { chunkBuffer -> (Int32, Int) in
          var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(chunkBuffer.baseAddress)?
            .assumingMemoryBound(to: CChar.self)
          var outLeft = chunkBuffer.count
          let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
          return (result == -1 ? errno : 0, chunkBuffer.count - outLeft)
        }
        output.append(contentsOf: chunk[0..<produced])
        switch stop {
        case 0, E2BIG:
          continue
        case EINVAL:
          // Incomplete sequence at the end of the input: finish it with the next block.
          if final {
            invalidSequences += 1
            output.append(contentsOf: Self.replacement)
            inLeft = 0
          } else {
            let consumed = sourceBuffer.count - inLeft
            pending.append(contentsOf: sourceBuffer[consumed...])
            inLeft = 0
          }
        default:
          // EILSEQ: skip one unit, mark it, and carry on. The shift state is left as it
          // was (no reset): ISO-2022-JP text after the bad byte is still in kanji mode.
          invalidSequences += 1
          output.append(contentsOf: Self.replacement)
          let skip = min(unit, inLeft)
          inPointer = inPointer.map { $0 + skip }
          inLeft -= skip
        }
      }
    }
  }
}

/// Why text could not be decoded.
public enum DecoderError: Error, Equatable, CustomStringConvertible {
  case unsupported(String)
  public var description: String {
    switch self {
    case .unsupported(let name): "iconv does not support \(name)"
    }
  }
}
