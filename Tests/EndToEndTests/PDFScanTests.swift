import Foundation
import NokoriCore
import NokoriScanner
import NokoriTestSupport
import NokoriWalk
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// PDFs through the file scanner: Japanese text, pages in locations, metadata, form values,
/// attachments, scanned pages, encrypted and damaged files, and the worker process.
@Suite struct PDFScanTests {
  func scanner(_ options: ScanOptions = ScanOptions(roots: [])) throws -> FileScanner {
    try FileScanner(patternSet: TestPaths.patternSet(), fingerprinter: TestPaths.fingerprinter(), options: options)
  }

  func scan(_ url: URL, options: ScanOptions = ScanOptions(roots: [])) throws -> FileReport {
    let entry = WalkEntry(
      path: url.path, root: url.deletingLastPathComponent().path, size: 0, mtime: 0, inode: 0, device: 0,
      mayRepeat: false)
    return try scanner(options).scan(entry)
  }

  func corpus(_ name: String) -> URL { TestPaths.corpus.appendingPathComponent("pdf/" + name) }

  func findings(_ report: FileReport, _ category: String) -> [Finding] {
    report.findings.filter { $0.category.rawValue == category }
  }

  /// Runs a tool from Debian's packages (qpdf); false when it is not installed.
  @discardableResult
  func run(_ tool: String, _ arguments: [String]) throws -> Bool {
    guard FileManager.default.isExecutableFile(atPath: tool) else { return false }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus == 0
  }

  @Test func japaneseTextComesOutWithThePageOfEachValue() throws {
    let report = try scan(corpus("customer_ledger_ja.pdf"))
    #expect(report.outcome == .scanned, "\(report.detail ?? "")")
    #expect(report.format == "pdf")
    let numbers = findings(report, "jp.my_number")
    #expect(numbers.compactMap(\.location.page).sorted() == [2, 3])
    #expect(findings(report, "pii.person_name").compactMap(\.location.page).sorted() == [2, 3])
    #expect(findings(report, "pii.email").count == 2)
    #expect(report.findings.allSatisfy { $0.location.line == nil && $0.location.page != nil })
    #expect(report.sha256 != nil)
  }

  @Test func numbersLaidOutInPiecesComeOutWhole() throws {
    // One written with ideographic spaces, one as three text runs, one over three table cells.
    let report = try scan(corpus("spaced_digits_ja.pdf"))
    #expect(report.outcome == .scanned)
    #expect(findings(report, "jp.my_number").count == 3)
    // poppler's reading order (pdftotext's default) puts the spaced groups and the cells in
    // separate blocks: only the number written as adjacent runs survives. Rows keep all three.
    var options = ScanOptions(roots: [])
    options.pdfLimits.textOrder = .reading
    let reading = try scan(corpus("spaced_digits_ja.pdf"), options: options)
    #expect(findings(reading, "jp.my_number").count == 1)
    #expect(findings(reading, "jp.my_number").first?.masked.hasSuffix(findings(report, "jp.my_number")[1].masked.suffix(4)) == true)
  }

  @Test func metadataIsScannedAndNamedAsItsField() throws {
    let report = try scan(corpus("metadata_contact.pdf"))
    let emails = findings(report, "pii.email")
    #expect(emails.count == 1)
    #expect(emails.first?.location.field == "metadata:subject")
  }

  @Test func formFieldValuesAreScannedWithTheirFieldAndPage() throws {
    let report = try scan(corpus("application_form.pdf"))
    let numbers = findings(report, "jp.my_number")
    #expect(numbers.count == 1)
    #expect(numbers.first?.location.field == "form:MyNumber")
    #expect(numbers.first?.location.page == 1)
    #expect(findings(report, "pii.email").first?.location.field == "form:Email")
  }

  @Test func attachmentsAreScannedAsFilesOfTheirOwn() throws {
    let report = try scan(corpus("with_attachment.pdf"))
    #expect(report.outcome == .scanned)
    let numbers = findings(report, "jp.my_number")
    #expect(numbers.count == 2)
    #expect(numbers.allSatisfy { $0.location.member == "customers.csv" })
  }

  @Test func aPageThatIsOnlyAPictureNeedsOCRWhenOCRIsOff() throws {
    var options = ScanOptions(roots: [])
    options.ocrMode = .off
    let report = try scan(corpus("scanned_page.pdf"), options: options)
    #expect(report.outcome == .needsOCR)
    #expect(report.detail?.contains("1 of 1 pages") == true)
    #expect(Outcome.needsOCR.isCoverageGap)
  }

  @Test func passwordProtectedPDFIsEncryptedAndAnOwnerOnlyPasswordIsNoObstacle() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let locked = folder.appendingPathComponent("locked.pdf")
    let ownerOnly = folder.appendingPathComponent("owner-only.pdf")
    let source = corpus("customer_ledger_ja.pdf").path
    guard try run("/usr/bin/qpdf", ["--encrypt", "user-secret", "owner-secret", "256", "--", source, locked.path])
    else {
      Issue.record("qpdf is needed (scripts/install-deps.sh installs it)")
      return
    }
    try run("/usr/bin/qpdf", ["--encrypt", "", "owner-secret", "256", "--", source, ownerOnly.path])
    let report = try scan(locked)
    #expect(report.outcome == .encrypted)
    #expect(report.findings.isEmpty)
    let open = try scan(ownerOnly)
    #expect(open.outcome == .scanned)
    #expect(findings(open, "jp.my_number").count == 2)
  }

  @Test func damagedAndMisnamedFilesGetClearOutcomes() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let whole = try Data(contentsOf: corpus("customer_ledger_ja.pdf"))
    let truncated = folder.appendingPathComponent("truncated.pdf")
    try whole.prefix(whole.count / 3).write(to: truncated)
    let garbage = folder.appendingPathComponent("garbage.pdf")
    try Data("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\nthis is not a pdf".utf8).write(to: garbage)
    let html = folder.appendingPathComponent("page.pdf")
    try Data("<html><body>メール hanako.sato@example.jp</body></html>\n".utf8).write(to: html)
    let brokenXref = folder.appendingPathComponent("broken-xref.pdf")
    var bytes = [UInt8](try Data(contentsOf: corpus("english_statement.pdf")))
    if let start = bytes.lastRange(of: Array("startxref\n".utf8)) {
      // Points the xref at the wrong place: poppler rebuilds it by scanning the objects.
      bytes.replaceSubrange(start.upperBound..<start.upperBound + 3, with: Array("999".utf8))
    }
    try Data(bytes).write(to: brokenXref)

    let cut = try scan(truncated)
    #expect([.malformed, .scanned].contains(cut.outcome), "\(cut.outcome)")
    #expect(try scan(garbage).outcome == .malformed)
    let page = try scan(html)
    #expect(page.format != "pdf")
    #expect(findings(page, "pii.email").count == 1)
    let repaired = try scan(brokenXref)
    #expect(repaired.outcome == .scanned)
    #expect(findings(repaired, "pii.email").count == 1)
  }

  @Test func morePagesThanTheLimitIsHostileAndTheFirstPagesAreRead() throws {
    var options = ScanOptions(roots: [])
    options.pdfLimits.maxPages = 2
    let report = try scan(corpus("customer_ledger_ja.pdf"), options: options)
    #expect(report.outcome == .hostile)
    #expect(report.detail?.contains("declares 3 pages") == true)
    #expect(findings(report, "jp.my_number").compactMap(\.location.page) == [2])
  }

  @Test func aPageTreeDeclaringMillionsOfPagesEndsQuickly() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let bomb = folder.appendingPathComponent("bomb.pdf")
    let form = try String(decoding: Data(contentsOf: corpus("application_form.pdf")), as: UTF8.self)
    try Data(form.replacingOccurrences(of: "/Count 1", with: "/Count 100000000").utf8).write(to: bomb)
    let started = ContinuousClock.now
    let report = try scan(bomb)
    #expect(ContinuousClock.now - started < .seconds(20))
    // poppler refuses a page count beyond the objects in the file: no page is readable.
    #expect(report.outcome == .malformed, "\(report.outcome)")
    #expect(report.detail?.contains("no readable pages") == true)
  }

  /// A one-page PDF whose page is a single image declaring `width` × `height` pixels (its data
  /// a few bytes): the image bomb of issue 5's bad inputs, written by hand with a correct xref.
  static func imageBomb(width: Int, height: Int) -> Data {
    let objects = [
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>",
      "<< /Type /XObject /Subtype /Image /Width \(width) /Height \(height) /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\nabcd\nendstream",
      "<< /Length 35 >>\nstream\nq 595 0 0 842 0 0 cm /Im0 Do Q\n\nendstream",
    ]
    var body = "%PDF-1.4\n"
    var offsets: [Int] = []
    for (index, object) in objects.enumerated() {
      offsets.append(body.utf8.count)
      body += "\(index + 1) 0 obj\n\(object)\nendobj\n"
    }
    let xref = body.utf8.count
    body += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
    for offset in offsets {
      let digits = String(offset)
      body += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n"
    }
    body += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
    return Data(body.utf8)
  }

  @Test func anImageDeclaringTenBillionPixelsIsNeverDecoded() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let bomb = folder.appendingPathComponent("image-bomb.pdf")
    try Self.imageBomb(width: 100_000, height: 100_000).write(to: bomb)
    let started = ContinuousClock.now
    var options = ScanOptions(roots: [])
    options.ocrMode = .off
    let report = try scan(bomb, options: options)
    // A page that is only a picture waits for OCR; rendering it is capped by the pixel limit
    // and happens only when a recognizer is there, so the declared size costs nothing.
    #expect(ContinuousClock.now - started < .seconds(20))
    #expect(report.outcome == .needsOCR, "\(report.outcome): \(report.detail ?? "")")
    #expect(report.findings.isEmpty)
  }

  @Test func aLargeSparsePDFIsReadInBoundedMemory() throws {
    // A valid PDF followed by 300 MB of zeros (sparse on disk): poppler finds no xref at the
    // end, rebuilds it by scanning the file, and reads the one page.
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let big = folder.appendingPathComponent("big.pdf")
    try Data(contentsOf: corpus("english_statement.pdf")).write(to: big)
    #expect(truncate(big.path, 300 << 20) == 0)
    let report = try scan(big)
    #expect(report.outcome == .scanned)
    #expect(findings(report, "fin.credit_card").count == 1)
  }

  // MARK: - Worker processes

  /// Scans `folder` with PDFs parsed in worker processes of the built binary; `hooks` are the
  /// test-only environment variables that make a worker crash or hang.
  func scanTree(_ folder: URL, hooks: [String], jobs: Int, timeout: Double) async throws -> [String: FileReport] {
    var options = ScanOptions(roots: [folder.path], jobs: jobs)
    options.pdfWorker = ["/usr/bin/env"] + hooks + [CommandRunner.binary.path, "__worker", "pdf"]
    options.parseTimeout = timeout
    let scanner = Scanner(patternSet: try TestPaths.patternSet(), fingerprinter: try TestPaths.fingerprinter(), options: options)
    var reports: [String: FileReport] = [:]
    try await scanner.run { event in
      if case .report(let report) = event { reports[URL(fileURLWithPath: report.path).lastPathComponent] = report }
    }
    return reports
  }

  @Test func aWorkerThatCrashesOrHangsCostsOneFileAndTheSweepGoesOn() async throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let ledger = try Data(contentsOf: corpus("customer_ledger_ja.pdf"))
    for name in ["a-ledger.pdf", "b-crash-here.pdf", "c-ledger.pdf", "d-hang-here.pdf", "e-ledger.pdf"] {
      try ledger.write(to: folder.appendingPathComponent(name))
    }
    try Data("mail: hanako.sato@example.jp\n".utf8).write(to: folder.appendingPathComponent("f-note.txt"))
    let started = ContinuousClock.now
    let reports = try await scanTree(
      folder, hooks: ["NOKORI_TEST_WORKER_CRASH_ON=crash-here", "NOKORI_TEST_WORKER_HANG_ON=hang-here"], jobs: 1,
      timeout: 2)
    #expect(reports["b-crash-here.pdf"]?.outcome == .parserCrashed)
    #expect(reports["b-crash-here.pdf"]?.detail?.contains("signal 6") == true)
    #expect(reports["d-hang-here.pdf"]?.outcome == .timedOut)
    for name in ["a-ledger.pdf", "c-ledger.pdf", "e-ledger.pdf"] {
      #expect(reports[name]?.outcome == .scanned, "\(name)")
      #expect(reports[name].map { findings($0, "jp.my_number").count } == 2, "\(name)")
    }
    #expect(reports["f-note.txt"]?.isFlagged == true)
    // A hang that was never killed would block this forever; the bound only catches a kill that
    // comes far too late. It is loose because the whole suite shares two cores with this test:
    // alone it takes 8 s, inside `make test` 110–115 s (it was 120 s, a red CI waiting to happen).
    #expect(ContinuousClock.now - started < .seconds(600))
  }

  @Test func workerAndInProcessParsingFindTheSame() async throws {
    let inProcess = try scan(corpus("application_form.pdf"))
    let reports = try await scanTree(
      TestPaths.corpus.appendingPathComponent("pdf"), hooks: [], jobs: 2, timeout: 60)
    let viaWorker = try #require(reports["application_form.pdf"])
    #expect(viaWorker.findings == inProcess.findings)
    // Its picture holds no rows of characters: the first look passes over it (--ocr auto).
    #expect(reports["scanned_page.pdf"]?.outcome == .scanned)
    #expect(reports["with_attachment.pdf"].map { findings($0, "jp.my_number").count } == 2)
  }

  @Test func theCommandLineRecordsAHungParserAsTimedOutAndExitsThree() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let data = folder.appendingPathComponent("data")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    let ledger = try Data(contentsOf: corpus("customer_ledger_ja.pdf"))
    try ledger.write(to: data.appendingPathComponent("stuck.pdf"))
    try ledger.write(to: data.appendingPathComponent("fine.pdf"))
    let environment = [
      "NOKORI_KEY_FILE": folder.appendingPathComponent("key").path,
      "NOKORI_DB": folder.appendingPathComponent("nokori.db").path,
      "NOKORI_TEST_WORKER_HANG_ON": "stuck",
    ]
    let scan = try CommandRunner.run(
      ["scan", "--quiet", "--format", "jsonl", "--parse-timeout", "1", data.path], environment: environment)
    #expect(scan.status == 3, "\(scan.stderr)")
    #expect(scan.stdout.contains("fine.pdf"))
    #expect(!scan.stdout.contains("stuck.pdf"))
    let files = try CommandRunner.run(["files", "--run", "1", "--outcome", "timed-out"], environment: environment)
    #expect(files.stdout.contains("stuck.pdf"))
    #expect(!files.stdout.contains("fine.pdf"))
  }
}
