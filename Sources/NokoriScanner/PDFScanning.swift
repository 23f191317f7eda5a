import NokoriCore
import NokoriDetect
import NokoriExtract

/// Why a PDF's parser gave no answer (its worker process died or ran out of time).
enum ParserFailure: Error {
  case crashed(String)
  case timedOut(seconds: Double)
}

/// Where a PDF's events come from: the extractor in this process, or a worker process.
protocol PDFEventSource: AnyObject {
  /// Extracts the PDF at `path`, handing each event to `emit`.
  /// - Throws: ``ParserFailure`` when the parser died or hung; what `emit` throws.
  func extract(path: String, limits: PDFLimits, emit: (PDFEvent) throws -> Void) throws -> PDFSummary
}

extension FileScanner {
  /// Scans a PDF: its pages, metadata and form values as one stream, then its attachments as files.
  func scanPDFFile(_ file: ReadOnlyFile, path: String, into report: inout FileReport) {
    report.format = "pdf"
    report.bytesRead = Int64(file.status.st_size)
    progress?.addBytes(Int(file.status.st_size))
    let stream = PDFTextStream(detector: detector)
    var notes = ContainerNotes()
    var summary: PDFSummary?
    var limits = options.pdfLimits
    limits.ocrMode = options.ocrMode
    var ocrPages: [OCRPage] = []
    do {
      summary = try pdfSource.extract(path: path, limits: limits) { event in
        // Scanned pages read by OCR also go through the document classifiers (in memory only).
        if case .page(let number, let text, true) = event { ocrPages.append(OCRPage(number: number, text: text)) }
        try stream.take(event)
      }
      if !ocrPages.isEmpty { detector.documentFromImage = !classify(ocrPages, findings: []).isEmpty }
      try detector.finish()
    } catch let failure as ParserFailure {
      try? detector.finish()
      notes.raise(failure, parser: "PDF parser")
    } catch {
      try? detector.finish()
      notes.raise(.unreadable, "detection stopped: \(error)")
    }
    report.findings = stream.findings()
    for (category, count) in detector.counts { report.findingCounts[category, default: 0] += count }
    merge(classify(ocrPages, findings: report.findings), into: &report.findings, counts: &report.findingCounts)
    if let summary { note(summary, notes: &notes) }
    scanAttachments(stream.attachments, size: Int64(file.status.st_size), notes: &notes, into: &report)
    report.outcome = notes.outcome
    report.detail = notes.detail
    capFindings(&report)
  }

  private func note(_ summary: PDFSummary, notes: inout ContainerNotes) {
    switch summary.problem {
    case .encrypted?: notes.raise(.encrypted, summary.problem?.description ?? "")
    case .damaged?: notes.raise(.malformed, summary.problem?.description ?? "")
    case .tooManyPages?: notes.raise(.hostile, summary.problem?.description ?? "")
    case .outOfTime?: notes.raise(.timedOut, summary.problem?.description ?? "")
    case .readerUnavailable?: notes.raise(.unsupportedFormat, summary.problem?.description ?? "")
    case nil: break
    }
    if summary.pagesNeedingOCR > 0 {
      notes.raise(
        .needsOCR,
        "\(summary.pagesNeedingOCR) of \(summary.pageCount) pages are scanned images with no text; they need OCR")
    }
  }

  /// Scans each attachment as a file of its own, named `file.pdf!name` in findings.
  private func scanAttachments(
    _ attachments: [(name: String, data: [UInt8], truncated: Bool)], size: Int64, notes: inout ContainerNotes,
    into report: inout FileReport
  ) {
    let budget = ZipBudget(limits: zipLimits, containerSize: size)
    for attachment in attachments {
      if attachment.truncated { notes.raise(.tooLarge, "\(attachment.name): attachment read only in part") }
      let source = MemoryByteSource(attachment.data)
      var offset: Int64 = 0
      let pull: Pull = { buffer in
        let count = try source.read(into: buffer, at: offset)
        offset += Int64(count)
        return count
      }
      do {
        try scanMember(path: attachment.name, depth: 1, pull: pull, budget: budget, notes: &notes, into: &report)
      } catch let stop as ContainerStop {
        notes.raise(.hostile, stop.reason)
      } catch {
        notes.raise(.malformed, "\(attachment.name): \(error)")
      }
    }
  }

  static func formatSeconds(_ seconds: Double) -> String {
    seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
  }
}

extension ContainerNotes {
  /// Records why a parser's worker gave no answer: `parser-crashed` or `timed-out`; `member`
  /// names the attachment or archive member it was reading, if not the file itself.
  mutating func raise(_ failure: ParserFailure, parser: String, member: String? = nil) {
    let label = member.map { "\($0): " } ?? ""
    let what = member == nil ? "this file" : "this attachment"
    switch failure {
    case .crashed(let why): raise(.parserCrashed, "\(label)the \(parser) died on \(what) (\(why))")
    case .timedOut(let seconds):
      raise(.timedOut, "\(label)the \(parser) ran past the \(FileScanner.formatSeconds(seconds)) time budget and was stopped")
    }
  }
}
