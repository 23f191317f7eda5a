import Foundation
import NokoriCore
import NokoriDetect
import NokoriTestSupport
import Testing

/// A value two patterns of one category both find is reported once, and counted once: the
/// per-category counts are what an investigator reads as "how many addresses".
@Suite struct DistinctCountTests {
  let set: PatternSet
  let fingerprinter: Fingerprinter

  init() throws {
    set = try TestPaths.patternSet()
    fingerprinter = try TestPaths.fingerprinter()
  }

  func detector(_ text: String, cap: Int = 1000, minimum: Confidence = .medium, merging: Bool = true) throws
    -> StreamDetector
  {
    let detector = try StreamDetector(patternSet: set, fingerprinter: fingerprinter)
    detector.minimumConfidence = minimum
    detector.maxHitsPerCategory = cap
    detector.mergesOverlaps = merging
    detector.reset()
    try detector.feed(text)
    try detector.finish()
    return detector
  }

  static let address = Category(rawValue: "pii.address")

  /// Each line: a labelled address, which the prefecture pattern finds too.
  static func letters(_ count: Int) -> String {
    (0..<count).map { "お届け先住所: 東京都港区六本木\($0 % 9 + 1)-\($0 % 20 + 1)-\($0 % 7 + 1) 山田 太郎 様\n" }.joined()
  }

  @Test func anAddressTwoPatternsFindIsCountedOnceAsItIsReportedOnce() throws {
    let unmerged = try detector(Self.letters(1), minimum: .low, merging: false)
    // Both patterns do find it: without merging there are two hits.
    #expect(unmerged.hits.filter { $0.category == Self.address }.count == 2)
    for minimum in [Confidence.low, .medium] {
      let merged = try detector(Self.letters(1), minimum: minimum)
      #expect(merged.hits.filter { $0.category == Self.address }.count == 1, "\(minimum)")
      #expect(merged.counts[Self.address] == 1, "\(minimum)")
    }
  }

  @Test func manyAddressesAreCountedOnceEachKeptOrPastTheCap() throws {
    for cap in [3, 1000] {
      for minimum in [Confidence.low, .medium] {
        let merged = try detector(Self.letters(400), cap: cap, minimum: minimum)
        #expect(merged.counts[Self.address] == 400, "cap \(cap), \(minimum)")
      }
    }
  }

  @Test func valuesNextToEachOtherAreStillCountedApart() throws {
    // Two addresses on one line and two e-mail addresses side by side: distinct values.
    let text = "住所: 東京都港区六本木1-2-3、旧住所: 大阪府大阪市北区梅田1-1-1\nmail a@example.jp,b@example.jp\n"
    let detector = try detector(text, minimum: .low)
    #expect(detector.counts[Self.address] == detector.hits.filter { $0.category == Self.address }.count)
    #expect(detector.counts[Self.address] == 2)
    #expect(detector.counts[.email] == 2)
  }
}
