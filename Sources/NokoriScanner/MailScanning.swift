import Mime
import NokoriCore
import NokoriDetect
import NokoriExtract

extension FileScanner {
  /// Scans a saved e-mail: its headers, its body text and each attachment as a file of its own,
  /// named `attachment.pdf` (or `forwarded.eml!attachment.pdf`) in findings.
  func scanMailFile(_ file: ReadOnlyFile, into report: inout FileReport) {
    scanContainerFile(file, format: "eml", into: &report) { budget, notes, report in
      let message = try MimeMessage(descriptor: file.descriptorForReading)
      try scanMessage(message, prefix: nil, budget: budget, notes: &notes, into: &report)
    }
  }

  /// Scans a mail held in memory (an attachment or zip member that is a mail) under `prefix`.
  func scanMailMember(_ bytes: [UInt8], prefix: String, budget: ZipBudget, notes: inout ContainerNotes, into report: inout FileReport) throws {
    do {
      let message = try MimeMessage(bytes: bytes)
      try scanMessage(message, prefix: prefix, budget: budget, notes: &notes, into: &report)
    } catch let error as MimeError {
      notes.raise(.malformed, "\(prefix): not a readable MIME message (\(error))")
    }
  }

  /// Scans one message (the file itself, or one nested in it) with its decode path `prefix`.
  private func scanMessage(
    _ message: MimeMessage, prefix: String?, budget: ZipBudget, notes: inout ContainerNotes,
    into report: inout FileReport
  ) throws {
    mailNesting.enter()
    defer { mailNesting.leave() }
    mailNesting.messages += 1
    let label = prefix.map { "\($0): " } ?? ""
    for issue in message.issues {
      switch issue {
      case .nestingOverflow: notes.raise(.hostile, label + "MIME parts nested past the parser's limit; deeper parts not read")
      case .brokenMultipart: notes.raise(.malformed, label + "broken multipart (missing or unmatched boundary); read as far as it could be recovered")
      case .truncated:
        notes.raise(.malformed, label + "the message ends inside a multipart (its closing boundary is missing or broken); read as far as it could be recovered")
      case .malformed: notes.raise(.malformed, label + "damaged MIME structure; read as far as it could be recovered")
      }
    }
    try scanHeaders(message.headers, member: prefix, into: &report)
    if let body = message.body {
      try scanEntity(body, prefix: prefix, budget: budget, notes: &notes, into: &report)
    }
  }

  /// The headers that carry people: who wrote, to whom, and what about.
  private static let personalHeaders: Set<String> = [
    "from", "to", "cc", "bcc", "reply-to", "sender", "subject", "delivered-to", "return-path", "comments",
  ]

  /// Runs the decoded personal headers through the detector, each value named by its header.
  private func scanHeaders(_ headers: [MimeHeader], member: String?, into report: inout FileReport) throws {
    let fields = headers.filter { Self.personalHeaders.contains($0.name.lowercased()) }.map {
      (name: $0.name, value: EncodedWords.decode($0.rawValue).text)
    }
    try scanFields(fields, member: member, into: &report)
  }

  private func scanEntity(
    _ entity: MimeEntity, prefix: String?, budget: ZipBudget, notes: inout ContainerNotes,
    into report: inout FileReport
  ) throws {
    mailNesting.parts += 1
    if mailNesting.parts > mailLimits.maxParts {
      throw ContainerStop(reason: "more than \(mailLimits.maxParts) MIME parts; the rest not read")
    }
    mailNesting.enter()
    defer { mailNesting.leave() }
    if mailNesting.depth > mailLimits.maxDepth {
      if !mailNesting.depthReported {
        mailNesting.depthReported = true
        notes.raise(.hostile, (prefix.map { "\($0): " } ?? "") + "MIME parts nested deeper than \(mailLimits.maxDepth) levels; deeper parts not read")
      }
      return
    }
    switch entity.kind {
    case .multipart:
      let children = entity.children
      // The text and HTML forms of one body say the same thing: read the text form only.
      let skipHTML = entity.mimeType == "multipart/alternative"
        && children.contains { $0.kind == .leaf && $0.mimeType == "text/plain" && $0.fileName == nil }
      for child in children {
        if skipHTML, child.kind == .leaf, child.mimeType == "text/html", child.fileName == nil { continue }
        try scanEntity(child, prefix: prefix, budget: budget, notes: &notes, into: &report)
      }
    case .message:
      mailNesting.attachments += 1
      let name = AttachmentLabel.make(entity.declaredName, fallback: "message-\(mailNesting.attachments).eml")
      let member = prefix.map { "\($0)!\(name)" } ?? name
      guard let nested = entity.message else { return }
      try scanMessage(nested, prefix: member, budget: budget, notes: &notes, into: &report)
    case .leaf:
      let type = entity.mimeType
      let name = entity.fileName
      if name == nil, !entity.isAttachment, type.hasPrefix("text/") {
        try scanBodyText(entity, member: prefix, html: type == "text/html", budget: budget, notes: &notes, into: &report)
        return
      }
      mailNesting.attachments += 1
      let label = AttachmentLabel.make(Self.encodedWordName(entity.headers) ?? name, fallback: "attachment-\(mailNesting.attachments)")
      let member = prefix.map { "\($0)!\(label)" } ?? label
      try scanAttachment(entity, member: member, budget: budget, notes: &notes, into: &report)
    }
  }

  /// A file name written as RFC 2047 words (`filename="=?ISO-2022-JP?B?…?="`, as Japanese
  /// mailers do against RFC 2231), decoded here so ISO-2022-JP with Windows characters (①)
  /// reads right; nil when the name is not written that way (GMime's decoding then stands).
  static func encodedWordName(_ headers: [MimeHeader]) -> String? {
    for header in headers where ["content-disposition", "content-type"].contains(header.name.lowercased()) {
      let raw = EncodedWords.unfold(header.rawValue)
      for key in [Array("filename=\"".utf8), Array("name=\"".utf8)] {
        guard let found = raw.firstRange(of: key) else { continue }
        let value = raw[found.upperBound...].prefix { $0 != 0x22 }
        guard value.firstRange(of: Array("=?".utf8)) != nil else { continue }
        return EncodedWords.decode(Array(value)).text
      }
    }
    return nil
  }

  /// A pull over a part's decoded content, stopped at the part size limit (reported as
  /// `too-large` by the caller when `overLimit` is set) and counted against the file's budget.
  private func partPull(_ content: MimeContentStream, member: String, budget: ZipBudget, overLimit: PartLimitFlag) -> Pull {
    let limit = mailLimits.maxPartBytes
    var read: Int64 = 0
    return { buffer in
      guard read < limit else {
        var probe: UInt8 = 0
        let more = try withUnsafeMutableBytes(of: &probe) { try content.read(into: $0) }
        if more > 0 { overLimit.isSet = true }
        return 0
      }
      let want = Int(min(Int64(buffer.count), limit - read))
      let count = try content.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<want]))
      read += Int64(count)
      if let why = budget.add(bytes: count) { throw ContainerStop(reason: "\(member): \(why)") }
      return count
    }
  }

  /// Scans an attachment as a file of its own format (text, PDF, zip, xlsx, a mail…).
  private func scanAttachment(
    _ entity: MimeEntity, member: String, budget: ZipBudget, notes: inout ContainerNotes, into report: inout FileReport
  ) throws {
    guard let content = entity.openContent() else { return }
    let overLimit = PartLimitFlag()
    let pull = partPull(content, member: member, budget: budget, overLimit: overLimit)
    do {
      try scanMember(path: member, depth: 1, pull: pull, budget: budget, notes: &notes, into: &report)
    } catch let error as MimeReadError {
      notes.raise(.unreadable, "\(member): \(error)")
    }
    if overLimit.isSet {
      notes.raise(.tooLarge, "\(member): over \(mailLimits.maxPartBytes) bytes decoded; only the first \(mailLimits.maxPartBytes) read")
    }
  }

  /// Scans a body part: decoded in the charset it declares unless its bytes show otherwise.
  private func scanBodyText(
    _ entity: MimeEntity, member: String?, html: Bool, budget: ZipBudget, notes: inout ContainerNotes,
    into report: inout FileReport
  ) throws {
    guard let content = entity.openContent() else { return }
    let label = member.map { "\($0): " } ?? ""
    let overLimit = PartLimitFlag()
    let pull = partPull(content, member: member ?? "body", budget: budget, overLimit: overLimit)
    let (sample, complete) = try readSample(pull)
    guard !sample.isEmpty else { return }
    let declared = entity.contentTypeParameter("charset")
    if html {
      try scanHTML(sample: sample, complete: complete, declared: declared, member: member, notes: &notes, into: &report, pull: pull)
    } else {
      guard let (encoding, note) = MailCharset.choose(declared: declared, sample: sample, isComplete: complete) else {
        notes.raise(.scanned, label + "a \(entity.mimeType) body part is not text; not read")
        return
      }
      if let note { notes.raise(.scanned, label + note) }
      var invalid = 0
      try detect(member: member, locator: nil, structured: false, into: &report) { sink in
        invalid = try decodeStream(sample: sample, complete: complete, encoding: encoding, pull: pull, deliver: sink)
      }
      if invalid > 0 {
        notes.raise(.scanned, label + "\(invalid) invalid byte sequences replaced while decoding the body as \(encoding.rawValue)")
      }
    }
    if overLimit.isSet {
      notes.raise(.tooLarge, label + "body over \(mailLimits.maxPartBytes) bytes decoded; only the first \(mailLimits.maxPartBytes) read")
    }
  }
}

/// Set by a part's pull when the part went on past the size limit.
final class PartLimitFlag {
  var isSet = false
}

extension FileScanner {
  /// Reads a stream's first bytes for sniffing; `complete` when they are all of it.
  func readSample(_ pull: Pull) throws -> (sample: [UInt8], complete: Bool) {
    var sample = [UInt8](repeating: 0, count: FormatSniffer.sampleSize)
    var filled = 0
    while filled < sample.count {
      let count = try sample.withUnsafeMutableBytes { try pull(UnsafeMutableRawBufferPointer(rebasing: $0[filled...])) }
      if count == 0 { break }
      filled += count
    }
    sample.removeSubrange(filled...)
    return (sample, filled < FormatSniffer.sampleSize)
  }

  /// Scans a whole file that is a container (a mail, an Outlook message): the file's size is
  /// its progress, `body` scans it against one budget, and what it met becomes the outcome.
  func scanContainerFile(
    _ file: ReadOnlyFile, format: String, into report: inout FileReport,
    body: (ZipBudget, inout ContainerNotes, inout FileReport) throws -> Void
  ) {
    report.format = format
    let size = Int64(file.status.st_size)
    report.bytesRead = size
    progress?.addBytes(Int(size))
    var notes = ContainerNotes()
    do {
      try body(ZipBudget(limits: zipLimits, containerSize: size), &notes, &report)
    } catch let stop as ContainerStop {
      notes.raise(.hostile, stop.reason)
    } catch let error as MimeError {
      notes.raise(.malformed, "not a readable MIME message (\(error))")
    } catch {
      notes.raise(.unreadable, "read stopped: \(error)")
    }
    report.outcome = notes.outcome
    report.detail = notes.detail
    capFindings(&report)
  }

  /// Reads the rest of a member into memory after its `sample`, for a parser that needs it
  /// whole; nil (with a `too-large` note) past the in-memory limit.
  func readWholeMember(
    _ sample: [UInt8], complete: Bool, path: String, what: String, pull: Pull, notes: inout ContainerNotes
  ) throws -> [UInt8]? {
    var bytes = sample
    var chunk = [UInt8](repeating: 0, count: Self.structuredChunk)
    while !complete {
      let count = try chunk.withUnsafeMutableBytes { try pull($0) }
      if count == 0 { break }
      guard bytes.count + count <= zipLimits.maxInMemoryMember else {
        notes.raise(.tooLarge, "\(path): \(what) over \(zipLimits.maxInMemoryMember) bytes not opened")
        return nil
      }
      bytes.append(contentsOf: chunk[0..<count])
    }
    return bytes
  }
}
