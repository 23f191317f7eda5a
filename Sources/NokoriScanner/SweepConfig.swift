import NokoriCore
import NokoriExtract
import NokoriReports

/// What `nokori sweep --config FILE` does, as read from its YAML file. Only `roots` and
/// `store` are required; relative paths are taken from the config file's folder.
public struct SweepConfig: Sendable, Equatable {
  /// One place to sweep: a local or mounted path, or an `smb://` URL.
  public struct Root: Sendable, Equatable {
    public var location: String
    /// Files in flight for this root (network shares want more than local disks); nil: the default.
    public var jobs: Int?

    public init(location: String, jobs: Int? = nil) {
      self.location = location
      self.jobs = jobs
    }

    public var isSMB: Bool { location.lowercased().hasPrefix("smb://") }
  }

  public enum NewFindingsFormat: String, Sendable, CaseIterable {
    case jsonl, csv
  }

  public var roots: [Root]
  public var store: String
  public var excludes: [String] = []
  public var maxFileSize: Int64?
  /// Which images and scanned PDF pages are read by OCR (as `scan --ocr`).
  public var ocr: OCRMode = .auto
  /// smbclient-style credentials file for `smb://` roots; nil: `$NOKORI_SMB_CREDENTIALS`, else Kerberos.
  public var smbCredentials: String?
  /// The largest file on a share copied into memory to be read (nil: the default, 512 MB).
  public var smbCopyLimit: Int64?
  public var minConfidence: Confidence = .medium
  /// Files in flight per root unless the root says otherwise; nil: the number of CPUs.
  public var jobs: Int?
  public var keyFile: String?
  public var signingKey: String?
  /// Folder of pattern definitions; nil: the installed set.
  public var patterns: String?
  /// Globs of locations where personal data is allowed: inventoried, not reported.
  public var allowed: [String] = []
  /// Where to write the findings that are new since the last completed sweep.
  public var newFindingsPath: String?
  public var newFindingsFormat: NewFindingsFormat = .jsonl
  /// Print a one-line summary on stdout at the end (for cron mail).
  public var summary = true

  public init(roots: [Root], store: String) {
    self.roots = roots
    self.store = store
  }
}

/// A config file problem, located as `FILE:LINE: key: message`.
public struct SweepConfigError: Error, CustomStringConvertible, Equatable {
  public var file: String
  public var line: Int?
  public var key: String?
  public var message: String

  public init(file: String, line: Int?, key: String?, message: String) {
    self.file = file
    self.line = line
    self.key = key
    self.message = message
  }

  public var description: String {
    var text = file
    if let line { text += ":\(line)" }
    if let key { text += ": \(key)" }
    return text + ": " + message
  }
}
