import LibArchive
import LibXML
import NokoriCore
import NokoriDetect
import NokoriExtract

/// Pulls a stream's next bytes into a buffer; 0 at its end.
typealias Pull = (UnsafeMutableRawBufferPointer) throws -> Int

/// Why a whole file's scan stops before its end (past the zip-bomb limits).
struct ContainerStop: Error {
  var reason: String
}

/// What a file's members met, summed up into the file's one outcome: the worst wins.
struct ContainerNotes {
  private(set) var outcome: Outcome = .scanned
  private(set) var problems: [String] = []
  private var problemCount = 0

  static func severity(_ outcome: Outcome) -> Int {
    switch outcome {
    case .parserCrashed, .timedOut: 7
    case .hostile: 6
    case .needsOCR: 5
    case .encrypted: 4
    case .malformed, .unreadable: 3
    case .tooLarge: 2
    case .unsupportedFormat: 1
    default: 0
    }
  }

  mutating func raise(_ outcome: Outcome, _ problem: String) {
    if Self.severity(outcome) > Self.severity(self.outcome) { self.outcome = outcome }
    problemCount += 1
    if problems.count < 5 { problems.append(problem) }
  }

  var detail: String? {
    guard !problems.isEmpty else { return nil }
    let more = problemCount > problems.count ? "; and \(problemCount - problems.count) more" : ""
    return problems.joined(separator: "; ") + more
  }
}

extension FileScanner {
  /// Bytes handed to a structured parser per call.
  static let structuredChunk = 256 * 1024

  // MARK: - One stream through the detector

  /// Runs one stream of text through the detector and adds its findings to `report` under
  /// `member` (the decode path inside the file). Lines of a structured source's synthetic
  /// text mean nothing to a reader, so they are left out.
  func detect(
    member: String?, locator: (any FieldLocator)?, structured: Bool, into report: inout FileReport,
    body: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void
  ) throws {
    detector.reset(fieldLocator: locator)
    defer {
      if detector.explain {
        explained.hits += detector.hits
        explained.rejections += detector.rejections
      }
      for hit in detector.hits {
        var finding = hit.finding(member: member)
        if structured {
          finding.location.line = nil
          finding.location.column = nil
        }
        report.findings.append(finding)
      }
      for (category, count) in detector.counts { report.findingCounts[category, default: 0] += count }
    }
    do {
      try body { try detector.feed($0) }
      try detector.finish()
    } catch {
      try? detector.finish()
      throw error
    }
  }

  // MARK: - XML

  /// Scans an XML file: `sample` is its start, already read.
  func scanXMLFile(_ file: ReadOnlyFile, sample: [UInt8], complete: Bool, into report: inout FileReport) {
    if Int64(file.status.st_size) >= Self.pipelineThreshold {
      return scanXMLFilePipelined(file, sample: sample, complete: complete, into: &report)
    }
    scanStreamedFile(file, sample: sample, complete: complete, format: "xml", into: &report) { notes, report, pull in
      try scanXML(
        sample: sample, complete: complete, member: nil, dialect: .generic, notes: &notes, into: &report, pull: pull)
    }
  }

  /// Scans a text file through a streaming extractor (XML, HTML, JSON): `body` reads it through
  /// the pull it is given and returns the name of the encoding it was read in.
  func scanStreamedFile(
    _ file: ReadOnlyFile, sample: [UInt8], complete: Bool, format: String, into report: inout FileReport,
    body: (inout ContainerNotes, inout FileReport, Pull) throws -> String?
  ) {
    report.format = format
    if !complete { file.adviseSequential() }
    var offset = Int64(sample.count)
    let progress = self.progress
    progress?.addBytes(sample.count)
    var notes = ContainerNotes()
    do {
      report.encoding = try body(&notes, &report) { buffer in
        let count = try file.read(into: buffer, at: offset)
        offset += Int64(count)
        progress?.addBytes(count)
        return count
      }
    } catch {
      notes.raise(.unreadable, "read stopped: \(error)")
    }
    report.bytesRead = offset
    report.outcome = notes.outcome
    report.detail = notes.detail
  }

  /// Streams one XML document through the extractor and the detector; returns its encoding.
  /// Parse problems become notes; read failures and container stops are thrown.
  @discardableResult
  func scanXML(
    sample: [UInt8], complete: Bool, member: String?, dialect: XMLDialect, notes: inout ContainerNotes,
    into report: inout FileReport, pull: Pull
  ) throws -> String {
    let extractor = XMLExtractor(dialect: dialect)
    var summary: XMLParseSummary?
    var invalid = 0
    var buffer = [UInt8](repeating: 0, count: Self.structuredChunk)
    try detect(
      member: member, locator: dialect == .generic ? extractor.tracker : nil, structured: true, into: &report
    ) { sink in
      try sample.withUnsafeBytes { try extractor.feed($0, sink: sink) }
      while !complete, !extractor.isStopped {
        let count = try buffer.withUnsafeMutableBytes { try pull($0) }
        if count == 0 { break }
        try buffer.withUnsafeBytes { try extractor.feed(UnsafeRawBufferPointer(rebasing: $0[0..<count]), sink: sink) }
      }
      (summary, invalid) = try extractor.finish(sink: sink)
    }
    if let summary {
      note(summary, invalid: invalid, extractor: extractor, label: member.map { "\($0): " } ?? "", notes: &notes)
    }
    return extractor.encodingName
  }

  /// Turns what a parse met into the notes that decide the outcome.
  func note(
    _ summary: XMLParseSummary, invalid: Int, extractor: XMLExtractor, label: String, notes: inout ContainerNotes
  ) {
    if let problem = summary.problem {
      notes.raise(.hostile, label + Self.describe(problem))
    } else if !summary.wellFormed {
      let first = summary.firstError.map { "; first at \($0)" } ?? ""
      notes.raise(.malformed, label + "malformed XML, scanned as far as it could be recovered: \(summary.errorCount) errors\(first)")
    }
    if let note = extractor.encodingNote { notes.raise(.scanned, label + note) }
    if invalid > 0 {
      notes.raise(.scanned, label + "\(invalid) invalid byte sequences replaced while decoding \(extractor.encodingName)")
    }
  }

  static func describe(_ problem: XMLProblem) -> String {
    switch problem {
    case .entityAmplification: "entity references expand out of proportion to the document (entity bomb); parse stopped"
    case .tooDeep(let limit): "elements nested deeper than \(limit); parse stopped"
    case .hugeConstruct: "a single construct over libxml2's size limits; parse stopped"
    }
  }

  // MARK: - Zip archives and Office packages

  /// Scans a zip file (plain, or an Office package) member by member.
  func scanZipFile(_ file: ReadOnlyFile, name: String, into report: inout FileReport) {
    let source = FileByteSource(file)
    let budget = ZipBudget(limits: zipLimits, containerSize: source.size)
    var notes = ContainerNotes()
    do {
      report.format = try scanArchive(source, prefix: nil, depth: 1, budget: budget, notes: &notes, into: &report)
    } catch let stop as ContainerStop {
      notes.raise(.hostile, stop.reason)
      report.format = report.format ?? "zip"
    } catch {
      notes.raise(.unreadable, "read stopped: \(error)")
    }
    report.bytesRead = source.size
    report.outcome = notes.outcome
    report.detail = notes.detail
    capFindings(&report)
  }

  /// Scans every readable member of the archive in `source`; returns its kind (`zip`, `xlsx`…).
  /// - Throws: ``ContainerStop`` past the zip-bomb limits.
  func scanArchive(
    _ source: any ArchiveByteSource, prefix: String?, depth: Int, budget: ZipBudget,
    notes: inout ContainerNotes, into report: inout FileReport
  ) throws -> String {
    let label = prefix.map { "\($0): " } ?? ""
    // First pass: the member list (headers only; the data is skipped, not inflated).
    var entries: [ArchiveEntry] = []
    do {
      let lister = try ArchiveReader(source: source)
      while let entry = try lister.next() {
        if let why = budget.addMember() { throw ContainerStop(reason: label + why) }
        entries.append(entry)
      }
    } catch let error as ArchiveError {
      notes.raise(.malformed, label + "damaged zip: \(error)")
      if entries.isEmpty { return "zip" }
    }
    let package = OfficePackage.kind(of: entries.map(\.path))
    if package == .xlsx {
      try scanWorkbook(source, prefix: prefix, budget: budget, notes: &notes, into: &report)
      return "xlsx"
    }
    let reader: ArchiveReader
    do {
      reader = try ArchiveReader(source: source)
    } catch {
      return package?.rawValue ?? "zip"
    }
    do {
      while let entry = try reader.next() {
        guard entry.isRegularFile else { continue }
        let path = prefix.map { "\($0)!\(entry.displayPath)" } ?? entry.displayPath
        if let package, !package.isTextPart(entry.path) { continue }
        if entry.isEncrypted {
          notes.raise(.encrypted, "\(path): encrypted member not read")
          continue
        }
        if let declared = entry.declaredSize, declared > budget.remaining {
          throw ContainerStop(reason: "\(path): declares \(declared) bytes, past the zip bomb limits")
        }
        let pull = meteredPull(reader, budget: budget, label: path)
        do {
          if package != nil {
            try scanXML(
              sample: [], complete: false, member: path, dialect: .paragraphs, notes: &notes, into: &report, pull: pull)
          } else {
            try scanMember(path: path, depth: depth, pull: pull, budget: budget, notes: &notes, into: &report)
          }
        } catch let error as ArchiveError {
          notes.raise(.malformed, "\(path): damaged member: \(error)")
        }
      }
    } catch let error as ArchiveError {
      notes.raise(.malformed, label + "damaged zip: \(error)")
    }
    return package?.rawValue ?? "zip"
  }

  /// A pull from the archive's current member that counts what it inflates against the budget.
  private func meteredPull(_ reader: ArchiveReader, budget: ZipBudget, label: String) -> Pull {
    let progress = self.progress
    return { buffer in
      let count = try reader.read(into: buffer)
      progress?.addBytes(count)
      if let why = budget.add(bytes: count) { throw ContainerStop(reason: "\(label): \(why)") }
      return count
    }
  }

  /// Reads one member of a plain zip: sniffs it, then scans it as the format it is.
  func scanMember(
    path: String, depth: Int, pull: Pull, budget: ZipBudget, notes: inout ContainerNotes,
    into report: inout FileReport
  ) throws {
    let (sample, complete) = try readSample(pull)
    let name = Self.baseName(path)
    if XMLEncodingSniffer.looksLikeXML(sample, fileName: name) {
      try scanXML(sample: sample, complete: complete, member: path, dialect: .generic, notes: &notes, into: &report, pull: pull)
      return
    }
    if MailSniffer.looksLikeMail(sample) {
      guard let bytes = try readWholeMember(sample, complete: complete, path: path, what: "attached mail", pull: pull, notes: &notes) else { return }
      try scanMailMember(bytes, prefix: path, budget: budget, notes: &notes, into: &report)
      return
    }
    if HTMLSniffer.looksLikeHTML(sample, fileName: name) {
      try scanHTML(
        sample: sample, complete: complete, declared: HTMLSniffer.declaredCharset(sample), member: path, notes: &notes,
        into: &report, pull: pull)
      return
    }
    if JSONSniffer.looksLikeJSON(sample, fileName: name, isComplete: complete) {
      try scanJSON(sample: sample, complete: complete, member: path, notes: &notes, into: &report, pull: pull)
      return
    }
    switch FormatSniffer.sniff(sample, fileName: name, isComplete: complete) {
    case .empty, .binary:
      return
    case .text(let encoding, let bomLength, let delimiter):
      let tracker = delimiter.map(CSVFieldTracker.init)
      var invalid = 0
      try detect(member: path, locator: tracker, structured: false, into: &report) { sink in
        let statistics = try reader.stream(
          sample: sample, complete: complete, encoding: encoding, bomLength: bomLength, pull: pull
        ) { block in
          try Self.feed(block, tracker: tracker, to: sink)
        }
        tracker?.finish()
        invalid = statistics.invalidSequences
      }
      if invalid > 0 { notes.raise(.scanned, "\(path): \(invalid) invalid byte sequences replaced") }
    case .known("zip"):
      guard depth < zipLimits.maxDepth else {
        throw ContainerStop(reason: "\(path): archives nested deeper than \(zipLimits.maxDepth) levels")
      }
      guard
        let bytes = try readWholeMember(
          sample, complete: complete, path: path, what: "nested archive", pull: pull, notes: &notes)
      else { return }
      _ = try scanArchive(
        MemoryByteSource(bytes), prefix: path, depth: depth + 1, budget: budget, notes: &notes, into: &report)
    case .known("pdf"):
      guard let bytes = try readWholeMember(sample, complete: complete, path: path, what: "PDF", pull: pull, notes: &notes)
      else { return }
      scanPDFMember(bytes, member: path, budget: budget, notes: &notes, into: &report)
    case .known(let format) where Self.imageFormats.contains(format):
      guard let bytes = try readWholeMember(sample, complete: complete, path: path, what: "image", pull: pull, notes: &notes)
      else { return }
      scanImageMember(bytes, format: format, member: path, notes: &notes, into: &report)
    case .known(let format) where format.hasPrefix("ole2"):
      guard let bytes = try readWholeMember(sample, complete: complete, path: path, what: "OLE2 file", pull: pull, notes: &notes)
      else { return }
      if try !scanOutlookMember(bytes, prefix: path, budget: budget, notes: &notes, into: &report) {
        let (outcome, why) = Self.unreadableFormat(format, sample: sample, fileName: name)
        notes.raise(outcome, "\(path): \(why)")
      }
    case .known(let format):
      let (outcome, why) = Self.unreadableFormat(format, sample: sample, fileName: name)
      notes.raise(outcome, "\(path): \(why)")
    }
  }

  /// What to say about a file in a format Nokori does not read: legacy Office binaries are
  /// named, and an OLE2 file holding an `EncryptedPackage` is a password-protected Office file.
  static func unreadableFormat(_ format: String, sample: [UInt8], fileName: String) -> (Outcome, String) {
    if format == "heic" {
      return (.unsupportedFormat, "HEIC image: Debian's Leptonica has no HEIF decoder (libheif is not linked), so it is not read by OCR")
    }
    guard format.hasPrefix("ole2") else { return (.unsupportedFormat, "\(format) is not read by this version") }
    let marker = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
    if sample.firstRange(of: marker) != nil {
      return (.encrypted, "password-protected Office file (OLE2 EncryptedPackage)")
    }
    let lower = fileName.lowercased()
    let named =
      lower.hasSuffix(".xls") ? "legacy Excel .xls" : lower.hasSuffix(".doc") ? "legacy Word .doc"
      : lower.hasSuffix(".ppt") ? "legacy PowerPoint .ppt" : lower.hasSuffix(".msg") ? "Outlook .msg" : "OLE2 compound file"
    return (.unsupportedFormat, "\(named) (OLE2 binary) is not read by this version")
  }

  // MARK: - xlsx

  /// Scans a workbook: the index parts and shared strings first, then each sheet.
  private func scanWorkbook(
    _ source: any ArchiveByteSource, prefix: String?, budget: ZipBudget, notes: inout ContainerNotes,
    into report: inout FileReport
  ) throws {
    let label = prefix.map { "\($0): " } ?? ""
    let workbook = XLSXWorkbook()
    let sharedStrings = XLSXSharedStrings()
    do {
      let reader = try ArchiveReader(source: source)
      while let entry = try reader.next() {
        let handler: (any XMLEventHandler)? =
          switch entry.path {
          case "xl/workbook.xml": workbook.workbookHandler()
          case "xl/_rels/workbook.xml.rels": workbook.relationshipsHandler()
          case "xl/sharedStrings.xml": sharedStrings
          default: nil
          }
        guard let handler, entry.isRegularFile, !entry.isEncrypted else { continue }
        let summary = try parseXML(handler, pull: meteredPull(reader, budget: budget, label: label + entry.path))
        if summary.problem != nil || !summary.wellFormed {
          notes.raise(summary.problem != nil ? .hostile : .malformed, label + "\(entry.path): not well-formed XML")
        }
      }
      if sharedStrings.truncated {
        notes.raise(.tooLarge, label + "shared strings over \(XLSXSharedStrings.maxBytes) bytes: later ones not read")
      }
      let sheets = try ArchiveReader(source: source)
      var index = 0
      while let entry = try sheets.next() {
        guard entry.isRegularFile, OfficePackage.xlsx.isTextPart(entry.path) else { continue }
        if entry.isEncrypted {
          notes.raise(.encrypted, label + "\(entry.path): encrypted member not read")
          continue
        }
        let extractor = XLSXSheetExtractor(
          sheetName: workbook.sheetName(forPart: entry.path), sheetIndex: index, sharedStrings: sharedStrings)
        index += 1
        let pull = meteredPull(sheets, budget: budget, label: label + entry.path)
        var buffer = [UInt8](repeating: 0, count: Self.structuredChunk)
        var summary: XMLParseSummary?
        try detect(member: prefix, locator: extractor.tracker, structured: true, into: &report) { sink in
          while true {
            let count = try buffer.withUnsafeMutableBytes { try pull($0) }
            if count == 0 { break }
            try buffer.withUnsafeBytes { try extractor.feed(UnsafeRawBufferPointer(rebasing: $0[0..<count]), sink: sink) }
          }
          summary = try extractor.finish(sink: sink)
        }
        if let summary, let problem = summary.problem {
          notes.raise(.hostile, label + "\(entry.path): " + Self.describe(problem))
        } else if let summary, !summary.wellFormed {
          notes.raise(.malformed, label + "\(entry.path): malformed sheet XML, \(summary.errorCount) errors")
        }
      }
    } catch let error as ArchiveError {
      notes.raise(.malformed, label + "damaged workbook: \(error)")
    }
  }

  /// Parses a whole small XML part into `handler`.
  private func parseXML(_ handler: any XMLEventHandler, pull: Pull) throws -> XMLParseSummary {
    let parser = try XMLPushParser(handler: handler, utf8Input: false)
    var buffer = [UInt8](repeating: 0, count: Self.structuredChunk)
    while !parser.isStopped {
      let count = try buffer.withUnsafeMutableBytes { try pull($0) }
      if count == 0 { break }
      buffer.withUnsafeBytes { parser.feed(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
    }
    return parser.finish()
  }

  /// Keeps at most the per-category cap of findings across a file's members.
  func capFindings(_ report: inout FileReport) {
    var kept: [Category: Int] = [:]
    report.findings = report.findings.filter { finding in
      kept[finding.category, default: 0] += 1
      return kept[finding.category, default: 0] <= options.maxFindingsPerCategory
    }
  }
}

