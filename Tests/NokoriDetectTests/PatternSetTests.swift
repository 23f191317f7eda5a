import Foundation
import NokoriCore
@testable import NokoriDetect
import NokoriTestSupport
import Testing

/// Loading and refusing pattern definitions.
@Suite struct PatternSetTests {
  func definition(id: String = "test.x", patterns: [String] = ["\\d{5}"], validator: String? = nil) -> PatternDefinition {
    PatternDefinition(
      id: id, category: Category("test.x"), name: "x", summary: nil, patterns: patterns, caseless: nil,
      boundary: nil, expand: nil, validator: validator, mask: nil, context: nil, fields: nil, negativeFields: nil,
      columnEvidence: nil, confidence: [.init(when: [.format], level: .medium)],
      examples: .init(positive: [.init(text: "a 12345 b", match: "12345", confidence: .medium, field: nil)],
        negative: [.init(text: "a 1234 b", field: nil, why: nil)]))
  }

  @Test func aBrokenFileIsNamedAndTheFirstInNameOrderWins() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    // Decoded in parallel; the error reported must not depend on which thread finished first.
    for name in ["jp.my_number", "pii.email", "pii.phone"] {
      try FileManager.default.copyItem(
        at: TestPaths.patterns.appendingPathComponent("\(name).yaml"),
        to: folder.appendingPathComponent("\(name).yaml"))
    }
    try Data("id: [unclosed\n".utf8).write(to: folder.appendingPathComponent("b.broken.yaml"))
    try Data("patterns: {{{\n".utf8).write(to: folder.appendingPathComponent("z.broken.yaml"))
    for _ in 0..<5 {
      #expect {
        try PatternSet.load(directory: folder)
      } throws: { error in
        guard case .unreadable(let path, _) = error as? PatternError else { return false }
        return path.hasSuffix("/b.broken.yaml")
      }
    }
    try FileManager.default.removeItem(at: folder.appendingPathComponent("b.broken.yaml"))
    try FileManager.default.removeItem(at: folder.appendingPathComponent("z.broken.yaml"))
    #expect(try PatternSet.load(directory: folder).patterns.map(\.id) == ["jp.my_number", "pii.email", "pii.phone"])
  }

  @Test func signalSetConstantsAreTheBitsOfTheirSignals() {
    let constants: [(Signal, SignalSet)] = [
      (.format, .format), (.validated, .validated), (.keyword, .keyword), (.field, .field), (.column, .column),
      (.grouped, .grouped), (.label, .label), (.dictionary, .dictionary), (.checksum, .checksum),
      (.document, .document), (.record, .record),
    ]
    #expect(constants.count == Signal.allCases.count)
    for (signal, constant) in constants { #expect(SignalSet(signal) == constant, "\(signal)") }
  }

  @Test func byteClassHoldsExactlyItsRangesAndLiterals() {
    let digitsAndDash = ByteClass("0-9-")
    let members = (0...255).map(UInt8.init).filter(digitsAndDash.contains)
    #expect(members == [UInt8(ascii: "-")] + Array(UInt8(ascii: "0")...UInt8(ascii: "9")))
    let high = ByteClass("\u{7F}")
    #expect((0...255).map(UInt8.init).filter(high.contains) == [0x7F])
  }

  @Test func surnamesAreFoundByTheirBytesWhateverTheirLength() {
    let long = String(repeating: "長", count: 10)  // 30 bytes: past the packed key
    let resources = PatternResources(surnames: ["佐藤", "佐々木", long], romanSurnames: ["sato"])
    #expect(resources.surnamePrefix(of: "佐々木花子") == "佐々木")
    #expect(resources.surnamePrefix(of: "佐藤一郎") == "佐藤")
    #expect(resources.surnamePrefix(of: long + "太郎") == long)
    #expect(resources.surnamePrefix(of: String(repeating: "長", count: 9) + "太郎") == nil)
    #expect(resources.surnamePrefix(of: "田中") == nil)
    #expect(resources.isRomanSurname("SATO"))
  }

  @Test func theSurnameFileIsReadLineByLineSkippingCommentsAndMalformedLines() {
    let text = "# surname\tromaji\n佐藤\tsato\n\nno tab here\n\tnosurname\n田中\t\n渡辺\twatanabe"
    let resources = PatternResources.parse(Data(text.utf8))
    #expect(resources.surnamePrefix(of: "佐藤一郎") == "佐藤")
    #expect(resources.surnamePrefix(of: "渡辺花子") == "渡辺", "the last line needs no newline")
    #expect(resources.surnamePrefix(of: "田中太郎") == nil, "no romaji: not a surname line")
    #expect(resources.isRomanSurname("watanabe") && !resources.isRomanSurname("nosurname"))
    #expect(resources.romanSurnames == ["sato", "watanabe"])
    #expect(resources.longestSurname == 2)
  }

  @Test func refusesUnknownValidator() {
    #expect(throws: PatternError.self) { try PatternSet(definitions: [definition(validator: "nope")], digest: "") }
  }

  @Test func refusesDuplicateIDs() {
    #expect(throws: PatternError.self) { try PatternSet(definitions: [definition(), definition()], digest: "") }
  }

  @Test func refusesARegexHyperscanCannotCompile() {
    #expect(throws: PatternError.self) { try PatternSet(definitions: [definition(patterns: ["(unclosed"])], digest: "") }
  }

  @Test func aPatternMissingItsOwnPositiveIsReported() throws {
    var broken = definition()
    broken.examples.positive[0].text = "nothing here"
    broken.examples.positive[0].match = "nothing"
    let set = try PatternSet(definitions: [broken], digest: "")
    let errors = try ExampleVerifier(patternSet: set, fingerprinter: TestPaths.fingerprinter()).verifyAll()
    #expect(errors.count == 1)
  }

  @Test func fileNameMustBeTheID() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let source = TestPaths.patterns.appendingPathComponent("pii.email.yaml")
    try FileManager.default.copyItem(at: source, to: folder.appendingPathComponent("wrong-name.yaml"))
    #expect(throws: PatternError.self) { try PatternSet.load(directory: folder) }
  }

  @Test func digestChangesWithContent() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let source = TestPaths.patterns.appendingPathComponent("pii.email.yaml")
    let target = folder.appendingPathComponent("pii.email.yaml")
    try FileManager.default.copyItem(at: source, to: target)
    let first = try PatternSet.load(directory: folder).digest
    try (String(contentsOf: target, encoding: .utf8) + "\n# changed\n").write(to: target, atomically: true, encoding: .utf8)
    #expect(try PatternSet.load(directory: folder).digest != first)
  }
}
