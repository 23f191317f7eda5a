import NokoriCore
import NokoriDetect
import NokoriExtract

extension FileScanner {
  /// Scans a JSON or JSON Lines file, each value named by its key (see ``JSONExtractor``).
  func scanJSONFile(_ file: ReadOnlyFile, sample: [UInt8], complete: Bool, into report: inout FileReport) {
    scanStreamedFile(file, sample: sample, complete: complete, format: "json", into: &report) { notes, report, pull in
      try scanJSON(sample: sample, complete: complete, member: nil, notes: &notes, into: &report, pull: pull)?.rawValue
    }
  }

  /// Streams one JSON text (a file, an attachment, a member) through the extractor and the
  /// detector; returns the encoding it was read in.
  @discardableResult
  func scanJSON(
    sample: [UInt8], complete: Bool, member: String?, notes: inout ContainerNotes, into report: inout FileReport,
    pull: Pull
  ) throws -> TextEncoding? {
    let label = member.map { "\($0): " } ?? ""
    guard let (encoding, _) = MailCharset.choose(declared: nil, sample: sample, isComplete: complete) else {
      notes.raise(.malformed, label + "JSON whose bytes are not text; not read")
      return nil
    }
    let extractor = JSONExtractor()
    var wellFormed = true
    var invalid = 0
    try detect(member: member, locator: extractor.tracker, structured: true, into: &report) { sink in
      invalid = try decodeStream(sample: sample, complete: complete, encoding: encoding, pull: pull) { utf8 in
        try extractor.feed(utf8, sink: sink)
      }
      wellFormed = try extractor.finish(sink: sink)
    }
    if extractor.tooDeep {
      notes.raise(.hostile, label + "JSON nested deeper than \(JSONExtractor.maxDepth) levels; parse stopped")
    } else if !wellFormed {
      notes.raise(.malformed, label + "not well-formed JSON; read up to the first error")
    }
    if invalid > 0 {
      notes.raise(.scanned, label + "\(invalid) invalid byte sequences replaced while decoding \(encoding.rawValue)")
    }
    return encoding
  }
}
