import NokoriCore

#if canImport(Glibc)
  import Glibc
#endif

/// A carry index mapped read-only and checked, whose records are read in place: the next
/// sweep looks its 200,000 verdicts up where they lie rather than copying them into memory
/// of its own first (a third of its start-up, with the page faults of a 22 MB array).
///
/// `@unchecked Sendable`: the mapping is private, read-only and never changed after `init`;
/// it is unmapped only when the last reference goes.
public final class MappedCarryIndex: @unchecked Sendable {
  private let mapping: UnsafeRawBufferPointer
  /// How many records it holds.
  public let count: Int
  private let outcomes = Outcome.allCases

  /// Maps run `run`'s index at `path` (digest `verdictDigest`); nil when there is none, it
  /// is for another run or digest, or its size or checksum does not hold.
  public init?(path: String, run: Int64, verdictDigest: String) {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var info = stat()
    let headerSize = CarryIndexFile.headerSize
    guard fstat(fd, &info) == 0, info.st_size >= headerSize + 8,
      let address = mmap(nil, Int(info.st_size), PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0),
      address != MAP_FAILED
    else { return nil }
    let bytes = UnsafeRawBufferPointer(start: address, count: Int(info.st_size))
    func word(_ offset: Int) -> UInt64 { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
    let count = Int(clamping: word(24))
    guard word(0) == CarryIndexFile.magic, word(8) == UInt64(bitPattern: run),
      word(16) == CarryIndexFile.digestHash(verdictDigest),
      count <= (bytes.count - headerSize - 8) / CarryIndexFile.recordSize,
      bytes.count == headerSize + count * CarryIndexFile.recordSize + 8,
      word(bytes.count - 8)
        == CarryIndexFile.checksum(UnsafeRawBufferPointer(rebasing: bytes[headerSize..<(bytes.count - 8)]))
    else {
      munmap(address, bytes.count)
      return nil
    }
    mapping = bytes
    self.count = count
  }

  deinit {
    munmap(UnsafeMutableRawPointer(mutating: mapping.baseAddress), mapping.count)
  }

  private func word(_ record: Int, _ field: Int) -> UInt64 {
    UInt64(
      littleEndian: mapping.loadUnaligned(
        fromByteOffset: CarryIndexFile.headerSize + record * CarryIndexFile.recordSize + field * 8, as: UInt64.self))
  }

  /// The hash of record `index`'s path.
  public func pathHash(at index: Int) -> UInt64 { word(index, 0) }

  /// The row id of record `index`.
  public func fileID(at index: Int) -> Int64 { Int64(bitPattern: word(index, 1)) }

  /// The run record `index`'s row belongs to.
  public func rowRun(at index: Int) -> Int64 { Int64(bitPattern: word(index, 2)) }

  /// True when record `index` may be carried: it has a file identity and an outcome this
  /// version knows (entries without, like links and unreadable ones, are reported again).
  public func isCarried(at index: Int) -> Bool {
    word(index, 9) & (1 << 3) != 0 && Int(word(index, 8) >> 32) < outcomes.count
  }

  /// Record `index`, decoded.
  public func record(at index: Int) -> CarryIndexFile.Record {
    let present = word(index, 9)
    func field(_ number: Int) -> UInt64? { present & (1 << UInt64(number)) != 0 ? word(index, 3 + number) : nil }
    let packed = word(index, 8)
    let outcomeIndex = Int(packed >> 32)
    return CarryIndexFile.Record(
      pathHash: word(index, 0), fileID: Int64(bitPattern: word(index, 1)), rowRun: Int64(bitPattern: word(index, 2)),
      size: field(0).map { Int64(bitPattern: $0) }, mtime: field(1).map(Double.init(bitPattern:)),
      ctime: field(2).map(Double.init(bitPattern:)), inode: field(3).map { Int64(bitPattern: $0) },
      device: field(4).map { Int64(bitPattern: $0) }, findingCount: Int(UInt32(truncatingIfNeeded: packed)),
      outcome: outcomeIndex < outcomes.count ? outcomes[outcomeIndex] : nil)
  }
}
