import Crypto
import Foundation
import NokoriCore
import ZIPFoundation

/// Checks an evidence bundle: every member's SHA-256 against MANIFEST, members added or
/// removed, and MANIFEST's Ed25519 signature — against a trusted public key when one is
/// given, since a key inside the bundle proves only that the bundle agrees with itself.
public enum EvidenceBundleVerifier {
  /// How the signature was checked.
  public enum SignatureCheck: Sendable, Equatable {
    /// Valid under the trusted key (named by where it came from).
    case trusted(source: String)
    /// Valid under the key inside the bundle only: self-consistent, signer not established.
    case selfConsistentOnly
    /// Invalid, missing, or made by another key; the reason says which.
    case failed(reason: String)
  }

  /// What verification found.
  public struct Report: Sendable {
    /// Each problem found, one sentence naming the member and what is wrong.
    public var problems: [String]
    public var signature: SignatureCheck
    /// Members whose hash matched MANIFEST.
    public var intactMembers: Int
    /// Key id of the public key inside the bundle, when it has one.
    public var bundleKeyID: String?

    /// True when nothing was altered, added or removed and the signature holds.
    public var isIntact: Bool {
      if !problems.isEmpty { return false }
      if case .failed = signature { return false }
      return true
    }
  }

  /// Verifies the bundle at `url`; `trustedKey` (and where it came from) when known.
  /// - Throws: ``EvidenceError/unreadableBundle(path:reason:)`` when it is not a readable zip at all.
  public static func verify(
    bundle url: URL, trustedKey: Curve25519.Signing.PublicKey?, trustedKeySource: String?
  ) throws -> Report {
    let archive: Archive
    do { archive = try Archive(url: url, accessMode: .read) } catch {
      throw EvidenceError.unreadableBundle(path: url.path, reason: "not a readable zip (\(error))")
    }
    var problems: [String] = []
    var contents: [String: Data] = [:]  // the small members needed whole: MANIFEST, its signature, the key
    var actual: [String: String] = [:]
    var order: [String] = []
    for entry in archive {
      let name = entry.path
      guard entry.type == .file else {
        problems.append("member added: \(name) (a \(entry.type == .directory ? "folder" : "link"), not in MANIFEST)")
        continue
      }
      if actual[name] != nil {
        problems.append("member \(name) appears twice in the zip")
        continue
      }
      var hasher = SHA256()
      var kept = Data()
      let keep = name == BundleLayout.manifest || name == BundleLayout.signature || name == BundleLayout.publicKey
      do {
        _ = try archive.extract(entry, skipCRC32: false) { chunk in
          hasher.update(data: chunk)
          if keep { kept.append(chunk) }
        }
      } catch {
        problems.append("member \(name) is damaged and cannot be read (\(error)): the bundle was altered")
        actual[name] = "unreadable"
        order.append(name)
        continue
      }
      actual[name] = hasher.finalize().hexString
      order.append(name)
      if keep { contents[name] = kept }
    }

    guard let manifestData = contents[BundleLayout.manifest] else {
      problems.append("MANIFEST is missing: nothing can be checked against it")
      return Report(problems: problems, signature: .failed(reason: "no MANIFEST"), intactMembers: 0, bundleKeyID: nil)
    }
    let manifestText = String(decoding: manifestData, as: UTF8.self)
    let parsed = BundleLayout.parseManifest(manifestText)
    for line in parsed.malformed { problems.append("MANIFEST has a malformed line: \(line)") }
    var listed = Set<String>()
    var intact = 0
    for (name, expected) in parsed.entries {
      listed.insert(name)
      guard let found = actual[name] else {
        problems.append("member removed: \(name) is listed in MANIFEST but not in the bundle")
        continue
      }
      if found == "unreadable" { continue }
      if found == expected {
        intact += 1
      } else {
        problems.append("member altered: \(name) has SHA-256 \(found), MANIFEST says \(expected)")
      }
    }
    for name in order where !listed.contains(name) && name != BundleLayout.manifest && name != BundleLayout.signature {
      problems.append("member added: \(name) is in the bundle but not in MANIFEST")
    }

    let bundleKey = contents[BundleLayout.publicKey]
      .flatMap { SigningKeyFile.parseHex(String(decoding: $0, as: UTF8.self)) }
      .flatMap { try? Curve25519.Signing.PublicKey(rawRepresentation: $0) }
    let signature = checkSignature(
      manifest: manifestData, signatureData: contents[BundleLayout.signature], bundleKey: bundleKey,
      trustedKey: trustedKey, trustedKeySource: trustedKeySource)
    return Report(
      problems: problems, signature: signature, intactMembers: intact, bundleKeyID: bundleKey.map(SigningKeyFile.keyID))
  }

  static func checkSignature(
    manifest: Data, signatureData: Data?, bundleKey: Curve25519.Signing.PublicKey?,
    trustedKey: Curve25519.Signing.PublicKey?, trustedKeySource: String?
  ) -> SignatureCheck {
    guard let signatureData else { return .failed(reason: "MANIFEST.sig is missing: the bundle is not signed") }
    guard let signature = SigningKeyFile.parseHex(String(decoding: signatureData, as: UTF8.self)), signature.count == 64
    else { return .failed(reason: "MANIFEST.sig is not a 64-byte Ed25519 signature") }
    if let trustedKey {
      if trustedKey.isValidSignature(signature, for: manifest) {
        return .trusted(source: trustedKeySource ?? "the given key")
      }
      if let bundleKey, bundleKey.rawRepresentation != trustedKey.rawRepresentation,
        bundleKey.isValidSignature(signature, for: manifest)
      {
        return .failed(
          reason: "signed by a different key (id \(SigningKeyFile.keyID(bundleKey))), not by the trusted key "
            + "(id \(SigningKeyFile.keyID(trustedKey)), \(trustedKeySource ?? "given"))")
      }
      return .failed(
        reason: "the signature does not match MANIFEST under the trusted key (id \(SigningKeyFile.keyID(trustedKey)))")
    }
    guard let bundleKey else { return .failed(reason: "signing-key.pub is missing or malformed, and no key was given") }
    return bundleKey.isValidSignature(signature, for: manifest)
      ? .selfConsistentOnly : .failed(reason: "the signature does not match MANIFEST under the bundle's own key")
  }
}
