import Crypto
import Foundation

/// Keyed HMAC-SHA256 fingerprints of normalised values, so that the same person can be
/// recognised across files and hosts without the value itself ever being stored.
public struct Fingerprinter: Sendable {
  // Raw bytes, not a SymmetricKey: that type is not Sendable in swift-crypto 3.
  private let key: [UInt8]
  /// First 16 hex digits of SHA-256 of the key: tells which key made a fingerprint, reveals nothing.
  public let keyID: String

  /// Creates a fingerprinter from raw key bytes (at least 16).
  public init(keyBytes: [UInt8]) throws {
    guard keyBytes.count >= 16 else { throw FingerprintKeyError.tooShort(keyBytes.count) }
    key = keyBytes
    keyID = String(SHA256.hash(data: keyBytes).hexString.prefix(16))
  }

  /// A hasher for one task, faster for many fingerprints.
  public func makeHasher() -> KeyedHasher { KeyedHasher(key: SymmetricKey(data: key)) }

  /// The fingerprint of `value` in `category`: the category is part of the message so the
  /// same digits found as two different kinds of number do not collide.
  public func fingerprint(category: Category, normalizedValue: String) -> String {
    makeHasher().fingerprint(category: category, normalizedValue: normalizedValue)
  }
}

/// A fingerprinter for one task: keeps the HMAC state after the key is absorbed, so each
/// fingerprint costs two SHA-256 compressions of the message rather than a key set-up too.
/// Not Sendable: make one per worker with ``Fingerprinter/makeHasher()``.
public final class KeyedHasher {
  private let keyed: HMAC<SHA256>

  init(key: SymmetricKey) {
    keyed = HMAC<SHA256>(key: key)
  }

  /// The same value as ``Fingerprinter/fingerprint(category:normalizedValue:)``.
  /// The message is passed in one piece: each `update` goes through swift-crypto's generic
  /// `DataProtocol` regions, and three of them per value were most of a fingerprint's cost.
  public func fingerprint(category: Category, normalizedValue: String) -> String {
    var mac = keyed
    var message: [UInt8] = []
    message.reserveCapacity(category.rawValue.utf8.count + 1 + normalizedValue.utf8.count)
    message.append(contentsOf: category.rawValue.utf8)
    message.append(0)
    message.append(contentsOf: normalizedValue.utf8)
    mac.update(data: message)
    return mac.finalize().withUnsafeBytes { $0.hexString }
  }
}

/// Why a fingerprint key could not be used.
public enum FingerprintKeyError: Error, CustomStringConvertible, Equatable {
  case tooShort(Int)
  case unreadable(path: String, reason: String)
  case insecurePermissions(path: String, mode: String)

  public var description: String {
    switch self {
    case .tooShort(let n): "fingerprint key is \(n) bytes; at least 16 are needed"
    case .unreadable(let path, let reason): "cannot read fingerprint key \(path): \(reason)"
    case .insecurePermissions(let path, let mode):
      "fingerprint key \(path) has mode \(mode); it must not be readable by group or others (chmod 600)"
    }
  }
}

extension Sequence where Element == UInt8 {
  /// Lowercase hexadecimal.
  public var hexString: String {
    let digits: StaticString = "0123456789abcdef"
    var bytes: [UInt8] = []
    bytes.reserveCapacity(64)
    digits.withUTF8Buffer { table in
      for byte in self {
        bytes.append(table[Int(byte >> 4)])
        bytes.append(table[Int(byte & 0x0f)])
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
