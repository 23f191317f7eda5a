import Crypto
import NokoriCore
import NokoriDetect
import NokoriExtract
import NokoriSMB
import NokoriWalk

#if canImport(Glibc)
  import Glibc
#endif

/// Scans one file at a time into a ``FileReport``: opens it read-only, sniffs its format,
/// decodes and streams its text through the detectors, and hashes it if it holds findings.
///
/// Owns its detector and buffers; one task uses it at a time (the coordinator hands it out
/// and takes it back), hence `@unchecked Sendable`.
public final class FileScanner: @unchecked Sendable {
  let detector: StreamDetector
  let options: ScanOptions
  let reader = TextStreamReader()
  /// Bytes of a table handed to the field tracker and the detector at a time (see `feed`).
  static let tableSlice = 64 << 10
  /// Bounds on what a file's zip archives may expand to (zip bombs).
  public var zipLimits = ZipLimits()
  /// Bounds on what a saved mail may make the scanner read (nesting, parts, part sizes).
  public var mailLimits = MailLimits()
  let mailNesting = MailNesting()
  // Reused from file to file: fresh large buffers per file cost page faults and zero-fills.
  private var sample = [UInt8](repeating: 0, count: FormatSniffer.sampleSize)
  private var hashBuffer = [UInt8](repeating: 0, count: 1 << 20)
  /// The SHA-256 of the file being scanned, when its text was hashed while streamed (the text
  /// path and the XML pipeline set it).
  var streamedDigest: String?
  /// Hits and rejections of every stream of the file being explained (a zip or workbook is
  /// several detector streams; the detector keeps only the last).
  var explained: (hits: [Hit], rejections: [Rejection]) = ([], [])
  /// Bytes read by all scanners, for the progress line (updated as blocks go by).
  let progress: ProgressCounters?
  /// Parses PDFs and images: a worker process of its own (one per scanner, so the pool is `--jobs` wide), or this process.
  let pdfSource: any PDFEventSource
  /// Reads files on `smb://` roots with this scanner's own libsmbclient context.
  lazy var smbSpooler = SMBFileSpooler(settings: options.smb, roots: options.roots)

  public init(
    patternSet: PatternSet, fingerprinter: Fingerprinter, options: ScanOptions, progress: ProgressCounters? = nil
  ) throws {
    detector = try StreamDetector(patternSet: patternSet, fingerprinter: fingerprinter)
    detector.minimumConfidence = options.minimumConfidence
    detector.maxHitsPerCategory = options.maxFindingsPerCategory
    self.options = options
    self.progress = progress
    pdfSource = options.pdfWorker.map { PDFWorkerClient(command: $0, timeout: options.parseTimeout) } ?? InProcessParsers()
  }

  /// Scans `entry`. Never throws: every problem becomes the report's outcome.
  public func scan(_ entry: WalkEntry) -> FileReport {
    var report = FileReport(
      path: entry.path, size: entry.size, mtime: entry.mtime, inode: entry.inode, device: entry.device,
      outcome: .scanned)
    report.ctime = entry.ctime
    if let limit = options.maxFileSize, entry.size > limit {
      report.outcome = .tooLarge
      report.detail = "\(entry.size) bytes, over the limit of \(limit)"
      return report
    }
    let file: ReadOnlyFile
    if SMBLocation.isSMB(entry.path) {
      guard let copied = openSMB(entry, into: &report) else { return report }
      file = copied
    } else {
      do {
        file = try ReadOnlyFile(path: entry.path, followLinks: options.walk.followLinks)
      } catch {
        return Self.openFailure(error, report: report)
      }
    }
    report.size = Int64(file.status.st_size)
    report.mtime = Double(file.status.st_mtim.tv_sec) + Double(file.status.st_mtim.tv_nsec) / 1e9
    if let limit = options.maxFileSize, Int64(file.status.st_size) > limit {
      report.outcome = .tooLarge
      report.detail = "\(file.status.st_size) bytes, over the limit of \(limit)"
      return report
    }
    streamedDigest = nil
    let wholeFile = scanOpened(file, name: Self.baseName(entry.path), into: &report)
    if report.isFlagged {
      // A small file is already in memory from sniffing, a streamed text file was hashed as
      // it was read; anything else is read again.
      report.sha256 = wholeFile.map { SHA256.hash(data: $0).hexString } ?? streamedDigest ?? sha256(file)
    }
    return report
  }

  /// What `nokori patterns test` shows for one file: every hit at any confidence with its
  /// evidence, and every candidate that was dropped, with the reason.
  public struct Explanation: Sendable {
    public var report: FileReport
    public var hits: [Hit]
    public var rejections: [Rejection]
  }

  /// Scans `path` explaining every decision.
  public func explain(_ path: String) -> Explanation {
    explained = ([], [])
    detector.explain = true
    detector.minimumConfidence = .low
    defer {
      detector.explain = false
      detector.minimumConfidence = options.minimumConfidence
    }
    var report = FileReport(path: path, outcome: .scanned)
    do {
      let file = try ReadOnlyFile(path: path, followLinks: true)
      report.size = Int64(file.status.st_size)
      scanOpened(file, name: Self.baseName(path), into: &report)
    } catch {
      report = Self.openFailure(error, report: report)
      return Explanation(report: report, hits: [], rejections: [])
    }
    let scanned = report.outcome == .scanned || (report.outcome == .unreadable && report.format != nil)
    if ["xml", "zip", "xlsx", "docx", "pptx", "eml", "html", "json", "msg"].contains(report.format ?? "") {
      // Structured sources ran one detector stream per member or sheet, collected in `explained`.
      defer { explained = ([], []) }
      return Explanation(report: report, hits: explained.hits, rejections: explained.rejections)
    }
    return Explanation(
      report: report, hits: scanned ? detector.hits : [], rejections: scanned ? detector.rejections : [])
  }

  /// Sniffs and scans an opened file; returns its bytes when the sniffing sample held all of it.
  @discardableResult
  private func scanOpened(_ file: ReadOnlyFile, name: String, into report: inout FileReport) -> [UInt8]? {
    let sampleCount: Int
    do {
      sampleCount = try self.sample.withUnsafeMutableBytes { try file.read(into: $0, at: 0) }
    } catch {
      report.outcome = .unreadable
      report.detail = "read: \(error)"
      return nil
    }
    let sample = Array(self.sample[0..<sampleCount])
    let complete = sampleCount < FormatSniffer.sampleSize && Int64(sampleCount) >= Int64(file.status.st_size)
    // Before the text sniffer: an XML export with a NUL byte in it is still XML to read.
    if XMLEncodingSniffer.looksLikeXML(sample, fileName: name) {
      scanXMLFile(file, sample: sample, complete: complete, into: &report)
      return complete && report.outcome == .scanned ? sample : nil
    }
    if MailSniffer.looksLikeMail(sample) {
      scanMailFile(file, into: &report)
      return complete && report.outcome == .scanned ? sample : nil
    }
    if HTMLSniffer.looksLikeHTML(sample, fileName: name) {
      scanHTMLFile(file, sample: sample, complete: complete, into: &report)
      return complete && report.outcome == .scanned ? sample : nil
    }
    if JSONSniffer.looksLikeJSON(sample, fileName: name, isComplete: complete) {
      scanJSONFile(file, sample: sample, complete: complete, into: &report)
      return complete && report.outcome == .scanned ? sample : nil
    }
    let sniffed = FormatSniffer.sniff(sample, fileName: name, isComplete: complete)
    if case .known(let format) = sniffed, format.hasPrefix("ole2"), scanOutlookFile(file, into: &report) {
      return nil
    }
    switch sniffed {
    case .empty:
      report.outcome = .empty
    case .binary:
      report.outcome = .binary
      report.bytesRead = Int64(sampleCount)
    case .known("zip"):
      scanZipFile(file, name: name, into: &report)
    case .known("pdf"):
      scanPDFFile(file, path: file.path, into: &report)
    case .known(let format) where Self.imageFormats.contains(format):
      scanImageFile(file, format: format, into: &report)
    case .known(let format):
      (report.outcome, report.detail) = Self.unreadableFormat(format, sample: sample, fileName: name)
      report.format = format
      report.bytesRead = Int64(sampleCount)
    case .text(let encoding, let bomLength, let delimiter):
      report.format = delimiter.map { $0 == 0x09 ? "tsv" : "csv" } ?? "text"
      report.encoding = encoding.rawValue
      scanText(file, sample: sample, encoding: encoding, bomLength: bomLength, delimiter: delimiter, into: &report)
    }
    return complete && report.outcome == .scanned ? sample : nil
  }

  private func scanText(
    _ file: ReadOnlyFile, sample: [UInt8], encoding: TextEncoding, bomLength: Int, delimiter: UInt8?,
    into report: inout FileReport
  ) {
    let tracker = delimiter.map(CSVFieldTracker.init)
    detector.reset(fieldLocator: tracker)
    let progress = self.progress
    let hash = StreamedFileHash(sampleCount: sample.count)
    do {
      let statistics = try reader.stream(
        file, sample: sample, encoding: encoding, bomLength: bomLength, raw: { hash.add($0) }
      ) { block in
        try Self.feed(block, tracker: tracker) { try detector.feed($0) }
        progress?.addBytes(block.count)
        if !hash.started, detector.hasRecorded { hash.start(file: file, buffer: &hashBuffer) }
      }
      tracker?.finish()
      try detector.finish()
      streamedDigest = hash.digest(total: statistics.bytesRead)
      report.bytesRead = statistics.bytesRead
      if statistics.invalidSequences > 0 {
        report.detail = "\(statistics.invalidSequences) invalid byte sequences replaced while decoding \(encoding.rawValue)"
      }
    } catch {
      // A read failing midway: keep what was found, but say the file was not read to the end.
      try? detector.finish()
      report.outcome = .unreadable
      report.detail = "read stopped: \(error)"
    }
    report.findings = detector.hits.map { $0.finding() }
    report.findingCounts = detector.counts
  }

  static func openFailure(_ error: FileOpenError, report: FileReport) -> FileReport {
    var report = report
    switch error {
    case .notRegular:
      report.outcome = .specialFile
      report.detail = "no longer a regular file; not read"
    case .system(let code) where code == ELOOP:
      report.outcome = .symlink
      report.detail = "replaced by a symbolic link; not followed"
    case _ where error.isVanished:
      report.outcome = .vanished
      report.detail = "gone before it could be read"
    default:
      report.outcome = .unreadable
      report.detail = "open: \(error)"
    }
    return report
  }

  /// Hands a decoded block to `detect`, and for a table to its field tracker first, in
  /// slices: the tracker keeps a record per field until the detector has asked about it, and
  /// a whole block's worth (a million bytes of short fields) no longer fitted in cache — nor
  /// in the memory it started with, so every table paid page faults for it anew.
  static func feed(
    _ block: UnsafeRawBufferPointer, tracker: CSVFieldTracker?, to detect: (UnsafeRawBufferPointer) throws -> Void
  ) rethrows {
    guard let tracker else { return try detect(block) }
    var offset = 0
    while offset < block.count {
      let slice = UnsafeRawBufferPointer(rebasing: block[offset..<min(block.count, offset + tableSlice)])
      tracker.consume(slice)
      try detect(slice)
      offset += slice.count
    }
  }

  func sha256(_ file: ReadOnlyFile) -> String? {
    var hasher = SHA256()
    guard StreamedFileHash.hash(file, into: &hasher, buffer: &hashBuffer) != nil else { return nil }
    return hasher.finalize().hexString
  }

  static func baseName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
  }
}
