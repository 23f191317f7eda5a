import Foundation
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

  static let magic: UInt64 = 0x3158_4944_4E49_524B  // "KRINDIX1"
  static let headerSize = 32
  static let recordSize = 80

  /// The index file of the store at `storePath`.
  public static func path(forStore storePath: String) -> String { storePath + ".carry-index" }

  /// Writes `records` as run `run`'s index (digest `verdictDigest`), replacing any earlier
  /// one at once (a new file renamed over it), readable by the owner only.
  public static func write(_ records: [Record], run: Int64, verdictDigest: String, to path: String) throws {
    let size = headerSize + records.count * recordSize + 8
    var bytes = [UInt8](repeating: 0, count: size)
    let outcomes = Outcome.allCases
    bytes.withUnsafeMutableBytes { buffer in
      func put(_ value: UInt64, _ offset: Int) { buffer.storeBytes(of: value.littleEndian, toByteOffset: offset, as: UInt64.self) }
      put(magic, 0)
      put(UInt64(bitPattern: run), 8)
      put(digestHash(verdictDigest), 16)
      put(UInt64(records.count), 24)
      for (index, record) in records.enumerated() {
        let base = headerSize + index * recordSize
        put(record.pathHash, base)
        put(UInt64(bitPattern: record.fileID), base + 8)
        put(UInt64(bitPattern: record.rowRun), base + 16)
        // The optional fields, and one bit each for which are present.
        var present: UInt64 = 0
        func optional(_ field: UInt64?, _ number: Int) {
          put(field ?? 0, base + 24 + number * 8)
          if field != nil { present |= 1 << UInt64(number) }
        }
        optional(record.size.map { UInt64(bitPattern: $0) }, 0)
        optional(record.mtime.map(\.bitPattern), 1)
        optional(record.ctime.map(\.bitPattern), 2)
        optional(record.inode.map { UInt64(bitPattern: $0) }, 3)
        optional(record.device.map { UInt64(bitPattern: $0) }, 4)
        let outcome = record.outcome.flatMap { outcomes.firstIndex(of: $0) }.map(UInt64.init) ?? 0xFF
        put(UInt64(UInt32(clamping: record.findingCount)) | outcome << 32, base + 64)
        put(present, base + 72)
      }
      put(checksum(UnsafeRawBufferPointer(rebasing: buffer[headerSize..<(size - 8)])), size - 8)
    }
    let temporary = path + ".new"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw CarryIndexError(path: temporary, errno: errno) }
    let written = bytes.withUnsafeBytes { buffer -> Bool in
      guard let start = buffer.baseAddress else { return false }
      var offset = 0
      while offset < buffer.count {
        let count = Glibc.write(fd, start + offset, buffer.count - offset)
        if count <= 0 { return false }
        offset += count
      }
      return true
    }
    let code = errno
    close(fd)
    guard written, rename(temporary, path) == 0 else {
      unlink(temporary)
      throw CarryIndexError(path: path, errno: written ? errno : code)
    }
  }

  /// The records of run `run`'s index at `path`, or nil when there is none, it is for
  /// another run or digest, or it does not check out.
  public static func read(path: String, run: Int64, verdictDigest: String) -> [Record]? {
    guard let data = FileManager.default.contents(atPath: path), data.count >= headerSize + 8 else { return nil }
    return data.withUnsafeBytes { buffer -> [Record]? in
      func word(_ offset: Int) -> UInt64 { UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
      guard word(0) == magic, word(8) == UInt64(bitPattern: run), word(16) == digestHash(verdictDigest) else {
        return nil
      }
      let count = Int(clamping: word(24))
      guard count <= (buffer.count - headerSize - 8) / recordSize, buffer.count == headerSize + count * recordSize + 8,
        word(buffer.count - 8) == checksum(UnsafeRawBufferPointer(rebasing: buffer[headerSize..<(buffer.count - 8)]))
      else { return nil }
      let outcomes = Outcome.allCases
      var records: [Record] = []
      records.reserveCapacity(count)
      for index in 0..<count {
        let base = headerSize + index * recordSize
        let present = word(base + 72)
        func field(_ number: Int) -> UInt64? { present & (1 << UInt64(number)) != 0 ? word(base + 24 + number * 8) : nil }
        let packed = word(base + 64)
        let outcomeIndex = Int(packed >> 32)
        records.append(
          Record(
            pathHash: word(base), fileID: Int64(bitPattern: word(base + 8)), rowRun: Int64(bitPattern: word(base + 16)),
            size: field(0).map { Int64(bitPattern: $0) }, mtime: field(1).map(Double.init(bitPattern:)),
            ctime: field(2).map(Double.init(bitPattern:)), inode: field(3).map { Int64(bitPattern: $0) },
            device: field(4).map { Int64(bitPattern: $0) }, findingCount: Int(UInt32(truncatingIfNeeded: packed)),
            outcome: outcomeIndex < outcomes.count ? outcomes[outcomeIndex] : nil))
      }
      return records
    }
  }

  /// FNV-1a over the records' 64-bit words: catches a torn or stale file (not an attacker:
  /// the store's folder is the owner's alone) at a byte's cost per eight bytes.
  static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    var offset = 0
    while offset + 8 <= bytes.count {
      hash ^= bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      hash &*= 0x0000_0100_0000_01b3
      offset += 8
    }
    return hash
  }

  /// The verdict digest as the header holds it: the same 64-bit hash as a path's.
  static func digestHash(_ digest: String) -> UInt64 {
    Array(digest.utf8).withUnsafeBytes { PriorFiles.hash($0) }
  }
}

/// The carry index could not be written.
public struct CarryIndexError: Error, CustomStringConvertible {
  public var path: String
  public var errno: Int32
  public var description: String { "\(path): \(String(cString: strerror(errno)))" }
}
