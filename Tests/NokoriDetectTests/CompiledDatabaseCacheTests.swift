import Foundation
import Hyperscan
import NokoriCore
@testable import NokoriDetect
import NokoriTestSupport
import Testing

/// Compiled databases kept between runs: used when they fit, recompiled when they do not,
/// and never a reason for a run to fail.
@Suite struct CompiledDatabaseCacheTests {
  let text = "個人番号 1911 8794 3353、mail hanako.sato@example.jp、TEL 090-1234-5678、注文番号 191187943353\n"

  func hits(_ set: PatternSet) throws -> [String] {
    let detector = try StreamDetector(patternSet: set, fingerprinter: try TestPaths.fingerprinter())
    detector.reset()
    try detector.feed(text)
    try detector.finish()
    return detector.hits.map { "\($0.category.rawValue)@\($0.range) \($0.confidence)" }
  }

  func keptFiles(_ folder: URL) -> [URL] { cacheFiles(folder, ending: "hsdb") }

  @Test func aKeptDatabaseDetectsWhatACompiledOneDoes() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let cache = CompiledDatabaseCache(directory: folder.appendingPathComponent("cache"))
    let expected = try hits(try PatternSet.load(directory: TestPaths.patterns))
    #expect(expected.count >= 3)

    #expect(try hits(try PatternSet.load(directory: TestPaths.patterns, databaseCache: cache)) == expected)
    let files = keptFiles(cache.directory)
    #expect(files.count == 1)
    let written = try Data(contentsOf: try #require(files.first))
    // The second load reads the kept file (it is left as it was) and finds the same.
    #expect(try hits(try PatternSet.load(directory: TestPaths.patterns, databaseCache: cache)) == expected)
    #expect(try Data(contentsOf: try #require(files.first)) == written)
  }

  @Test func aCorruptOrTruncatedFileIsRecompiledAndReplaced() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let cache = CompiledDatabaseCache(directory: folder)
    let expected = try hits(try PatternSet.load(directory: TestPaths.patterns, databaseCache: cache))
    let file = try #require(keptFiles(folder).first)
    let good = try Data(contentsOf: file)
    var flipped = good
    flipped[good.count - 100] ^= 0xFF
    for damaged in [flipped, good.prefix(good.count / 2), Data(), Data(repeating: 0x41, count: 4096)] {
      try damaged.write(to: file)
      #expect(try hits(try PatternSet.load(directory: TestPaths.patterns, databaseCache: cache)) == expected)
      #expect(try Data(contentsOf: file) == good, "the damaged file is replaced by a good one")
    }
  }

  @Test func aFolderThatCannotBeWrittenOnlyCostsACompile() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let blocker = folder.appendingPathComponent("not-a-folder")
    try Data("x".utf8).write(to: blocker)
    let cache = CompiledDatabaseCache(directory: blocker.appendingPathComponent("cache"))
    #expect(try hits(try PatternSet.load(directory: TestPaths.patterns, databaseCache: cache)).count >= 3)
  }

  @Test func anotherExpressionSetHasAnotherKey() throws {
    let a = [HyperscanDatabase.Expression(pattern: "\\d{12}", id: 0)]
    let b = [HyperscanDatabase.Expression(pattern: "\\d{12}", id: 0, caseless: true)]
    let c = [HyperscanDatabase.Expression(pattern: "\\d{11}", id: 0)]
    #expect(Set([CompiledDatabaseCache.key(a), CompiledDatabaseCache.key(b), CompiledDatabaseCache.key(c)]).count == 3)
    #expect(CompiledDatabaseCache.key(a) == CompiledDatabaseCache.key(a))
  }

  @Test func theLocationFollowsTheEnvironment() {
    #expect(CompiledDatabaseCache.resolve(environment: ["NOKORI_CACHE_DIR": "/x/c", "HOME": "/h"])?.directory.path == "/x/c")
    #expect(CompiledDatabaseCache.resolve(environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h"])?.directory.path == "/x/nokori")
    #expect(CompiledDatabaseCache.resolve(environment: ["HOME": "/h"])?.directory.path == "/h/.cache/nokori")
    #expect(CompiledDatabaseCache.resolve(environment: [:]) == nil)
  }
}

/// Decoded definitions kept between runs, by the pattern set's digest.
@Suite struct KeptDefinitionsTests {
  func definitionFiles(_ folder: URL) -> [URL] { cacheFiles(folder, ending: "definitions") }

  @Test func keptDefinitionsAreTheDecodedOnesAndAreUsed() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let cache = CompiledDatabaseCache(directory: folder)
    let source = try PatternSource.read(directory: TestPaths.patterns)
    let decoded = try PatternSet.decodeChecked(source)
    #expect(try cache.definitions(digest: source.digest) { decoded } == decoded)
    let file = try #require(definitionFiles(folder).first)
    #expect(file.lastPathComponent == "\(source.digest).definitions")
    // Read back, not decoded again: every field of the whole catalogue survives the round trip.
    #expect(try cache.definitions(digest: source.digest) { Issue.record("decoded again"); return [] } == decoded)
    #expect(try PatternSet.compile(source, databaseCache: cache).patterns.map(\.id) == decoded.map(\.id))
  }

  @Test func aDamagedFileIsDecodedAgainAndAFailureIsNotKept() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let cache = CompiledDatabaseCache(directory: folder)
    let source = try PatternSource.read(directory: TestPaths.patterns)
    let decoded = try PatternSet.decodeChecked(source)
    _ = try cache.definitions(digest: source.digest) { decoded }
    let file = try #require(definitionFiles(folder).first)
    var damaged = try Data(contentsOf: file)
    damaged[damaged.count - 10] ^= 0xFF
    try damaged.write(to: file)
    var decodes = 0
    #expect(try cache.definitions(digest: source.digest) { decodes += 1; return decoded } == decoded)
    #expect(decodes == 1)
    struct Broken: Error {}
    #expect(throws: Broken.self) { try cache.definitions(digest: "other") { throw Broken() } }
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("other.definitions").path))
  }
}

/// The files in the cache folder `folder` with extension `ending`.
func cacheFiles(_ folder: URL, ending: String) -> [URL] {
  ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
    .filter { $0.pathExtension == ending }
}

/// Expression widths kept between runs, by the pattern set's digest and Hyperscan's version.
@Suite struct KeptWidthsTests {
  @Test func widthsMeasuredOnceAreKeptAndAreWhatHyperscanMeasures() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let cache = CompiledDatabaseCache(directory: folder)
    let source = try PatternSource.read(directory: TestPaths.patterns)
    #expect(!cache.widths(digest: source.digest).measuredNew)
    let compiled = try PatternSet.compile(source, databaseCache: cache)
    #expect(cacheFiles(folder, ending: "widths").count == 1)
    // Every expression of the catalogue is known to the kept widths, as Hyperscan measures it.
    var kept = cache.widths(digest: source.digest)
    for pattern in compiled.patterns {
      let caseless = pattern.definition.classifier != nil || (pattern.definition.caseless ?? false)
      for regex in pattern.expressions {
        let width = try kept.width(of: regex, caseless: caseless)
        let measured = try HyperscanDatabase.width(of: regex, caseless: caseless)
        #expect(width.min == measured.min && width.max == measured.max, "\(regex)")
      }
    }
    #expect(!kept.measuredNew, "none measured again")
    // A second compile finds them all: the file is left as it was.
    let file = try #require(cacheFiles(folder, ending: "widths").first)
    let written = try Data(contentsOf: file)
    _ = try PatternSet.compile(source, databaseCache: cache)
    #expect(try Data(contentsOf: file) == written)
  }

  @Test func aDamagedFileIsMeasuredAgainAndReplaced() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let cache = CompiledDatabaseCache(directory: folder)
    let source = try PatternSource.read(directory: TestPaths.patterns)
    let expected = try PatternSet.compile(source, databaseCache: cache).fixedWidth
    let file = try #require(cacheFiles(folder, ending: "widths").first)
    let good = try Data(contentsOf: file)
    var damaged = good
    damaged[damaged.count - 5] ^= 0xFF
    try damaged.write(to: file)
    #expect(try PatternSet.compile(source, databaseCache: cache).fixedWidth == expected)
    #expect(try Data(contentsOf: file) == good)
  }
}
