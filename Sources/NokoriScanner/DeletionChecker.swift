import NokoriCore
import NokoriDetect
import NokoriExtract
import NokoriSMB
import NokoriStore
import NokoriWalk

#if canImport(Glibc)
  import Glibc
#endif

/// What checking one flagged path again found.
public struct DeletionCheck: Sendable, Equatable {
  public var result: ConfirmationResult
  /// What was done: `stat`, `sha256`, `rescan`, joined with `+`.
  public var checked: String
  public var detail: String?
  /// SHA-256 of the file as it is now, when it could be read.
  public var sha256: String?
}

/// Checks whether the files a run flagged are gone: opens each path read-only (O_NOATIME
/// where allowed, never following a link), compares size, modification time and SHA-256
/// with what the run recorded, and rescans a changed file with the same detectors to tell
/// "cleaned" from "still holds the data". Never writes to anything it checks.
///
/// A path that is gone counts as deleted only if the folder left above it is on the
/// filesystem the run found the file on: when a share is unmounted, its files vanish too, and
/// the mount point left behind is on another device — that is "could not check", not "deleted".
///
/// A changed file is still flagged when the rescan finds one of its flagged categories at
/// the confidence asked for, or finds any of its original values (same fingerprint) at any
/// confidence: deleting the keyword beside a My Number lowers its confidence, not the exposure.
///
/// Owns a ``FileScanner``; one task uses it at a time.
public final class DeletionChecker {
  private let scanner: FileScanner
  private let minimumConfidence: Confidence
  /// Folder → (nearest existing folder at or above it, its device): many deleted files share one.
  private var ancestors: [String: (path: String, device: Int64)?] = [:]

  /// `smb` logs on to shares for files at `smb://` paths; `shareRoots` (the run's roots) name
  /// the user a share was reached as.
  public init(
    patternSet: PatternSet, fingerprinter: Fingerprinter, minimumConfidence: Confidence, smb: SMBSettings = SMBSettings(),
    shareRoots: [String] = []
  ) throws {
    var options = ScanOptions(roots: shareRoots.filter(SMBLocation.isSMB), minimumConfidence: .low)
    options.smb = smb
    scanner = try FileScanner(patternSet: patternSet, fingerprinter: fingerprinter, options: options)
    self.minimumConfidence = minimumConfidence
  }

  /// Checks one flagged file; `originalFingerprints` is asked only when the file changed.
  public func check(_ flagged: FlaggedFile, originalFingerprints: () throws -> Set<String>) rethrows -> DeletionCheck {
    // A path on a share read without mounting is not a local path: a failed local open would
    // pass for "deleted". It is opened on the share, as the scan read it.
    if SMBLocation.isSMB(flagged.path) {
      let file: ReadOnlyFile
      switch openOnShare(flagged.path) {
      case .opened(let opened): file = opened
      case .failed(let check): return check
      }
      return try compare(file, with: flagged, originalFingerprints: originalFingerprints)
    }
    let file: ReadOnlyFile
    do {
      file = try ReadOnlyFile(path: flagged.path, followLinks: false)
    } catch {
      let failure = Self.openFailure(error)
      if failure.result == .deleted, let recorded = flagged.device, let ancestor = nearestExistingFolder(above: flagged.path),
        ancestor.device != recorded
      {
        return DeletionCheck(
          result: .unreadable, checked: "stat",
          detail: "gone, but \(ancestor.path) is now on another filesystem than the run saw (an unmounted share?); "
            + "not counted as deleted")
      }
      return failure
    }
    return try compare(file, with: flagged, originalFingerprints: originalFingerprints)
  }

  private enum ShareOpen {
    case opened(ReadOnlyFile)
    case failed(DeletionCheck)
  }

  /// Opens a flagged file on a share; a missing file counts as deleted only while the share
  /// itself answers.
  private func openOnShare(_ path: String) -> ShareOpen {
    do {
      return .opened(try scanner.smbSpooler.open(path, maxFileSize: nil))
    } catch {
      switch error {
      case .smb(let smb) where smb.kind == .notFound:
        if scanner.smbSpooler.shareAnswers(path) { return .failed(DeletionCheck(result: .deleted, checked: "smb-stat")) }
        return .failed(
          DeletionCheck(
            result: .unreadable, checked: "smb-stat",
            detail: "not found, and its share does not answer either (removed, renamed or out of reach); not counted as deleted"))
      case .notRegular:
        return .failed(DeletionCheck(result: .unreadable, checked: "smb-stat", detail: "no longer a regular file"))
      default:
        return .failed(DeletionCheck(result: .unreadable, checked: "smb-stat", detail: "smb: \(error)"))
      }
    }
  }

  /// Compares an opened flagged file with what the run recorded, and rescans it when it changed.
  private func compare(
    _ file: ReadOnlyFile, with flagged: FlaggedFile, originalFingerprints: () throws -> Set<String>
  ) rethrows -> DeletionCheck {
    let size = Int64(file.status.st_size)
    let mtime = Double(file.status.st_mtim.tv_sec) + Double(file.status.st_mtim.tv_nsec) / 1e9
    guard let sha256 = scanner.sha256(file) else {
      return DeletionCheck(result: .unreadable, checked: "stat+sha256", detail: "read failed while hashing")
    }
    let sameStat = size == flagged.size && mtime == flagged.mtime
    if let recorded = flagged.sha256, recorded == sha256 {
      return DeletionCheck(
        result: .presentUnchanged, checked: "stat+sha256",
        detail: sameStat ? nil : "same content; size or modification time changed", sha256: sha256)
    }
    let report = scanner.scan(
      WalkEntry(
        path: flagged.path, root: flagged.path, size: size, mtime: mtime, inode: UInt64(file.status.st_ino),
        device: UInt64(file.status.st_dev), mayRepeat: false))
    guard report.outcome == .scanned || report.outcome == .empty else {
      return DeletionCheck(
        result: .unreadable, checked: "stat+sha256+rescan",
        detail: "changed, and the rescan could not read it: \(report.outcome.rawValue)"
          + (report.detail.map { " (\($0))" } ?? ""), sha256: sha256)
    }
    let still = Set(report.findings.filter { $0.confidence >= minimumConfidence }.map(\.category.rawValue))
      .intersection(flagged.categories).sorted()
    if !still.isEmpty {
      return DeletionCheck(
        result: .presentChangedStillFlagged, checked: "stat+sha256+rescan",
        detail: "changed; still holds \(still.joined(separator: ", "))", sha256: sha256)
    }
    let original = try originalFingerprints()
    let kept = Set(report.findings.map(\.fingerprint)).intersection(original).count
    if kept > 0 {
      return DeletionCheck(
        result: .presentChangedStillFlagged, checked: "stat+sha256+rescan",
        detail: "changed; \(kept) of its original values still there, now below \(minimumConfidence.rawValue) confidence",
        sha256: sha256)
    }
    return DeletionCheck(
      result: .presentChangedClean, checked: "stat+sha256+rescan",
      detail: "changed; none of \(flagged.categories.joined(separator: ", ")) or its original values found", sha256: sha256)
  }

  /// The nearest folder above `path` that exists, with its device (as the store keeps it).
  func nearestExistingFolder(above path: String) -> (path: String, device: Int64)? {
    var folder = Self.parent(of: path)
    var visited: [String] = []
    var found: (path: String, device: Int64)?
    while true {
      if let cached = ancestors[folder] {
        found = cached
        break
      }
      visited.append(folder)
      var info = stat()
      if stat(folder, &info) == 0 {
        found = (folder, Int64(bitPattern: UInt64(info.st_dev)))
        break
      }
      if folder == "/" || folder.isEmpty { break }
      folder = Self.parent(of: folder)
    }
    for path in visited { ancestors[path] = found }
    return found
  }

  static func parent(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  static func openFailure(_ error: FileOpenError) -> DeletionCheck {
    if error.isVanished { return DeletionCheck(result: .deleted, checked: "stat") }
    switch error {
    case .system(let code) where code == ELOOP:
      return DeletionCheck(
        result: .unreadable, checked: "stat", detail: "replaced by a symbolic link; not followed")
    case .notRegular:
      return DeletionCheck(result: .unreadable, checked: "stat", detail: "no longer a regular file")
    default:
      return DeletionCheck(result: .unreadable, checked: "stat", detail: "open: \(error)")
    }
  }
}
