import Foundation
import LibXML
import NokoriExtract
import NokoriTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Documents built to hurt a parser: each must end quickly, in little memory, with a clear
/// verdict, and never read anything outside itself.
@Suite(.serialized) struct HostileXMLTests {
  /// Peak resident set of this process so far, in bytes.
  static func peakRSS() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss * 1024
  }

  /// Extracts `xml` in 64 KiB chunks, measuring time and peak memory growth.
  static func measure(_ xml: [UInt8]) throws -> (text: String, summary: XMLParseSummary, seconds: Double, grownBytes: Int) {
    let before = peakRSS()
    let start = ContinuousClock.now
    let (text, summary, _) = try extract(xml, chunk: 64 * 1024)
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return (text, summary, seconds, peakRSS() - before)
  }

  @Test func billionLaughsIsHostileQuickly() throws {
    var dtd = "<!ENTITY lol0 \"lol\">\n"
    for level in 1...9 {
      dtd += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">\n"
    }
    let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n\(dtd)]>\n<lolz>&lol9;</lolz>\n"
    let result = try Self.measure(Array(xml.utf8))
    #expect(result.summary.problem == .entityAmplification)
    #expect(result.seconds < 5)
    #expect(result.grownBytes < 100 << 20)
    #expect(result.text.utf8.count < 1 << 20)
  }

  @Test func quadraticBlowUpIsHostileQuickly() throws {
    let value = String(repeating: "A", count: 50_000)
    let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE k [<!ENTITY a \"\(value)\">]>\n<k>"
      + String(repeating: "&a;", count: 50_000) + "</k>\n"
    let result = try Self.measure(Array(xml.utf8))
    #expect(result.summary.problem == .entityAmplification)
    #expect(result.seconds < 5)
    #expect(result.grownBytes < 100 << 20)
  }

  @Test func tenThousandDeepNestingIsHostile() throws {
    let xml = "<?xml version=\"1.0\"?>\n" + String(repeating: "<a>", count: 10_000) + "x"
      + String(repeating: "</a>", count: 10_000)
    let result = try Self.measure(Array(xml.utf8))
    #expect(result.summary.problem == .tooDeep(XMLPushParser.maxDepth))
    #expect(result.seconds < 5)
  }

  @Test func externalEntitiesNeverReadTheFilesTheyName() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let secret = folder.appendingPathComponent("secret.txt")
    let marker = "SECRET-MARKER-4f1c"
    try Data("\(marker) leaked@example.com\n".utf8).write(to: secret)
    let uri = secret.absoluteString
    let xml = """
      <?xml version="1.0"?>
      <!DOCTYPE r [
        <!ENTITY general SYSTEM "\(uri)">
        <!ENTITY % parameter SYSTEM "\(uri)">
        %parameter;
      ]>
      <r><a>&general;</a><b>visible</b><c ref="&general;"/></r>
      """
    let (text, _, _) = try extract(Array(xml.utf8), chunk: 1 << 16)
    #expect(!text.contains(marker))
    #expect(!text.contains("leaked"))
    #expect(text.contains("visible"))

    let external = "<?xml version=\"1.0\"?>\n<!DOCTYPE r SYSTEM \"\(uri)\">\n<r>ok</r>\n"
    let (second, _, _) = try extract(Array(external.utf8), chunk: 1 << 16)
    #expect(!second.contains(marker))
    #expect(second == "ok\n")
  }

  @Test func aHugeTextNodeStreamsInBoundedMemory() throws {
    // 64 MiB of text in one node: it must come out in pieces, not be held whole.
    let extractor = XMLExtractor()
    var produced = 0
    var largest = 0
    let sink: (UnsafeRawBufferPointer) throws -> Void = { produced += $0.count; largest = max(largest, $0.count) }
    try Array("<?xml version=\"1.0\"?><a>".utf8).withUnsafeBytes { try extractor.feed($0, sink: sink) }
    let block = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
    for _ in 0..<64 { try block.withUnsafeBytes { try extractor.feed($0, sink: sink) } }
    try Array("</a>".utf8).withUnsafeBytes { try extractor.feed($0, sink: sink) }
    let (summary, _) = try extractor.finish(sink: sink)
    #expect(summary.wellFormed)
    #expect(produced == (64 << 20) + 1)
    #expect(largest < 4 << 20)
  }
}
