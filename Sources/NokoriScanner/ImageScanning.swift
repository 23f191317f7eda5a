import NokoriCore
import NokoriDetect
import NokoriExtract

/// A page read by OCR, kept in memory only while its file is scanned (for the document classifiers).
struct OCRPage {
  /// 1-based page; nil for a single image.
  var number: Int?
  var text: String
  var width: Int?
  var height: Int?
}

extension FileScanner {
  /// Formats read as images (HEIC is not: no Debian library decodes it for Leptonica).
  static let imageFormats: Set<String> = ["png", "jpeg", "gif", "tiff", "bmp", "webp"]

  /// Scans an image: OCR in the worker (unless the first look skips it), the text through every
  /// detector, the document classifiers over text, shape and findings. An identical image read
  /// earlier in the run gives its verdict without being read again.
  func scanImageFile(_ file: ReadOnlyFile, format: String, into report: inout FileReport) {
    report.format = format
    report.bytesRead = Int64(file.status.st_size)
    progress?.addBytes(Int(file.status.st_size))
    guard options.ocrMode != .off else {
      report.outcome = .needsOCR
      report.detail = "an image (\(format)); not read: --ocr off"
      return
    }
    guard let source = pdfSource as? any ImageEventSource else {
      report.outcome = .unsupportedFormat
      report.detail = "\(format): no OCR stage in this scanner"
      return
    }
    // What decides the verdict besides the bytes: the patterns, the mode, what is kept. An
    // explanation (`patterns test`) always reads the image.
    let key =
      detector.explain
      ? nil
      : sha256(file).map {
        "\($0):\(detector.patternSet.digest):\(options.ocrMode.rawValue):\(detector.minimumConfidence):\(options.maxFindingsPerCategory)"
      }
    if let key, let cached = options.ocrCache.verdict(for: key) {
      report.findings = cached.findings
      report.findingCounts = cached.findingCounts
      report.outcome = cached.outcome
      report.detail = [cached.detail, "verdict reused from an identical image read earlier"]
        .compactMap { $0 }.joined(separator: "; ")
      return
    }
    var limits = options.imageLimits
    limits.mode = options.ocrMode
    let stream = PDFTextStream(detector: detector)
    var pages: [OCRPage] = []
    var notes = ContainerNotes()
    var summary: ImageSummary?
    do {
      summary = try source.extractImage(path: file.path, limits: limits) { page in
        pages.append(OCRPage(number: page.number, text: page.text, width: page.width, height: page.height))
        try stream.take(.page(number: page.number, text: page.text, ocr: true))
      }
      let single = format != "tiff"
      if single { pages = pages.map { OCRPage(number: nil, text: $0.text, width: $0.width, height: $0.height) } }
      detector.documentFromImage = !classify(pages, findings: []).isEmpty
      try detector.finish()
    } catch let failure as ParserFailure {
      try? detector.finish()
      notes.raise(failure, parser: "image reader")
    } catch {
      try? detector.finish()
      notes.raise(.unreadable, "detection stopped: \(error)")
    }
    var findings = stream.findings()
    if format != "tiff" {
      for index in findings.indices { findings[index].location.page = nil }
    }
    report.findingCounts = detector.counts
    merge(classify(pages, findings: findings), into: &findings, counts: &report.findingCounts)
    report.findings = findings
    if let summary { note(summary, format: format, notes: &notes) }
    report.outcome = notes.outcome
    report.detail = notes.detail
    if let summary, report.outcome == .scanned, summary.pagesRecognized == 0, summary.pagesSkipped > 0 {
      report.outcome = .imageSkipped
      report.detail = summary.skipReason
    }
    capFindings(&report)
    // A crash or a timeout may not happen again: only settled verdicts are reused.
    if let key, report.outcome != .parserCrashed, report.outcome != .timedOut {
      options.ocrCache.store(
        OCRVerdict(
          findings: report.findings, findingCounts: report.findingCounts, outcome: report.outcome, detail: report.detail),
        for: key)
    }
  }

  private func note(_ summary: ImageSummary, format: String, notes: inout ContainerNotes) {
    noteProblem(summary, label: "", notes: &notes)
    if summary.pagesSkipped > 0, summary.pagesRecognized > 0 {
      notes.raise(.scanned, "\(summary.pagesSkipped) of \(summary.pageCount) pages skipped: \(summary.skipReason ?? "")")
    }
  }

  /// Records what stopped the image reader early, if anything (`label` names a member).
  func noteProblem(_ summary: ImageSummary, label: String, notes: inout ContainerNotes) {
    guard let problem = summary.problem else { return }
    let outcome: Outcome =
      switch problem {
      case .tooLarge, .tooManyPages: .tooLarge
      case .undecodable: .malformed
      case .outOfTime: .timedOut
      case .ocrUnavailable: .needsOCR
      }
    notes.raise(outcome, label + problem.description)
  }

  /// The OCR document classifiers over each page, with the categories found on that page.
  func classify(_ pages: [OCRPage], findings: [Finding]) -> [Finding] {
    let classifier = DocumentImageClassifier(patternSet: detector.patternSet)
    guard !classifier.isEmpty else { return [] }
    var documents: [Finding] = []
    for page in pages {
      let categories = Set(findings.filter { $0.location.page == page.number }.map(\.category))
      for verdict in classifier.classify(text: page.text, width: page.width, height: page.height, categories: categories) {
        documents.append(
          Finding(
            category: verdict.category, detector: verdict.detector, confidence: verdict.confidence,
            location: Location(page: page.number, ocr: true), masked: verdict.name,
            fingerprint: detector.documentFingerprint(verdict.category)))
      }
    }
    return documents
  }

  /// Adds document findings: one per category and page, the more confident where the literal
  /// classifier already found the same document.
  func merge(_ documents: [Finding], into findings: inout [Finding], counts: inout [Category: Int]) {
    for document in documents {
      if let index = findings.firstIndex(where: {
        $0.category == document.category && ($0.location.page == document.location.page || $0.location.page == nil)
      }) {
        if document.confidence > findings[index].confidence { findings[index] = document }
        continue
      }
      findings.append(document)
      counts[document.category, default: 0] += 1
    }
  }
}
