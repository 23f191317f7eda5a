import NokoriCore
import NokoriDetect
import NokoriExtract

extension FileScanner {
  /// Scans a PDF held in memory (a mail attachment, a zip member) under `member`, through a
  /// ``MemoryFile`` that the parser opens by path.
  func scanPDFMember(
    _ bytes: [UInt8], member: String, budget: ZipBudget, notes: inout ContainerNotes, into report: inout FileReport
  ) {
    let file: MemoryFile
    do {
      file = try MemoryFile(bytes)
    } catch {
      notes.raise(.unreadable, "\(member): no memory file for the PDF parser (\(error))")
      return
    }
    // The worker opens the file by path: keep the descriptor open until it has finished.
    defer { withExtendedLifetime(file) {} }
    let stream = PDFTextStream(detector: detector)
    var summary: PDFSummary?
    do {
      summary = try pdfSource.extract(path: file.path, limits: options.pdfLimits) {
        try stream.take($0)
      }
      try detector.finish()
    } catch let failure as ParserFailure {
      try? detector.finish()
      notes.raise(failure, parser: "PDF parser", member: member)
    } catch {
      try? detector.finish()
      notes.raise(.unreadable, "\(member): detection stopped: \(error)")
    }
    for var finding in stream.findings() {
      finding.location.member = member
      report.findings.append(finding)
    }
    for (category, count) in detector.counts { report.findingCounts[category, default: 0] += count }
    if let summary {
      if let problem = summary.problem {
        let outcome: Outcome =
          switch problem {
          case .encrypted: .encrypted
          case .damaged: .malformed
          case .tooManyPages: .hostile
          case .outOfTime: .timedOut
          case .readerUnavailable: .unsupportedFormat
          }
        notes.raise(outcome, "\(member): \(problem.description)")
      }
      if summary.pagesNeedingOCR > 0 {
        notes.raise(.needsOCR, "\(member): \(summary.pagesNeedingOCR) of \(summary.pageCount) pages are scanned images with no text; they need OCR")
      }
    }
    for attachment in stream.attachments {
      let path = "\(member)!\(AttachmentLabel.make(attachment.name, fallback: "attachment"))"
      var offset = 0
      let data = attachment.data
      let pull: Pull = { buffer in
        let count = min(buffer.count, data.count - offset)
        data.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<(offset + count)])) }
        offset += count
        return count
      }
      do {
        try scanMember(path: path, depth: 2, pull: pull, budget: budget, notes: &notes, into: &report)
      } catch {
        notes.raise(.malformed, "\(path): \(error)")
      }
    }
  }
}
