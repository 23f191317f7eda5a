import Crypto
import Foundation
import Hyperscan
import NokoriCore

/// Compiled Hyperscan databases kept on disk between runs: compiling the four foundation
/// detectors took about 20 ms of every start (a nightly sweep or a one-folder scan starts
/// often), the whole catalogue about 30 ms. The decoded pattern definitions are kept too,
/// by the pattern set's digest: Yams took 40 ms of CPU over the catalogue's 54 KB of YAML,
/// JSON takes a few.
///
/// A database is keyed by SHA-256 over the library's version and every expression with its
/// id and flags, so a changed pattern or a new Vectorscan never meets an old database. Each
/// file carries a SHA-256 of its bytes, checked before Hyperscan reads them. Anything amiss —
/// no file, a short or corrupt one, one from another processor, a folder that cannot be
/// written — means compiling, as without a cache.
public struct CompiledDatabaseCache: Sendable {
  public let directory: URL

  public init(directory: URL) {
    self.directory = directory
  }

  /// `$NOKORI_CACHE_DIR`, else `$XDG_CACHE_HOME/nokori`, else `~/.cache/nokori`; nil when
  /// there is no home to put it in.
  public static func resolve(environment: [String: String]) -> CompiledDatabaseCache? {
    if let explicit = environment["NOKORI_CACHE_DIR"], !explicit.isEmpty {
      return CompiledDatabaseCache(directory: URL(fileURLWithPath: explicit))
    }
    if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
      return CompiledDatabaseCache(directory: URL(fileURLWithPath: cache).appendingPathComponent("nokori"))
    }
    guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
    return CompiledDatabaseCache(directory: URL(fileURLWithPath: home).appendingPathComponent(".cache/nokori"))
  }

  static let magic = Array("nokori-hsdb-1\n".utf8)
  /// Larger files are not read: no database of ours comes near it.
  static let maximumSize = 256 << 20

  /// The kept database for `expressions`, or a newly compiled one (then kept).
  /// - Throws: what ``HyperscanDatabase/init(expressions:)`` throws.
  func database(for expressions: [HyperscanDatabase.Expression]) throws -> HyperscanDatabase {
    let file = directory.appendingPathComponent("\(Self.key(expressions)).hsdb")
    if let kept = load(file) { return kept }
    let database = try HyperscanDatabase(expressions: expressions)
    if let bytes = database.serialized() { store(bytes, at: file) }
    return database
  }

  static func key(_ expressions: [HyperscanDatabase.Expression]) -> String {
    var hasher = SHA256()
    hasher.update(data: Data(magic + Array(HyperscanDatabase.libraryVersion.utf8) + [0]))
    for expression in expressions {
      let flags = (expression.caseless ? "i" : "-") + (expression.startOfMatch ? "s" : "-")
      hasher.update(data: Data("\(expression.id) \(flags) \(expression.pattern.utf8.count) ".utf8))
      hasher.update(data: Data(expression.pattern.utf8))
    }
    return hasher.finalize().hexString
  }

  /// The definitions kept for the pattern set with digest `digest`, or those `decode` gives
  /// (then kept when it succeeds).
  func definitions(
    digest: String, decode: () throws -> [PatternDefinition]
  ) throws -> [PatternDefinition] {
    let file = directory.appendingPathComponent("\(digest).definitions")
    if let payload = verifiedPayload(file),
      let kept = try? JSONDecoder().decode([PatternDefinition].self, from: Data(payload))
    {
      return kept
    }
    let definitions = try decode()
    if let json = try? JSONEncoder().encode(definitions) { store([UInt8](json), at: file) }
    return definitions
  }

  /// The expression widths kept for the pattern set with digest `digest` (measured by this
  /// Hyperscan: another version may measure otherwise); empty when none are.
  func widths(digest: String) -> ExpressionWidths {
    verifiedPayload(widthsFile(digest)).flatMap { try? JSONDecoder().decode(ExpressionWidths.self, from: Data($0)) }
      ?? ExpressionWidths()
  }

  /// Keeps `widths` for the pattern set with digest `digest`.
  func keep(_ widths: ExpressionWidths, digest: String) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    if let json = try? encoder.encode(widths) { store([UInt8](json), at: widthsFile(digest)) }
  }

  private func widthsFile(_ digest: String) -> URL {
    let version = SHA256.hash(data: Data(HyperscanDatabase.libraryVersion.utf8)).hexString.prefix(16)
    return directory.appendingPathComponent("\(digest)-\(version).widths")
  }

  private func load(_ file: URL) -> HyperscanDatabase? {
    verifiedPayload(file).flatMap(HyperscanDatabase.deserialize)
  }

  /// A kept file's payload, when its magic and SHA-256 check out.
  private func verifiedPayload(_ file: URL) -> [UInt8]? {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: file.path),
      let size = attributes[.size] as? Int, size > Self.magic.count + 32, size <= Self.maximumSize,
      let data = try? Data(contentsOf: file)
    else { return nil }
    let bytes = [UInt8](data)
    let digestStart = Self.magic.count
    let payloadStart = digestStart + 32
    guard bytes.count > payloadStart, Array(bytes[..<digestStart]) == Self.magic else { return nil }
    let payload = Array(bytes[payloadStart...])
    guard Array(SHA256.hash(data: payload)) == Array(bytes[digestStart..<payloadStart]) else { return nil }
    return payload
  }

  private func store(_ payload: [UInt8], at file: URL) {
    let bytes = Self.magic + Array(SHA256.hash(data: payload)) + payload
    do {
      try FileManager.default.createDirectory(
        at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
      // Written beside and renamed into place: a reader never sees half a file.
      try Data(bytes).write(to: file, options: .atomic)
    } catch {
      // A cache that cannot be written costs the next run a compile, nothing more.
    }
  }
}
