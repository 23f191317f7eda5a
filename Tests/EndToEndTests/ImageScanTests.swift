import Foundation
import NokoriCore
import NokoriScanner
import NokoriTestSupport
import NokoriWalk
import Testing

/// Images and scanned PDF pages through the scanner: OCR text through every detector, the
/// document classifiers, outcomes for bad images, the worker's crash and hang, photos passed
/// over, and verdicts reused for identical images. Only categories, counts and outcomes are
/// asserted and printed, never a recognised value.
@Suite(.serialized) struct ImageScanTests {
  func corpus(_ name: String) -> URL { TestPaths.corpus.appendingPathComponent("images/" + name) }

  func scan(_ url: URL, options: ScanOptions = ScanOptions(roots: [])) throws -> FileReport {
    let entry = WalkEntry(
      path: url.path, root: url.deletingLastPathComponent().path, size: 0, mtime: 0, inode: 0, device: 0,
      mayRepeat: false)
    return try FileScanner(patternSet: TestPaths.patternSet(), fingerprinter: TestPaths.fingerprinter(), options: options)
      .scan(entry)
  }

  func categories(_ report: FileReport) -> Set<String> { Set(report.findings.map(\.category.rawValue)) }

  func scanTree(_ folder: URL, hooks: [String] = [], worker: Bool, jobs: Int = 1, timeout: Double = 120) async throws
    -> (reports: [String: FileReport], options: ScanOptions)
  {
    var options = ScanOptions(roots: [folder.path], jobs: jobs)
    if worker { options.pdfWorker = ["/usr/bin/env"] + hooks + [CommandRunner.binary.path, "__worker", "pdf"] }
    options.parseTimeout = timeout
    let scanner = Scanner(patternSet: try TestPaths.patternSet(), fingerprinter: try TestPaths.fingerprinter(), options: options)
    var reports: [String: FileReport] = [:]
    try await scanner.run { event in
      if case .report(let report) = event { reports[URL(fileURLWithPath: report.path).lastPathComponent] = report }
    }
    return (reports, options)
  }

  @Test func aPassportPageIsClassifiedAndItsMRZAndNumbersAreFindings() throws {
    let report = try scan(corpus("passport_clean.png"))
    #expect(report.outcome == .scanned, "\(report.outcome): \(report.detail ?? "")")
    #expect(report.format == "png")
    let found = categories(report)
    #expect(found.isSuperset(of: ["doc.passport", "mrz.passport", "jp.passport_number"]), "\(found.sorted())")
    #expect(report.findings.allSatisfy { $0.location.ocr == true && $0.location.page == nil })
    let document = try #require(report.findings.first { $0.category.rawValue == "doc.passport" })
    #expect(document.confidence == .high)
  }

  @Test func theBackOfAMyNumberCardIsACardWithItsNumber() throws {
    let report = try scan(corpus("mynumber_back_clean.png"))
    #expect(categories(report).contains("doc.my_number_card"), "\(categories(report).sorted())")
  }

  @Test func aScannedPDFPageGoesThroughOCRAndTheClassifiers() throws {
    let report = try scan(corpus("resident_record_scan.pdf"))
    #expect(report.format == "pdf")
    #expect(report.outcome == .scanned, "\(report.outcome): \(report.detail ?? "")")
    let document = try #require(report.findings.first { $0.category.rawValue == "doc.resident_record" })
    #expect(document.location.page == 1 && document.location.ocr == true)
    #expect(report.findings.contains { $0.category.rawValue == "pii.person_name" && $0.location.ocr == true })
    var off = ScanOptions(roots: [])
    off.ocrMode = .off
    #expect(try scan(corpus("resident_record_scan.pdf"), options: off).outcome == .needsOCR)
  }

  @Test func badImagesGetClearOutcomes() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let huge = folder.appendingPathComponent("huge.png")
    try SyntheticImages.pngHeader(width: 30000, height: 30000).write(to: huge)
    let tooLarge = try scan(huge)
    #expect(tooLarge.outcome == .tooLarge)
    #expect(tooLarge.detail?.contains("30000x30000") == true)

    let cut = folder.appendingPathComponent("cut.png")
    let whole = try Data(contentsOf: corpus("passport_clean.png"))
    try whole.prefix(whole.count / 3).write(to: cut)
    #expect(try scan(cut).outcome == .malformed)

    let fax = folder.appendingPathComponent("fax.tif")
    try SyntheticImages.multipageTIFF(pages: 500, side: 16).write(to: fax)
    let many = try scan(fax)
    #expect(many.outcome == .tooLarge)
    #expect(many.detail?.contains("500 pages; only the first 100 were read") == true)

    // HEIC: the signature is known, but no Debian library decodes it for Leptonica.
    let heic = folder.appendingPathComponent("phone.heic")
    try Data([0, 0, 0, 0x18] + Array("ftypheic".utf8) + [UInt8](repeating: 0, count: 64)).write(to: heic)
    let unsupported = try scan(heic)
    #expect(unsupported.outcome == .unsupportedFormat)
    #expect(unsupported.detail?.contains("HEIC") == true)
  }

  @Test func aPhotoIsSkippedByPolicyWhichIsNoCoverageGapAndOffNeedsOCR() throws {
    let report = try scan(corpus("photo_2_clean.jpg"))
    #expect(report.outcome == .imageSkipped)
    #expect(report.detail?.contains("no rows of characters") == true)
    #expect(!Outcome.imageSkipped.isCoverageGap)
    var off = ScanOptions(roots: [])
    off.ocrMode = .off
    let notRead = try scan(corpus("passport_clean.png"), options: off)
    #expect(notRead.outcome == .needsOCR)
    #expect(notRead.detail?.contains("--ocr off") == true)
  }

  @Test func anIdenticalImageIsReadOnceAndItsVerdictReused() async throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let card = try Data(contentsOf: corpus("residence_front_clean.jpg"))
    for share in ["share-a", "share-b", "share-c"] {
      let directory = folder.appendingPathComponent(share)
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      try card.write(to: directory.appendingPathComponent("card-\(share).jpg"))
    }
    let (reports, options) = try await scanTree(folder, worker: false)
    #expect(options.ocrCache.reuseCount == 2)
    let all = ["card-share-a.jpg", "card-share-b.jpg", "card-share-c.jpg"].compactMap { reports[$0] }
    #expect(all.count == 3)
    #expect(all.filter { $0.detail?.contains("verdict reused") == true }.count == 2)
    #expect(Set(all.map { $0.findings.map(\.fingerprint) }).count == 1)
    #expect(all.allSatisfy { categories($0).contains("doc.residence_card") })
  }

  @Test func aWorkerThatCrashesOrHangsOnAnImageCostsOneFile() async throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let card = try Data(contentsOf: corpus("licence_front_clean.jpg"))
    for name in ["a-crash-here.jpg", "b-card.jpg", "c-hang-here.png"] {
      try card.write(to: folder.appendingPathComponent(name))
    }
    try Data("mail: hanako.sato@example.jp\n".utf8).write(to: folder.appendingPathComponent("d-note.txt"))
    let (reports, _) = try await scanTree(
      folder, hooks: ["NOKORI_TEST_WORKER_CRASH_ON=crash-here", "NOKORI_TEST_WORKER_HANG_ON=hang-here"], worker: true,
      timeout: 20)
    #expect(reports["a-crash-here.jpg"]?.outcome == .parserCrashed)
    #expect(reports["c-hang-here.png"]?.outcome == .timedOut)
    let read = try #require(reports["b-card.jpg"])
    #expect(read.outcome == .scanned, "\(read.outcome): \(read.detail ?? "")")
    #expect(categories(read).contains("doc.drivers_licence"))
    #expect(reports["d-note.txt"]?.isFlagged == true)
  }

  @Test func aLaterRunReusesTheStoredVerdictOfAnUnchangedImage() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let data = folder.appendingPathComponent("data")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    try Data(contentsOf: corpus("residence_front_clean.jpg")).write(to: data.appendingPathComponent("card.jpg"))
    let environment = [
      "NOKORI_KEY_FILE": folder.appendingPathComponent("key").path,
      "NOKORI_DB": folder.appendingPathComponent("nokori.db").path,
    ]
    let first = try CommandRunner.run(["scan", "--format", "jsonl", data.path], environment: environment)
    let second = try CommandRunner.run(["scan", "--format", "jsonl", data.path], environment: environment)
    #expect(!first.stderr.contains("verdict was reused"))
    #expect(second.stderr.contains("OCR: 1 images were identical"), "\(second.stderr)")
    // The same findings (masked values and fingerprints), the second time without OCR.
    func findings(_ output: String) -> [String] {
      output.split(separator: "\n").map { $0.replacingOccurrences(of: "\"run\":1", with: "\"run\":2") }.sorted()
    }
    #expect(findings(first.stdout) == findings(second.stdout))
    #expect(first.stdout.contains("doc.residence_card"))
    let files = try CommandRunner.run(["files", "--run", "2", "--format", "csv"], environment: environment)
    #expect(files.stdout.contains("verdict reused"))
  }

  @Test func theCommandLineExitsZeroForSkippedPhotosAndThreeWithOCROff() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let data = folder.appendingPathComponent("data")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    try Data(contentsOf: corpus("photo_1_clean.jpg")).write(to: data.appendingPathComponent("holiday.jpg"))
    let environment = [
      "NOKORI_KEY_FILE": folder.appendingPathComponent("key").path,
      "NOKORI_DB": folder.appendingPathComponent("nokori.db").path,
    ]
    let auto = try CommandRunner.run(["scan", "--quiet", data.path], environment: environment)
    #expect(auto.status == 0, "\(auto.stderr)")
    let off = try CommandRunner.run(["scan", "--quiet", "--ocr", "off", data.path], environment: environment)
    #expect(off.status == 3, "\(off.stderr)")
    let files = try CommandRunner.run(["files", "--run", "1", "--outcome", "image-skipped"], environment: environment)
    #expect(files.stdout.contains("holiday.jpg"))
  }
}
