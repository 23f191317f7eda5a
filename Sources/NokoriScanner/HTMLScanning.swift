import NokoriCore
import NokoriDetect
import NokoriExtract

extension FileScanner {
  /// Scans an HTML file as the text a person reads in it (see ``HTMLTextExtractor``).
  func scanHTMLFile(_ file: ReadOnlyFile, sample: [UInt8], complete: Bool, into report: inout FileReport) {
    scanStreamedFile(file, sample: sample, complete: complete, format: "html", into: &report) { notes, report, pull in
      try scanHTML(
        sample: sample, complete: complete, declared: HTMLSniffer.declaredCharset(sample), member: nil, notes: &notes,
        into: &report, pull: pull)?.rawValue
    }
  }

  /// Streams one HTML document (a file, a mail part, a member) through the extractor and the
  /// detector; returns the encoding it was read in, nil when its bytes are not text.
  @discardableResult
  func scanHTML(
    sample: [UInt8], complete: Bool, declared: String?, member: String?, notes: inout ContainerNotes,
    into report: inout FileReport, pull: Pull
  ) throws -> TextEncoding? {
    let label = member.map { "\($0): " } ?? ""
    guard let (encoding, note) = MailCharset.choose(declared: declared, sample: sample, isComplete: complete) else {
      notes.raise(.scanned, label + "HTML whose bytes are not text; not read")
      return nil
    }
    if let note { notes.raise(.scanned, label + note) }
    let extractor = HTMLTextExtractor()
    var invalid = 0
    try detect(member: member, locator: extractor.tracker, structured: true, into: &report) { sink in
      invalid = try decodeStream(sample: sample, complete: complete, encoding: encoding, pull: pull) { utf8 in
        try extractor.feed(utf8, sink: sink)
      }
      try extractor.finish(sink: sink)
    }
    if invalid > 0 {
      notes.raise(.scanned, label + "\(invalid) invalid byte sequences replaced while decoding \(encoding.rawValue)")
    }
    return encoding
  }

  /// Decodes `sample` and the rest of `pull` from `encoding` to UTF-8, block by block, into
  /// `deliver`; returns how many invalid sequences were replaced.
  func decodeStream(
    sample: [UInt8], complete: Bool, encoding: TextEncoding, pull: Pull,
    deliver: (UnsafeRawBufferPointer) throws -> Void
  ) throws -> Int {
    let decoder = try MailTextDecoder(encoding: encoding)
    var decoded: [UInt8] = []
    // A part held whole in its sample (most mail bodies) needs no read buffer.
    var buffer = [UInt8](repeating: 0, count: complete ? 0 : Self.structuredChunk)
    func pass(_ raw: UnsafeRawBufferPointer, final: Bool) throws {
      decoded.removeAll(keepingCapacity: true)
      decoder.decode(raw, final: final, into: &decoded)
      if !decoded.isEmpty { try decoded.withUnsafeBytes { try deliver($0) } }
    }
    // A byte-order mark is not text.
    let bom = sample.starts(with: [0xEF, 0xBB, 0xBF]) && encoding == .utf8 ? 3 : 0
    try sample.withUnsafeBytes { try pass(UnsafeRawBufferPointer(rebasing: $0[bom...]), final: false) }
    while !complete {
      let count = try buffer.withUnsafeMutableBytes { try pull($0) }
      if count == 0 { break }
      try buffer.withUnsafeBytes { try pass(UnsafeRawBufferPointer(rebasing: $0[0..<count]), final: false) }
    }
    try pass(UnsafeRawBufferPointer(start: nil, count: 0), final: true)
    return decoder.invalidSequences
  }
}
