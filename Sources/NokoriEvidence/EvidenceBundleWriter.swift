import Crypto
import Foundation
import NokoriCore
import NokoriReports
import NokoriStore
import ZIPFoundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writes a run's evidence bundle: a zip of the run's metadata, file inventory, findings
/// (masked values and fingerprints only), confirmations, exposure summary and HTML report,
/// with a MANIFEST of every member's SHA-256 signed with Ed25519.
///
/// Deterministic: members are written in ``BundleLayout/all``'s order, with the run's start
/// as every member's timestamp and nothing that depends on when the export ran, so the same
/// run exported twice gives the same member hashes. Members are staged as files beside the
/// output (hashed while written) and the zip is renamed into place only when complete.
public struct EvidenceBundleWriter {
  /// What was written.
  public struct Result: Sendable {
    public var members: [(name: String, sha256: String, size: Int64)]
    public var bundleSize: Int64
    public var signingKeyID: String
  }

  let store: FindingStore
  let run: RunRecord
  let minimum: Confidence
  let signingKey: Curve25519.Signing.PrivateKey

  public init(store: FindingStore, run: RunRecord, minimum: Confidence, signingKey: Curve25519.Signing.PrivateKey) {
    self.store = store
    self.run = run
    self.minimum = minimum
    self.signingKey = signingKey
  }

  /// Writes the bundle to `output`; an existing file is replaced only when `force` is true.
  /// - Throws: ``EvidenceError`` for an existing output or a write failure; store errors.
  public func write(to output: URL, force: Bool) throws -> Result {
    let fileManager = FileManager.default
    if !force, fileManager.fileExists(atPath: output.path) { throw EvidenceError.outputExists(path: output.path) }
    let folder = output.deletingLastPathComponent()
    let staging = try Self.makeTemporaryFolder(in: folder)
    defer { try? fileManager.removeItem(at: staging) }

    var hashes: [(name: String, sha256: String, size: Int64)] = []
    func finish(_ member: MemberFile) throws {
      let sha = try member.finish()
      hashes.append((member.name, sha, member.size))
    }
    let publicKey = signingKey.publicKey
    let keyID = SigningKeyFile.keyID(publicKey)

    let runMember = try MemberFile(name: BundleLayout.run, in: staging)
    try runMember.write(
      try CanonicalJSON.document(RunExport(run: run, minimumConfidence: minimum.rawValue, signingKeyID: keyID)))
    try finish(runMember)

    let filesMember = try MemberFile(name: BundleLayout.files, in: staging)
    try store.forEachFile(run: run.id) { page in
      for file in page { try filesMember.line(EvidenceLines.file(file)) }
    }
    try finish(filesMember)

    let findingsMember = try MemberFile(name: BundleLayout.findings, in: staging)
    let hasKnownList = try store.knownCustomerCounts(run: run.id, minimum: minimum) != nil
    try store.forEachFinding(run: run.id, minimum: minimum) { page in
      for item in page {
        try findingsMember.line(
          EvidenceLines.finding(item.finding, knownCustomer: hasKnownList ? item.knownCustomer : nil))
      }
    }
    try finish(findingsMember)

    let confirmationsMember = try MemberFile(name: BundleLayout.confirmations, in: staging)
    var sessions = ConfirmationSessionSummary.Accumulator()
    try store.forEachConfirmation(run: run.id) { page in
      for record in page {
        sessions.add(record)
        try confirmationsMember.line(ConfirmationLine.json(record))
      }
    }
    try finish(confirmationsMember)

    let acceptancesMember = try MemberFile(name: BundleLayout.acceptances, in: staging)
    for acceptance in try store.acceptances() { try acceptancesMember.line(EvidenceLines.acceptance(acceptance)) }
    try finish(acceptancesMember)

    let summary = try ExposureSummary.build(
      store: store, run: run, minimum: minimum, confirmations: sessions.summaries)
    let summaryMember = try MemberFile(name: BundleLayout.summary, in: staging)
    try summaryMember.write(try CanonicalJSON.document(summary))
    try finish(summaryMember)

    var sample: [FlaggedFile] = []
    try store.forEachFlaggedFile(run: run.id, minimum: minimum, limit: HTMLReport.maxListedFiles) { sample += $0 }
    let reportMember = try MemberFile(name: BundleLayout.report, in: staging)
    try reportMember.write(
      HTMLReport.render(
        HTMLReport.Content(
          run: run, summary: summary, confirmations: summary.confirmations, flaggedSample: sample,
          flaggedTotal: summary.filesFlagged)))
    try finish(reportMember)

    let keyMember = try MemberFile(name: BundleLayout.publicKey, in: staging)
    try keyMember.write(SigningKeyFile.publicKeyText(publicKey))
    try finish(keyMember)

    let manifest = BundleLayout.manifestText(hashes.map { ($0.name, $0.sha256) })
    let manifestMember = try MemberFile(name: BundleLayout.manifest, in: staging)
    try manifestMember.write(manifest)
    try finish(manifestMember)

    let signature = try signingKey.signature(for: Data(manifest.utf8))
    let signatureMember = try MemberFile(name: BundleLayout.signature, in: staging)
    try signatureMember.write(Data(signature).hexString + "\n")
    try finish(signatureMember)

    let zipURL = staging.appendingPathComponent("bundle.zip")
    try writeZip(members: hashes, from: staging, to: zipURL)
    chmod(zipURL.path, 0o600)
    if !force, fileManager.fileExists(atPath: output.path) { throw EvidenceError.outputExists(path: output.path) }
    guard rename(zipURL.path, output.path) == 0 else {
      throw EvidenceError.cannotWrite(path: output.path, reason: String(cString: strerror(errno)))
    }
    let size = (try? fileManager.attributesOfItem(atPath: output.path)[.size] as? NSNumber)?.int64Value ?? 0
    return Result(members: hashes, bundleSize: size, signingKeyID: keyID)
  }

  private func writeZip(members: [(name: String, sha256: String, size: Int64)], from staging: URL, to zipURL: URL)
    throws
  {
    let archive: Archive
    do { archive = try Archive(url: zipURL, accessMode: .create) } catch {
      throw EvidenceError.cannotWrite(path: zipURL.path, reason: "\(error)")
    }
    let timestamp = Self.memberDate(run.startedAt)
    for member in members {
      let handle = try FileHandle(forReadingFrom: staging.appendingPathComponent(member.name))
      defer { try? handle.close() }
      do {
        try archive.addEntry(
          with: member.name, type: .file, uncompressedSize: member.size, modificationDate: timestamp,
          permissions: 0o644, compressionMethod: .deflate
        ) { position, size in
          try handle.seek(toOffset: UInt64(position))
          return try handle.read(upToCount: size) ?? Data()
        }
      } catch {
        throw EvidenceError.cannotWrite(path: zipURL.path, reason: "adding \(member.name): \(error)")
      }
    }
  }

  /// Every member's timestamp: the run's start (a fixed fact of the run), else 2000-01-01.
  static func memberDate(_ startedAt: String) -> Date {
    (try? Date(startedAt, strategy: .iso8601)) ?? Date(timeIntervalSince1970: 946_684_800)
  }

  static func makeTemporaryFolder(in folder: URL) throws -> URL {
    var template = Array(folder.appendingPathComponent(".nokori-export-XXXXXX").path.utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
      guard let base = buffer.baseAddress else { return false }
      return mkdtemp(base) != nil
    }
    guard made else {
      throw EvidenceError.cannotWrite(path: folder.path, reason: String(cString: strerror(errno)))
    }
    return URL(fileURLWithPath: String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
  }
}
