import NokoriCore

#if canImport(Glibc)
  import Glibc
#endif

/// A finished sweep's verdicts as a flat file beside the store (`<store>.carry-index`), so
/// that the next sweep need not read 200,000 rows back out of SQLite to decide what to
/// carry (as git keeps its index beside its objects). It is derived from the store and
/// only trusted when its header names the run and verdict digest being carried from and
/// its checksum holds; otherwise the rows are read from the store as before.
public enum CarryIndexFile {
  /// One earlier row: where its path hashes to, its identity and what counting it needs.
  public struct Record: Sendable, Equatable {
    public var pathHash: UInt64
    public var fileID: Int64
    /// The run the row belongs to (the base's id for a kept row).
    public var rowRun: Int64
    public var size: Int64?
    public var mtime: Double?
    public var ctime: Double?
    public var inode: Int64?
    public var device: Int64?
    public var findingCount: Int
    /// Nil for a row that is never carried (no file identity, or an outcome unknown here).
    public var outcome: Outcome?

    public init(
      pathHash: UInt64, fileID: Int64, rowRun: Int64, size: Int64?, mtime: Double?, ctime: Double?, inode: Int64?,
      device: Int64?, findingCount: Int, outcome: Outcome?
    ) {
      self.pathHash = pathHash
      self.fileID = fileID
      self.rowRun = rowRun
      self.size = size
      self.mtime = mtime
      self.ctime = ctime
      self.inode = inode
      self.device = device
      self.findingCount = findingCount
      self.outcome = outcome
    }
  }

  static let magic: UInt64 = 0x3258_4944_4E49_524B  // "KRINDIX2": four checksum lanes (1: one)
  static let headerSize = 32
  static let recordSize = 80

  /// The index file of the store at `storePath`.
  public static func path(forStore storePath: String) -> String { storePath + ".carry-index" }

  /// Writes `records` as run `run`'s index (digest `verdictDigest`), replacing any earlier
  /// one at once (a new file renamed over it), readable by the owner only.
  public static func write(_ records: [Record], run: Int64, verdictDigest: String, to path: String) throws {
    try write(run: run, verdictDigest: verdictDigest, to: path) { encoder in
      for record in records { try encoder.append(record) }
    }
  }

  /// Writes run `run`'s index with the records `encode` appends, as ``write(_:run:verdictDigest:to:)`` does.
  public static func write(
    run: Int64, verdictDigest: String, to path: String, encode: (inout CarryIndexWriter.Encoder) throws -> Void
  ) throws {
    let writer = try CarryIndexWriter(path: path, run: run, verdictDigest: verdictDigest)
    try writer.write(encode)
    try writer.finish()
  }

  /// The records of run `run`'s index at `path`, or nil when there is none, it is for
  /// another run or digest, or it does not check out.
  public static func read(path: String, run: Int64, verdictDigest: String) -> [Record]? {
    guard let index = MappedCarryIndex(path: path, run: run, verdictDigest: verdictDigest) else { return nil }
    return (0..<index.count).map(index.record(at:))
  }

  /// FNV-1a over the records' 64-bit words, record n's words in lane n mod 4, the lanes
  /// folded at the end: catches a torn or stale file (not an attacker: the store's folder is
  /// the owner's alone). In one lane every word waited on the multiply before it; four
  /// chains run side by side.
  static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var lanes = Checksum()
    var offset = 0
    while offset + recordSize <= bytes.count {
      lanes.add(record: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + recordSize)]))
      offset += recordSize
    }
    return lanes.value
  }

  /// The running checksum of a file's records (see ``checksum(_:)``).
  struct Checksum {
    private var lanes = SIMD4<UInt64>(repeating: PathHash.empty)
    private var records = 0

    /// Adds the next record, its `recordSize` bytes as the file holds them.
    mutating func add(record bytes: UnsafeRawBufferPointer) {
      let lane = records & 3
      var hash = lanes[lane]
      var offset = 0
      while offset < recordSize {
        hash = step(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)), hash)
        offset += 8
      }
      lanes[lane] = hash
      records += 1
    }

    private func step(_ word: UInt64, _ hash: UInt64) -> UInt64 { (hash ^ word) &* PathHash.prime }

    /// The four lanes folded into one word.
    var value: UInt64 {
      var hash = PathHash.empty
      for lane in 0..<4 { hash = step(lanes[lane], hash) }
      return hash
    }
  }

  /// The verdict digest as the header holds it: the same 64-bit hash as a path's.
  static func digestHash(_ digest: String) -> UInt64 {
    PathHash.of(digest)
  }
}

/// The carry index could not be written.
public struct CarryIndexError: Error, CustomStringConvertible {
  public var path: String
  public var errno: Int32
  public var description: String { "\(path): \(String(cString: strerror(errno)))" }
}
