/// What happened to one file or directory entry; every entry a run meets gets one.
public enum Outcome: String, CaseIterable, Sendable, Codable, CustomStringConvertible {
  /// Read to the end and searched (findings may or may not exist).
  case scanned
  /// Zero bytes long: nothing to search.
  case empty
  /// Not text and not a format Nokori knows.
  case binary
  /// A known format this version cannot read yet (PDF, zip, image…); `detail` names it.
  case unsupportedFormat = "unsupported-format"
  /// Larger than `--max-file-size`.
  case tooLarge = "too-large"
  /// Permission denied, I/O error, or a directory that could not be listed.
  case unreadable
  /// Listed, then gone before it could be read.
  case vanished
  /// A FIFO, socket or device: never opened.
  case specialFile = "special-file"
  /// A symbolic link, not followed (`--follow-links` is off).
  case symlink
  /// A followed link that leads back into a directory already on the path.
  case linkLoop = "link-loop"
  /// A mount point of another filesystem, not crossed (`--one-file-system`).
  case otherFilesystem = "other-filesystem"
  /// A file already seen through another path (hard link or followed symlink).
  case duplicate
  /// Damaged (XML that is not well-formed, a truncated zip member): scanned as far as the
  /// parser could recover; `detail` says where it went wrong.
  case malformed
  /// Built to exhaust a reader (entity bomb, zip bomb, absurd nesting): stopped early on purpose.
  case hostile
  /// Encrypted (a password-protected zip member or Office file): its content cannot be read.
  case encrypted
  /// Holds scanned pages (images without text) that no OCR stage read; `detail` counts them.
  case needsOCR = "needs-ocr"
  /// The parser died on this file (a crash inside a C library, in its worker process).
  case parserCrashed = "parser-crashed"
  /// The parser ran past the per-file time budget and was stopped.
  case timedOut = "timed-out"
  /// An image the first look judged not worth OCR (a photo, an icon, a banner: no rows of
  /// characters); `detail` says why. A decision of policy (`--ocr auto`), not a coverage gap:
  /// `--ocr all` reads them anyway.
  case imageSkipped = "image-skipped"

  public var description: String { rawValue }

  /// True when the entry may hold data the run could not look at: the coverage gap
  /// that makes a run finish with exit code 3.
  public var isCoverageGap: Bool {
    switch self {
    // Damaged, hostile and encrypted files may still hold data the run did not see.
    case .unreadable, .unsupportedFormat, .tooLarge, .malformed, .hostile, .encrypted, .needsOCR, .parserCrashed,
      .timedOut:
      true
    case .scanned, .empty, .binary, .vanished, .specialFile, .symlink, .linkLoop, .otherFilesystem, .duplicate,
      .imageSkipped:
      false
    }
  }
}
