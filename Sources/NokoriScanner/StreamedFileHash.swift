import Crypto
import NokoriCore
import NokoriExtract

/// The SHA-256 of a text file, taken from the blocks the scan reads once the file turns out
/// to hold findings, so a flagged file is not read a second time from start to end.
///
/// Nothing is hashed until ``start(file:buffer:)``: most files hold nothing and are never
/// hashed. Starting re-reads only the part already streamed past; the rest is hashed as the
/// scan reads it. The digest is therefore of exactly the bytes the findings came from.
final class StreamedFileHash {
  private var hasher: SHA256?
  /// Bytes of the file seen so far (the sniffed sample, then every block read).
  private var seen: Int64
  /// Bytes fed to the hasher; equal to ``seen`` while hashing goes well.
  private var hashed: Int64 = 0
  private var failed = false

  /// `sampleCount`: the bytes sniffed before streaming began, which the reader does not read again.
  init(sampleCount: Int) {
    seen = Int64(sampleCount)
  }

  var started: Bool { hasher != nil || failed }

  /// Notes (and, once started, hashes) the next block the scan read.
  func add(_ block: UnsafeRawBufferPointer) {
    seen += Int64(block.count)
    guard hasher != nil else { return }
    hasher?.update(bufferPointer: block)
    hashed += Int64(block.count)
  }

  /// Starts hashing: reads again the `seen` bytes already streamed past, with `buffer`.
  func start(file: ReadOnlyFile, buffer: inout [UInt8]) {
    guard !started else { return }
    var hasher = SHA256()
    // Shrunk or unreadable since: the whole-file hash afterwards will say what it can.
    guard let read = Self.hash(file, upTo: seen, into: &hasher, buffer: &buffer), read == seen else {
      failed = true
      return
    }
    hashed = read
    self.hasher = hasher
  }

  /// Feeds `file` from its start to `hasher`, through `buffer`, up to `limit` bytes or its
  /// end; returns the bytes hashed, nil when a read fails.
  static func hash(_ file: ReadOnlyFile, upTo limit: Int64? = nil, into hasher: inout SHA256, buffer: inout [UInt8])
    -> Int64?
  {
    var offset: Int64 = 0
    while limit.map({ offset < $0 }) ?? true {
      let wanted = Int(min(Int64(buffer.count), (limit ?? .max) - offset))
      guard
        let count = try? buffer.withUnsafeMutableBytes({
          try file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<wanted]), at: offset)
        })
      else { return nil }
      if count == 0 { break }
      buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
      offset += Int64(count)
    }
    return offset
  }

  /// The digest, when every byte of a stream that ended at `total` bytes went through the hasher.
  func digest(total: Int64) -> String? {
    guard let hasher, !failed, hashed == seen, seen == total else { return nil }
    return hasher.finalize().hexString
  }
}
