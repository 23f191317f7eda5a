import NokoriCore
import NokoriDetect
import NokoriExtract

extension FileScanner {
  /// Scans an image held in memory (a mail attachment, a zip member) under `member`: OCR in the
  /// worker through a ``MemoryFile``, the text through every detector, then the document
  /// classifiers, as for an image file.
  func scanImageMember(_ bytes: [UInt8], format: String, member: String, notes: inout ContainerNotes, into report: inout FileReport) {
    guard options.ocrMode != .off else {
      notes.raise(.needsOCR, "\(member): an image (\(format)); not read: --ocr off")
      return
    }
    guard let source = pdfSource as? any ImageEventSource else {
      notes.raise(.unsupportedFormat, "\(member): \(format) image; no OCR stage in this scanner")
      return
    }
    let file: MemoryFile
    do {
      file = try MemoryFile(bytes)
    } catch {
      notes.raise(.unreadable, "\(member): no memory file for the image reader (\(error))")
      return
    }
    // The worker opens the file by path: keep the descriptor open until it has finished.
    defer { withExtendedLifetime(file) {} }
    var limits = options.imageLimits
    limits.mode = options.ocrMode
    let stream = PDFTextStream(detector: detector)
    var pages: [OCRPage] = []
    var summary: ImageSummary?
    let multiPage = format == "tiff"
    do {
      summary = try source.extractImage(path: file.path, limits: limits) { page in
        pages.append(
          OCRPage(number: multiPage ? page.number : nil, text: page.text, width: page.width, height: page.height))
        try stream.take(.page(number: page.number, text: page.text, ocr: true))
      }
      detector.documentFromImage = !classify(pages, findings: []).isEmpty
      try detector.finish()
    } catch let failure as ParserFailure {
      try? detector.finish()
      notes.raise(failure, parser: "image reader", member: member)
    } catch {
      try? detector.finish()
      notes.raise(.unreadable, "\(member): detection stopped: \(error)")
    }
    var findings = stream.findings()
    if !multiPage {
      for index in findings.indices { findings[index].location.page = nil }
    }
    var counts = detector.counts
    merge(classify(pages, findings: findings), into: &findings, counts: &counts)
    for var finding in findings {
      finding.location.member = member
      report.findings.append(finding)
    }
    for (category, count) in counts { report.findingCounts[category, default: 0] += count }
    guard let summary else { return }
    noteProblem(summary, label: "\(member): ", notes: &notes)
    if summary.pagesSkipped > 0 {
      // Passed over by the first look (a photo, not a document): a policy, not a coverage gap.
      notes.raise(.scanned, "\(member): image not read by OCR: \(summary.skipReason ?? "no text seen")")
    }
  }
}
