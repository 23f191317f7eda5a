import NokoriCore
import NokoriDetect
import NokoriTestSupport
import Testing

/// Every example in every Patterns/*.yaml runs through the real engine.
@Suite struct PatternExampleTests {
  @Test func everyPatternFileLoads() throws {
    let set = try TestPaths.patternSet()
    let ids = Set(set.patterns.map(\.id))
    #expect(ids.isSuperset(of: ["jp.my_number", "pii.email", "pii.phone", "fin.credit_card"]))
    #expect(set.digest.count == 64)
  }

  @Test(arguments: (try? PatternSet.load(directory: TestPaths.patterns))?.patterns.map(\.id) ?? [])
  func examplesHold(id: String) throws {
    let set = try TestPaths.patternSet()
    let verifier = try ExampleVerifier(patternSet: set, fingerprinter: try TestPaths.fingerprinter())
    let pattern = try #require(set.pattern(id: id))
    let failures = verifier.verify(pattern)
    #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
  }
}
