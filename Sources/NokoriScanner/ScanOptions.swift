import NokoriCore
import NokoriExtract
import NokoriSMB
import NokoriWalk

/// What a scan does: its roots and its limits.
public struct ScanOptions: Sendable {
  public var roots: [String]
  public var walk: WalkOptions
  /// Files scanned at once (the fixed width of the worker group).
  public var jobs: Int
  /// Directories listed at once.
  public var listingWidth: Int
  /// Files larger than this are recorded as `too-large` without being read (nil: no limit).
  public var maxFileSize: Int64?
  /// Findings below this are neither stored nor shown.
  public var minimumConfidence: Confidence
  /// Findings kept per category per file; the rest are counted.
  public var maxFindingsPerCategory: Int
  /// Bounds on one PDF (pages, attachments, rendering, time between pages).
  public var pdfLimits = PDFLimits()
  /// The command line of a PDF worker process (`nokori __worker pdf`); nil parses PDFs in this process.
  public var pdfWorker: [String]?
  /// Seconds a worker may spend on one file before it is killed and the file is `timed-out`.
  public var parseTimeout: Double = 60
  /// Which images and scanned PDF pages are read by OCR (`--ocr off|auto|all`).
  public var ocrMode = OCRMode.auto
  /// Bounds on one image file (pixels from the header, TIFF pages, time).
  public var imageLimits = ImageLimits()
  /// Verdicts of images read in this run, by content hash (shared by every scanner of the run).
  public var ocrCache = OCRVerdictCache()
  /// How `smb://` roots are reached: credentials, Kerberos, timeout, in-memory copy limit.
  public var smb = SMBSettings()

  public init(
    roots: [String], walk: WalkOptions = WalkOptions(), jobs: Int = 2, listingWidth: Int = 4,
    maxFileSize: Int64? = nil, minimumConfidence: Confidence = .medium, maxFindingsPerCategory: Int = 1000
  ) {
    self.roots = roots
    self.walk = walk
    self.jobs = max(1, jobs)
    self.listingWidth = max(1, listingWidth)
    self.maxFileSize = maxFileSize
    self.minimumConfidence = minimumConfidence
    self.maxFindingsPerCategory = maxFindingsPerCategory
  }
}
