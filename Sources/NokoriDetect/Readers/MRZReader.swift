/// A machine-readable zone around a `<<` filler (every TD1, TD2 and TD3 zone has one): the
/// lines of 30, 36 or 44 MRZ characters that hold it, grouped as the format stacks them.
/// Anchoring on the filler instead of matching 88 characters of `[A-Z0-9<]` keeps the
/// matcher on a literal; the check digits are ``MRZValidator``'s job.
public struct MRZReader: ValueReader {
  public static let name = "mrz"
  public init(definition: PatternDefinition, resources: PatternResources) {}

  public func read(_ text: UnsafeBufferPointer<UInt8>, anchor: Range<Int>, limit: Int) -> Range<Int>? {
    guard let line = Self.line(text, containing: anchor.lowerBound, limit: limit) else { return nil }
    let width = line.content.count
    let lines = width == 30 ? 3 : 2
    // The zone's first line starts with its document code; it is this line or one above.
    var first = line
    for _ in 0..<lines {
      if Self.startsZone(text, first.content, width: width) { break }
      guard let previous = Self.previousLine(text, before: first), previous.content.count == width else { return nil }
      first = previous
    }
    guard Self.startsZone(text, first.content, width: width) else { return nil }
    var last = first
    for _ in 1..<lines {
      guard let next = Self.nextLine(text, after: last, limit: limit), next.content.count == width else { return nil }
      last = next
    }
    guard last.content.upperBound >= line.content.upperBound else { return nil }
    return first.content.lowerBound..<last.content.upperBound
  }

  /// A line: its MRZ characters, and where it ends (its newline, CR included).
  struct Line {
    var content: Range<Int>
    var end: Int
  }

  static func isMRZ(_ byte: UInt8) -> Bool { (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x3C }

  /// The line holding `index`, when it is all MRZ characters and 30, 36 or 44 of them.
  static func line(_ text: UnsafeBufferPointer<UInt8>, containing index: Int, limit: Int) -> Line? {
    var start = index
    while start > 0, isMRZ(text[start - 1]), index - start < 44 { start -= 1 }
    var end = index
    while end < limit, isMRZ(text[end]), end - start <= 44 { end += 1 }
    return complete(text, start: start, end: end, limit: limit)
  }

  static func complete(_ text: UnsafeBufferPointer<UInt8>, start: Int, end: Int, limit: Int) -> Line? {
    let width = end - start
    guard width == 30 || width == 36 || width == 44 else { return nil }
    // Each line of a zone ends its line of text (trailing blanks aside); what stands before
    // the first one is not an MRZ character, as the scan back made sure.
    var after = end
    while after < limit, text[after] == 0x20 || text[after] == 0x09 { after += 1 }
    if after < limit, text[after] == 0x0D { after += 1 }
    guard after >= limit || text[after] == 0x0A else { return nil }
    return Line(content: start..<end, end: min(after + 1, limit))
  }

  static func previousLine(_ text: UnsafeBufferPointer<UInt8>, before line: Line) -> Line? {
    var end = line.content.lowerBound
    guard end > 0, text[end - 1] == 0x0A else { return nil }
    end -= 1
    if end > 0, text[end - 1] == 0x0D { end -= 1 }
    while end > 0, text[end - 1] == 0x20 || text[end - 1] == 0x09 { end -= 1 }
    var start = end
    while start > 0, isMRZ(text[start - 1]), end - start < 44 { start -= 1 }
    return complete(text, start: start, end: end, limit: line.content.lowerBound)
  }

  static func nextLine(_ text: UnsafeBufferPointer<UInt8>, after line: Line, limit: Int) -> Line? {
    let start = line.end
    guard start > line.content.upperBound, start < limit else { return nil }
    var end = start
    while end < limit, isMRZ(text[end]), end - start <= 44 { end += 1 }
    return complete(text, start: start, end: end, limit: limit)
  }

  /// TD3 and TD2 zones open with P, I, A, C or V; TD1 with I, A or C.
  static func startsZone(_ text: UnsafeBufferPointer<UInt8>, _ content: Range<Int>, width: Int) -> Bool {
    let code = text[content.lowerBound]
    return width == 30 ? [0x49, 0x41, 0x43].contains(code) : [0x50, 0x49, 0x41, 0x43, 0x56].contains(code)
  }
}
