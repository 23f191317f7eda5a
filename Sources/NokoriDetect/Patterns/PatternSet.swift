import Crypto
import Foundation
import Hyperscan
import NokoriCore
import Synchronization
import Yams

/// Every detector of a run, compiled once into one Hyperscan database and shared by all
/// workers. Immutable.
public final class PatternSet: Sendable {
  public let patterns: [CompiledPattern]
  /// SHA-256 over the pattern files (name and content), recorded with each run so that a
  /// verdict is only reused under the same rules.
  public let digest: String
  let database: HyperscanDatabase
  /// Hyperscan expression id → index into `patterns`.
  let owner: [Int]
  /// Hyperscan expression id → its index among its classifier's titles and anchors (-1 otherwise).
  let anchorIndex: [Int]
  /// Hyperscan expression id → its match length when every match has the same length (start =
  /// end − length, so Hyperscan need not track starts, which is its costliest mode), else 0.
  let fixedWidth: [Int]
  /// Patterns that read values out of named fields.
  let fieldReaders: [Int]
  public let resources: PatternResources

  /// Matches are re-checked across chunk boundaries only up to this length (bytes).
  public static let maximumMatchLength = 1024

  /// Compiles `definitions`; with a `databaseCache`, a database kept from an earlier run
  /// with the same expressions is used instead of compiling.
  public init(
    definitions: [PatternDefinition], digest: String, resources: PatternResources = .empty,
    databaseCache: CompiledDatabaseCache? = nil
  ) throws {
    var widths = databaseCache?.widths(digest: digest) ?? ExpressionWidths()
    var seen: Set<String> = []
    for definition in definitions {
      guard seen.insert(definition.id).inserted else {
        throw PatternError.invalid(id: definition.id, reason: "defined twice")
      }
    }
    let compiled = try definitions.map { definition in
      let anchorWidth = try Self.anchorWidth(definition, widths: &widths)
      return try CompiledPattern(definition, anchorWidth: anchorWidth, resources: resources)
    }
    var expressions: [HyperscanDatabase.Expression] = []
    var owner: [Int] = []
    var anchorIndex: [Int] = []
    var fixedWidth: [Int] = []
    for (index, pattern) in compiled.enumerated() {
      let isClassifier = pattern.definition.classifier != nil
      guard !pattern.expressions.isEmpty else {
        throw PatternError.invalid(id: pattern.id, reason: "no patterns")
      }
      for (position, regex) in pattern.expressions.enumerated() {
        let caseless = isClassifier || (pattern.definition.caseless ?? false)
        var width = 0
        if pattern.definition.expand == nil,
          let measured = try? widths.width(of: regex, caseless: caseless), measured.min == measured.max
        {
          width = measured.min
        }
        fixedWidth.append(width)
        expressions.append(
          .init(
            pattern: regex, id: UInt32(owner.count), caseless: caseless,
            startOfMatch: pattern.definition.expand == nil && width == 0))
        owner.append(index)
        anchorIndex.append(isClassifier ? position : -1)
      }
    }
    self.anchorIndex = anchorIndex
    self.fixedWidth = fixedWidth
    fieldReaders = compiled.indices.filter { compiled[$0].readsFields }
    self.resources = resources
    do {
      database = try databaseCache?.database(for: expressions) ?? HyperscanDatabase(expressions: expressions)
    } catch HyperscanError.compile(let index?, let message) {
      throw PatternError.invalid(id: compiled[owner[index]].id, reason: "pattern does not compile: \(message)")
    }
    patterns = compiled
    self.owner = owner
    self.digest = digest
    if widths.measuredNew { databaseCache?.keep(widths, digest: digest) }
  }

  /// An `expand` pattern's anchor needs no start-of-match tracking when its width is fixed:
  /// start = end - width. Zero for other patterns.
  static func anchorWidth(_ definition: PatternDefinition, widths known: inout ExpressionWidths) throws -> Int {
    guard definition.expand != nil else { return 0 }
    let widths = try definition.patterns.map { regex in
      do { return try known.width(of: regex, caseless: definition.caseless ?? false) } catch {
        throw PatternError.invalid(id: definition.id, reason: "pattern does not compile: \(error)")
      }
    }
    guard let first = widths.first, widths.allSatisfy({ $0.min == first.min && $0.max == first.min }) else {
      throw PatternError.invalid(id: definition.id, reason: "an expand anchor must have one fixed width")
    }
    return first.min
  }

  /// Loads every `*.yaml` file in `directory` (the file name must be the pattern id).
  public static func load(directory: URL, databaseCache: CompiledDatabaseCache? = nil) throws -> PatternSet {
    try compile(PatternSource.read(directory: directory), databaseCache: databaseCache)
  }

  /// Decodes and compiles the pattern files of `source`.
  public static func compile(_ source: PatternSource, databaseCache: CompiledDatabaseCache? = nil) throws
    -> PatternSet
  {
    let definitions =
      try databaseCache?.definitions(digest: source.digest) { try decodeChecked(source) } ?? decodeChecked(source)
    return try PatternSet(
      definitions: definitions, digest: source.digest, resources: source.parseResources(), databaseCache: databaseCache)
  }

  /// Decodes the YAML of `source`'s files, each of which must be named for its pattern's id.
  static func decodeChecked(_ source: PatternSource) throws -> [PatternDefinition] {
    var definitions: [PatternDefinition] = []
    for (file, decoded) in zip(source.files, decodeAll(source.files)) {
      let definition = try decoded.get()
      let stem = String(file.name.dropLast(".yaml".count))
      guard stem == definition.id else {
        throw PatternError.invalid(id: definition.id, reason: "file \(file.name) must be named \(definition.id).yaml")
      }
      definitions.append(definition)
    }
    return definitions
  }

  /// Decodes each file's YAML, on all cores: decoding is most of what loading the catalogue
  /// costs (Yams builds and searches a node tree per file), and it comes before every scan.
  /// The encoding is given, not `.default`, which reads the environment on every decode.
  static func decodeAll(_ files: [PatternSource.File]) -> [Result<PatternDefinition, PatternError>] {
    let results = Mutex([Result<PatternDefinition, PatternError>?](repeating: nil, count: files.count))
    DispatchQueue.concurrentPerform(iterations: files.count) { index in
      let file = files[index]
      let result: Result<PatternDefinition, PatternError>
      do {
        result = .success(try YAMLDecoder(encoding: .utf8).decode(PatternDefinition.self, from: file.data))
      } catch {
        result = .failure(.unreadable(path: file.path, reason: "\(error)"))
      }
      results.withLock { $0[index] = result }
    }
    return results.withLock { $0.map { $0 ?? .failure(.unreadable(path: "", reason: "not decoded")) } }
  }

  /// The pattern with identifier `id`.
  public func pattern(id: String) -> CompiledPattern? { patterns.first { $0.id == id } }
}
