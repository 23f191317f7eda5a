import ArgumentParser
import NokoriExtract

#if canImport(Glibc)
  import Glibc
#endif

/// `nokori __worker pdf`: the worker process a scan starts to parse PDFs and images (poppler,
/// Leptonica, Tesseract), so that a crash or a hang inside them costs one file and not the scan. Reads requests on stdin and answers
/// on stdout (see ``PDFWireFormat``); exits when stdin closes. Not for people: hidden.
struct WorkerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "__worker", abstract: "Internal: a parser worker process.", shouldDisplay: false)

  @Argument(help: "The parser to serve (pdf: PDFs and images, with OCR).")
  var kind: String

  /// Test-only hooks (never set in production): a request whose path contains the value of
  /// `NOKORI_TEST_WORKER_CRASH_ON` makes the worker abort, of `NOKORI_TEST_WORKER_HANG_ON` hang.
  static let crashHook = "NOKORI_TEST_WORKER_CRASH_ON"
  static let hangHook = "NOKORI_TEST_WORKER_HANG_ON"
  /// Address space a worker may use.
  static let addressSpace: rlim_t = 4 << 30

  func run() throws {
    guard kind == "pdf" else { throw ValidationError("unknown worker kind '\(kind)'") }
    // A PDF built to exhaust memory (giant images, page trees) ends this worker, not the host:
    // past the limit poppler's allocation fails or aborts, and the file is parser-crashed.
    var limit = rlimit(rlim_cur: Self.addressSpace, rlim_max: Self.addressSpace)
    setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit)
    // A crashing worker must not write a core file: its memory holds the text of customer files.
    var noCore = rlimit(rlim_cur: 0, rlim_max: 0)
    setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &noCore)
    // Ctrl-C reaches the whole process group: the scan stops between files and closes this
    // worker's stdin; a worker killed by the same key would turn the file in flight into a
    // false "parser-crashed".
    signal(SIGINT, SIG_IGN)
    let crashOn = getenv(Self.crashHook).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
    let hangOn = getenv(Self.hangHook).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
    // One OCR engine for the life of the worker (loading jpn+eng costs about 0.3 s), created
    // on the first image or scanned page.
    let recognizer = ImageRecognizer()
    var input = MessageReader(fd: 0)
    while let payload = input.next() {
      if ImageWireFormat.isRequest(payload) {
        guard let request = ImageWireFormat.decodeRequest(payload) else { Glibc.exit(2) }
        Self.testHooks(path: request.path, crashOn: crashOn, hangOn: hangOn)
        Self.serve(request, recognizer: recognizer)
        continue
      }
      guard let request = PDFWireFormat.decodeRequest(payload) else { Glibc.exit(2) }
      Self.testHooks(path: request.path, crashOn: crashOn, hangOn: hangOn)
      var pending: [UInt8] = []
      recognizer.passesOverPictures = request.limits.ocrMode == .auto
      let extractor = PDFExtractor(limits: request.limits, recognizer: request.limits.ocrMode == .off ? nil : recognizer)
      let summary = extractor.extract(path: request.path) { event in
        pending.append(contentsOf: PDFWireFormat.encode(.event(event)))
        // Each page goes out as soon as it is read, so that the scanner detects in one page
        // while this parses the next (batching whole files, the two took turns: at --jobs 1
        // the worker cost 13 % against parsing in-process, by wall time).
        if case .page = event {
          Self.writeAll(pending)
          pending.removeAll(keepingCapacity: true)
        } else if pending.count >= 64 << 10 {
          Self.writeAll(pending)
          pending.removeAll(keepingCapacity: true)
        }
      }
      pending.append(contentsOf: PDFWireFormat.encode(.summary(summary)))
      Self.writeAll(pending)
    }
  }

  /// The test-only hooks: abort or hang on a path holding the marker.
  static func testHooks(path: String, crashOn: String?, hangOn: String?) {
    if let crashOn, path.contains(crashOn) { abort() }
    if let hangOn, path.contains(hangOn) {
      while true { sleep(3600) }
    }
  }

  /// Reads one image and answers with its pages and summary.
  static func serve(_ request: ImageWireFormat.Request, recognizer: ImageRecognizer) {
    var pending: [UInt8] = []
    let summary = ImageExtractor(limits: request.limits, recognizer: recognizer).extract(path: request.path) { page in
      pending.append(contentsOf: ImageWireFormat.encode(.page(page)))
    }
    pending.append(contentsOf: ImageWireFormat.encode(.summary(summary)))
    writeAll(pending)
  }

  /// Writes to stdout; a scanner that went away ends the worker.
  static func writeAll(_ bytes: [UInt8]) {
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes { raw -> Int in
        guard let base = raw.baseAddress else { return -1 }
        return write(1, base + written, raw.count - written)
      }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else { Glibc.exit(0) }
      written += count
    }
  }
}

/// Reads length-prefixed messages from a file descriptor.
private struct MessageReader {
  let fd: Int32
  var buffer: [UInt8] = []

  /// The next message's payload; nil at the end of input or on a broken stream.
  mutating func next() -> [UInt8]? {
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      if buffer.count >= 4 {
        let length = Int(buffer[0]) | Int(buffer[1]) << 8 | Int(buffer[2]) << 16 | Int(buffer[3]) << 24
        guard length <= PDFWireFormat.maxMessage else { return nil }
        if buffer.count >= 4 + length {
          let payload = Array(buffer[4..<4 + length])
          buffer.removeFirst(4 + length)
          return payload
        }
      }
      let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else { return nil }
      buffer.append(contentsOf: chunk[0..<count])
    }
  }
}
