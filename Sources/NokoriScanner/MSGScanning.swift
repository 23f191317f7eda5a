import Gsf
import NokoriCore
import NokoriDetect
import NokoriExtract

extension FileScanner {
  /// Scans an OLE2 file if it is an Outlook message; false (nothing done) when it is another
  /// OLE2 document (legacy .xls/.doc stay `unsupported-format`).
  func scanOutlookFile(_ file: ReadOnlyFile, into report: inout FileReport) -> Bool {
    guard let compound = try? CompoundFile(descriptor: file.descriptorForReading),
      OutlookMessage.isMessage(compound.root)
    else { return false }
    scanContainerFile(file, format: "msg", into: &report) { budget, notes, report in
      try scanOutlook(OutlookMessage(storage: compound.root, embedded: false), prefix: nil, budget: budget, notes: &notes, into: &report)
    }
    return true
  }

  /// Scans an OLE2 member (an attached .msg); false when it is not an Outlook message.
  func scanOutlookMember(
    _ bytes: [UInt8], prefix: String, budget: ZipBudget, notes: inout ContainerNotes, into report: inout FileReport
  ) throws -> Bool {
    guard let compound = try? CompoundFile(bytes: bytes), OutlookMessage.isMessage(compound.root) else { return false }
    try scanOutlook(OutlookMessage(storage: compound.root, embedded: false), prefix: prefix, budget: budget, notes: &notes, into: &report)
    return true
  }

  /// Scans one Outlook message (the file, or one embedded in it) under `prefix`.
  private func scanOutlook(
    _ message: OutlookMessage, prefix: String?, budget: ZipBudget, notes: inout ContainerNotes,
    into report: inout FileReport
  ) throws {
    mailNesting.enter()
    defer { mailNesting.leave() }
    let label = prefix.map { "\($0): " } ?? ""
    if mailNesting.depth > mailLimits.maxDepth {
      notes.raise(.hostile, label + "messages embedded deeper than \(mailLimits.maxDepth) levels; deeper ones not read")
      return
    }
    try scanFields(message.fields.map { ($0.name, $0.value) }, member: prefix, into: &report)
    switch message.body() {
    case .text(let text)?, .rtf(let text)?:
      var bytes = Array(text.utf8)
      try detect(member: prefix, locator: nil, structured: false, into: &report) { sink in
        try bytes.withUnsafeMutableBytes { try sink(UnsafeRawBufferPointer($0)) }
      }
    case .html(let html, let declared)?:
      var offset = 0
      let sample = Array(html.prefix(FormatSniffer.sampleSize))
      offset = sample.count
      try scanHTML(
        sample: sample, complete: offset >= html.count, declared: declared ?? HTMLSniffer.declaredCharset(sample),
        member: prefix, notes: &notes, into: &report
      ) { buffer in
        let count = min(buffer.count, html.count - offset)
        html.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<(offset + count)])) }
        offset += count
        return count
      }
    case nil:
      break
    }
    for problem in message.problems { notes.raise(.unreadable, label + problem) }
    for attachment in message.attachments {
      mailNesting.attachments += 1
      let fallback = attachment.embedded != nil ? "message-\(mailNesting.attachments).msg" : "attachment-\(mailNesting.attachments)"
      let name = AttachmentLabel.make(attachment.name, fallback: fallback)
      let member = prefix.map { "\($0)!\(name)" } ?? name
      if let embedded = attachment.embedded {
        try scanOutlook(embedded, prefix: member, budget: budget, notes: &notes, into: &report)
      } else if let data = attachment.data {
        let limit = mailLimits.maxPartBytes
        var read: Int64 = 0
        let pull: Pull = { buffer in
          guard read < limit else { return 0 }
          let count = data.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<Int(min(Int64(buffer.count), limit - read))]))
          read += Int64(count)
          if let why = budget.add(bytes: count) { throw ContainerStop(reason: "\(member): \(why)") }
          return count
        }
        try scanMember(path: member, depth: 1, pull: pull, budget: budget, notes: &notes, into: &report)
        if data.size > limit {
          notes.raise(.tooLarge, "\(member): over \(limit) bytes; only the first \(limit) read")
        }
      }
    }
  }

  /// Runs header-like values (`Subject`, `From`…) through the detector, each named by its header.
  func scanFields(_ fields: [(name: String, value: String)], member: String?, into report: inout FileReport) throws {
    var text: [UInt8] = []
    var names: [String] = []
    var spans: [(Range<Int>, Int)] = []
    for (name, value) in fields where !value.isEmpty {
      let key = names.firstIndex(of: name) ?? names.count
      if key == names.count { names.append(name) }
      text += Array("\(name): ".utf8)
      let start = text.count
      text += Array(value.utf8)
      spans.append((start..<text.count, key))
      text.append(0x0A)
    }
    guard !text.isEmpty else { return }
    let fieldNames = names
    let tracker = SpanFieldTracker { key, _, range, ordinal in
      FieldInfo(
        name: key >= 0 && key < fieldNames.count ? fieldNames[key] : nil, column: key, valueRange: range,
        nonEmptyOrdinal: ordinal)
    }
    for (range, key) in spans { tracker.record(range, key: key) }
    try detect(member: member, locator: tracker, structured: true, into: &report) { sink in
      try text.withUnsafeBytes { try sink($0) }
    }
  }
}
