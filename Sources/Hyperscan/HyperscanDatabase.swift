import CHyperscan

#if canImport(Glibc)
  import Glibc
#endif

/// A compiled Hyperscan (or Vectorscan) block-mode database of many expressions.
///
/// Immutable after compilation and safe to share between tasks; each task scans with its
/// own ``HyperscanScratch``. The corresponding C functions are `hs_compile_multi` and
/// `hs_free_database`.
public final class HyperscanDatabase: @unchecked Sendable {
  // Safe to share: Hyperscan documents a compiled database as read-only during scans.
  let handle: OpaquePointer

  /// One expression to compile.
  public struct Expression: Sendable {
    public var pattern: String
    public var id: UInt32
    public var caseless: Bool
    /// Report the leftmost start offset of each match (costs throughput on unbounded patterns).
    public var startOfMatch: Bool
    public init(pattern: String, id: UInt32, caseless: Bool = false, startOfMatch: Bool = true) {
      self.pattern = pattern
      self.id = id
      self.caseless = caseless
      self.startOfMatch = startOfMatch
    }
  }

  /// Compiles `expressions` for block-mode scanning.
  /// - Throws: ``HyperscanError/compile(expressionIndex:message:)`` naming the failing expression.
  public init(expressions: [Expression]) throws {
    guard !expressions.isEmpty else { throw HyperscanError.compile(expressionIndex: nil, message: "no expressions") }
    var cStrings: [UnsafeMutablePointer<CChar>?] = expressions.map { strdup($0.pattern) }
    defer { cStrings.forEach { free($0) } }
    var flags: [UInt32] = expressions.map { expression in
      var flag = UInt32(HS_FLAG_DOTALL)
      if expression.caseless { flag |= UInt32(HS_FLAG_CASELESS) }
      if expression.startOfMatch { flag |= UInt32(HS_FLAG_SOM_LEFTMOST) }
      return flag
    }
    var ids: [UInt32] = expressions.map(\.id)
    var database: OpaquePointer?
    var compileError: UnsafeMutablePointer<hs_compile_error_t>?
    let status = cStrings.withUnsafeMutableBufferPointer { patterns in
      hs_compile_multi(
        patterns.baseAddress.map { UnsafePointer(OpaquePointer($0)) }, &flags, &ids,
        UInt32(expressions.count), UInt32(HS_MODE_BLOCK), nil, &database,
        &compileError)
    }
    guard status == HS_SUCCESS, let database else {
      let message = compileError?.pointee.message.map { String(cString: $0) } ?? "status \(status)"
      let index = compileError.map { Int($0.pointee.expression) }
      if let compileError { hs_free_compile_error(compileError) }
      throw HyperscanError.compile(expressionIndex: index.flatMap { $0 >= 0 ? $0 : nil }, message: message)
    }
    handle = database
  }

  private init(handle: OpaquePointer) { self.handle = handle }

  deinit { hs_free_database(handle) }

  /// The database as bytes (`hs_serialize_database`), to be kept between runs; nil if
  /// the library cannot serialise it.
  public func serialized() -> [UInt8]? {
    var bytes: UnsafeMutablePointer<CChar>?
    var length = 0
    guard hs_serialize_database(handle, &bytes, &length) == HS_SUCCESS, let bytes else { return nil }
    defer { free(bytes) }
    return Array(UnsafeRawBufferPointer(start: bytes, count: length))
  }

  /// A database from bytes ``serialized()`` made, or nil when they do not fit this library
  /// and processor (`hs_deserialize_database` checks its version, platform and layout).
  public static func deserialize(_ bytes: [UInt8]) -> HyperscanDatabase? {
    var database: OpaquePointer?
    let status = bytes.withUnsafeBytes { raw in
      hs_deserialize_database(raw.baseAddress?.assumingMemoryBound(to: CChar.self), raw.count, &database)
    }
    guard status == HS_SUCCESS, let database else { return nil }
    return HyperscanDatabase(handle: database)
  }

  /// The library's version line (`hs_version`): part of what a kept database is keyed by.
  public static var libraryVersion: String { String(cString: hs_version()) }

  /// The shortest and longest match `pattern` can make (longest is nil when unbounded).
  /// The corresponding C function is `hs_expression_info`.
  public static func width(of pattern: String, caseless: Bool = false) throws -> (min: Int, max: Int?) {
    var info: UnsafeMutablePointer<hs_expr_info_t>?
    var compileError: UnsafeMutablePointer<hs_compile_error_t>?
    let flags = UInt32(HS_FLAG_DOTALL) | (caseless ? UInt32(HS_FLAG_CASELESS) : 0)
    let status = hs_expression_info(pattern, flags, &info, &compileError)
    guard status == HS_SUCCESS, let info else {
      let message = compileError?.pointee.message.map { String(cString: $0) } ?? "status \(status)"
      if let compileError { hs_free_compile_error(compileError) }
      throw HyperscanError.compile(expressionIndex: nil, message: message)
    }
    defer { free(info) }
    let maximum = info.pointee.max_width
    return (Int(info.pointee.min_width), maximum == UInt32.max ? nil : Int(maximum))
  }
}

/// Per-task scratch space for scanning; not shareable between concurrent scans.
/// The corresponding C functions are `hs_alloc_scratch` and `hs_free_scratch`.
public final class HyperscanScratch {
  let handle: OpaquePointer
  let database: HyperscanDatabase
  /// Where the match callback writes: plain memory, reused scan after scan. A Swift array
  /// reached through an object cost a retain, a release, an exclusivity check and a
  /// uniqueness check per match; a digit-dense table reports millions.
  private let sink: UnsafeMutablePointer<MatchBuffer>

  public init(for database: HyperscanDatabase) throws {
    var scratch: OpaquePointer?
    let status = hs_alloc_scratch(database.handle, &scratch)
    guard status == HS_SUCCESS, let scratch else { throw HyperscanError.scratch(status: Int(status)) }
    handle = scratch
    self.database = database
    sink = .allocate(capacity: 1)
    sink.initialize(to: MatchBuffer())
  }

  deinit {
    hs_free_scratch(handle)
    sink.pointee.release()
    sink.deallocate()
  }

  /// Scans `bytes` and appends every match (expression id, start, end) to `matches`.
  /// The corresponding C function is `hs_scan`.
  public func scan(_ bytes: UnsafeRawBufferPointer, into matches: inout [HyperscanMatch]) throws {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return }
    sink.pointee.count = 0
    let status = hs_scan(
      database.handle, base.assumingMemoryBound(to: CChar.self), UInt32(bytes.count), 0, handle,
      { id, from, to, _, context in
        guard let context else { return 1 }
        let buffer = context.assumingMemoryBound(to: MatchBuffer.self)
        // Out of memory stops the scan (non-zero), reported as HS_SCAN_TERMINATED.
        return buffer.pointee.append(HyperscanMatch(id: id, start: Int(from), end: Int(to))) ? 0 : 1
      }, UnsafeMutableRawPointer(sink))
    guard status == HS_SUCCESS else { throw HyperscanError.scan(status: Int(status)) }
    if let storage = sink.pointee.storage {
      matches.append(contentsOf: UnsafeBufferPointer(start: storage, count: sink.pointee.count))
    }
  }
}

/// A growable array of matches in manually managed memory, written by the C callback.
private struct MatchBuffer {
  var storage: UnsafeMutablePointer<HyperscanMatch>?
  var count = 0
  var capacity = 0

  /// Appends `match`; false when no memory could be had for it.
  mutating func append(_ match: HyperscanMatch) -> Bool {
    if count == capacity {
      let grown = max(1024, capacity * 2)
      let bytes = grown * MemoryLayout<HyperscanMatch>.stride
      guard let moved = realloc(storage, bytes) else { return false }
      storage = moved.assumingMemoryBound(to: HyperscanMatch.self)
      capacity = grown
    }
    storage?[count] = match
    count += 1
    return true
  }

  func release() { free(storage) }
}

/// One match report: `end` is exclusive; `start` is leftmost when start-of-match was requested.
public struct HyperscanMatch: Sendable, Equatable {
  public var id: UInt32
  public var start: Int
  public var end: Int
}

/// Hyperscan failures as Swift errors.
public enum HyperscanError: Error, CustomStringConvertible {
  case compile(expressionIndex: Int?, message: String)
  case scratch(status: Int)
  case scan(status: Int)

  public var description: String {
    switch self {
    case .compile(let index, let message):
      "hyperscan could not compile expression \(index.map(String.init) ?? "?"): \(message)"
    case .scratch(let status): "hyperscan could not allocate scratch (status \(status))"
    case .scan(let status): "hyperscan scan failed (status \(status))"
    }
  }
}

