import Foundation
import NokoriExtract
import Testing

@Suite struct TextStreamReaderTests {
  /// The first `FormatSniffer.sampleSize` bytes, as the scanner reads them for sniffing.
  private func readSample(_ file: ReadOnlyFile) throws -> [UInt8] {
    var sample = [UInt8](repeating: 0, count: FormatSniffer.sampleSize)
    let count = try sample.withUnsafeMutableBytes { try file.read(into: $0, at: 0) }
    return Array(sample[0..<count])
  }

  /// Streams the file at `path` and returns every block the sink received.
  private func stream(_ path: String, encoding: TextEncoding, bomLength: Int) throws
    -> (blocks: [[UInt8]], statistics: TextStreamReader.Statistics)
  {
    let file = try ReadOnlyFile(path: path)
    let sample = try readSample(file)
    var blocks: [[UInt8]] = []
    let statistics = try TextStreamReader().stream(file, sample: sample, encoding: encoding, bomLength: bomLength) {
      blocks.append(Array($0))
    }
    return (blocks, statistics)
  }

  /// Offsets in Shift_JIS bytes where a character starts.
  private func characterStarts(_ sjis: [UInt8]) -> Set<Int> {
    var starts = Set<Int>()
    var index = 0
    while index < sjis.count {
      starts.insert(index)
      let byte = sjis[index]
      index += (byte < 0x80 || (0xA1...0xDF).contains(byte)) ? 1 : 2
    }
    return starts
  }

  @Test func largeCP932FileIsReassembledExactly() throws {
    let directory = try ScratchDirectory()
    var body = ""
    for number in 0..<36_000 {
      body += "\(number),山田太郎,ﾔﾏﾀﾞﾀﾛｳ,①髙橋㈱,taro\(number)@example.jp,090-\(1000 + number % 9000)-5678\n"
    }
    // Pad the front so that a two-byte character starts at the last byte of the sample:
    // the decoder then has to carry half a character from the sample to the first block.
    let header = "番号,氏名,カナ,会社,メール,電話\n"
    let unpadded = try Encode.cp932(header + body)
    let boundary = FormatSniffer.sampleSize
    let lastDoubleByteStart = try #require(
      characterStarts(unpadded).filter { $0 < boundary && unpadded[$0] >= 0x81 && !(0xA1...0xDF).contains(unpadded[$0]) }
        .max())
    let text = String(repeating: "#", count: boundary - 1 - lastDoubleByteStart) + header + body
    let bytes = try Encode.cp932(text)
    #expect(!characterStarts(bytes).contains(boundary), "the sample boundary splits a character")
    #expect(bytes.count > 2 * 1024 * 1024 + FormatSniffer.sampleSize)
    let path = try directory.write("meibo.txt", bytes)

    // The sniffer sees CP932 CSV in the sample.
    let sample = try readSample(try ReadOnlyFile(path: path))
    #expect(sample.count == FormatSniffer.sampleSize)
    #expect(
      FormatSniffer.sniff(sample, fileName: "meibo.txt", isComplete: false)
        == .text(encoding: .cp932, bomLength: 0, delimiter: UInt8(ascii: ",")))

    let (blocks, statistics) = try stream(path, encoding: .cp932, bomLength: 0)
    #expect(blocks.count >= 4, "the sample, then at least three 1 MiB blocks")
    #expect(blocks.joined().elementsEqual(text.utf8))
    #expect(statistics.bytesRead == Int64(bytes.count))
    #expect(statistics.invalidSequences == 0)
    // No block ends inside a UTF-8 sequence: each one is valid on its own.
    for (index, block) in blocks.enumerated() {
      #expect(EncodingDetector.isValidUTF8(block, allowTruncatedEnd: false), "block \(index)")
    }
  }

  @Test func utf8BOMIsSkipped() throws {
    let directory = try ScratchDirectory()
    let text = "個人番号,氏名\n123456789018,山田太郎\n"
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Encode.utf8(text)
    let path = try directory.write("bom.csv", bytes)
    let sample = try readSample(try ReadOnlyFile(path: path))
    #expect(
      FormatSniffer.sniff(sample, fileName: "bom.csv", isComplete: true)
        == .text(encoding: .utf8, bomLength: 3, delimiter: UInt8(ascii: ",")))
    let (blocks, statistics) = try stream(path, encoding: .utf8, bomLength: 3)
    #expect(blocks.joined().elementsEqual(text.utf8))
    #expect(statistics.bytesRead == Int64(bytes.count))
  }

  @Test func utf8BOMIsSkippedInALargeFile() throws {
    let directory = try ScratchDirectory()
    let text = String(repeating: "氏名: 山田太郎 メール: taro@example.jp\n", count: 40_000)
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Encode.utf8(text)
    let path = try directory.write("big.txt", bytes)
    let (blocks, statistics) = try stream(path, encoding: .utf8, bomLength: 3)
    #expect(blocks.count >= 2)
    #expect(blocks.joined().elementsEqual(text.utf8))
    #expect(statistics.bytesRead == Int64(bytes.count))
  }

  @Test func utf16BOMIsSkipped() throws {
    let directory = try ScratchDirectory()
    let text = "氏名,電話\n髙橋①,03-1234-5678\n"
    let bytes: [UInt8] = [0xFF, 0xFE] + (try Encode.utf16LE(text))
    let path = try directory.write("u16.txt", bytes)
    let (blocks, statistics) = try stream(path, encoding: .utf16LE, bomLength: 2)
    #expect(String(decoding: blocks.joined(), as: UTF8.self) == text)
    #expect(statistics.invalidSequences == 0)
  }

  @Test func invalidBytesAreCountedInTheStatistics() throws {
    let directory = try ScratchDirectory()
    // A stray FF in the middle, and a lead byte with nothing after it at the very end.
    let bytes = (try Encode.cp932("山田")) + [0xFF] + (try Encode.cp932("太郎")) + [0x93]
    let path = try directory.write("bad.txt", bytes)
    let (blocks, statistics) = try stream(path, encoding: .cp932, bomLength: 0)
    #expect(String(decoding: blocks.joined(), as: UTF8.self) == "山田\u{FFFD}太郎\u{FFFD}")
    #expect(statistics.invalidSequences == 2)
  }

  @Test func emptyFileDeliversNothing() throws {
    let directory = try ScratchDirectory()
    let path = try directory.write("empty.txt", [])
    let (blocks, statistics) = try stream(path, encoding: .cp932, bomLength: 0)
    #expect(blocks.isEmpty)
    #expect(statistics.bytesRead == 0)
  }

  @Test func sinkErrorsStopTheStream() throws {
    struct Stop: Error, Equatable {}
    let directory = try ScratchDirectory()
    let path = try directory.write("big.txt", Array(repeating: UInt8(ascii: "a"), count: 3 * 1024 * 1024))
    let file = try ReadOnlyFile(path: path)
    let sample = try readSample(file)
    var calls = 0
    #expect(throws: Stop()) {
      _ = try TextStreamReader().stream(file, sample: sample, encoding: .utf8, bomLength: 0) { _ in
        calls += 1
        throw Stop()
      }
    }
    #expect(calls == 1)
  }
}
