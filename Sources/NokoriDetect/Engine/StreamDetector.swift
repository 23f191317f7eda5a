import Hyperscan
import NokoriCore

/// Runs every pattern over one stream of decoded UTF-8 text, fed in blocks of any size, in
/// bounded memory. One per worker; reused file after file.
///
/// Each block is appended to a window that keeps the tail of the previous one, so a value
/// cut by a block boundary is still seen whole. A match is decided once: when it ends inside
/// the part of the window that no later block can extend (everything but the last
/// ``holdback`` bytes), or at ``finish()``.
public final class StreamDetector {
  public let patternSet: PatternSet
  private let scratch: HyperscanScratch
  private let fingerprinter: Fingerprinter
  private let normalizer = TextNormalizer()

  /// Collect rejected candidates too, with their reasons (for `nokori patterns test`).
  public var explain = false
  /// Hits below this confidence are not reported.
  public var minimumConfidence: Confidence = .low
  /// Hits kept per category per stream; the rest are only counted.
  public var maxHitsPerCategory = 1000

  /// Bytes at the end of the window not yet decided (longest match plus right context).
  static let holdback = 2048
  /// Bytes kept from one block to the next (left context plus holdback plus longest match).
  static let keep = 8192

  private var fieldLocator: (any FieldLocator)?
  private var window: [UInt8] = []
  private var windowStart = 0
  private var decidedUpTo = 0
  private var lineAtWindowStart = 1
  private var columnAtWindowStart = 1
  private var normalized: [UInt8] = []
  private var map = OffsetMap()
  private var matches: [HyperscanMatch] = []
  private var columns = ColumnEvidence()
  private var fieldNameCache: [Int: String] = [:]
  private var keptPerCategory: [Category: Int] = [:]

  public private(set) var hits: [Hit] = []
  public private(set) var rejections: [Rejection] = []
  /// Every reported hit counted per category, including those past ``maxHitsPerCategory``.
  public private(set) var counts: [Category: Int] = [:]

  public init(patternSet: PatternSet, fingerprinter: Fingerprinter) throws {
    self.patternSet = patternSet
    self.fingerprinter = fingerprinter
    scratch = try HyperscanScratch(for: patternSet.database)
  }

  /// Starts a new stream; `fieldLocator` tells which field an offset is in, for tabular text.
  public func reset(fieldLocator: (any FieldLocator)? = nil) {
    self.fieldLocator = fieldLocator
    window.removeAll(keepingCapacity: true)
    windowStart = 0
    decidedUpTo = 0
    lineAtWindowStart = 1
    columnAtWindowStart = 1
    columns.reset()
    fieldNameCache.removeAll()
    keptPerCategory.removeAll()
    hits.removeAll()
    rejections.removeAll()
    counts.removeAll()
  }

  /// Feeds the next block of decoded UTF-8 (it may end inside a character).
  public func feed(_ bytes: UnsafeRawBufferPointer) throws {
    window.append(contentsOf: bytes)
    if window.count >= Self.keep + Self.holdback * 2 { try process(final: false) }
  }

  /// Convenience for tests and small inputs.
  public func feed(_ text: String) throws {
    var copy = text
    try copy.withUTF8 { try feed(UnsafeRawBufferPointer($0)) }
  }

  /// Decides everything left; afterwards ``hits`` is complete and sorted by offset.
  public func finish() throws {
    try process(final: true)
    for decision in columns.finish() { release(decision) }
    hits.sort { $0.range.lowerBound < $1.range.lowerBound }
  }

  // MARK: - The window

  private struct Candidate {
    var pattern: Int
    var normalized: Range<Int>
    var decoded: Range<Int>
  }

  private func process(final: Bool) throws {
    let windowEnd = windowStart + window.count
    let limit = final ? windowEnd : windowEnd - Self.holdback
    guard limit > decidedUpTo else { return }
    window.withUnsafeBufferPointer { normalizer.normalize($0, into: &normalized, map: &map) }
    matches.removeAll(keepingCapacity: true)
    try normalized.withUnsafeBytes { try scratch.scan($0, into: &matches) }

    var candidates: [Candidate] = []
    var seen: Set<[Int]> = []
    for match in matches {
      let decodedEnd = map.decodedOffset(match.end)
      let absoluteEnd = windowStart + decodedEnd
      guard absoluteEnd > decidedUpTo, absoluteEnd <= limit else { continue }
      let pattern = patternSet.owner[Int(match.id)]
      var range = match.start..<match.end
      if patternSet.patterns[pattern].definition.expand != nil {
        range = normalized.withUnsafeBufferPointer { Self.expand(patternSet.patterns[pattern], end: match.end, in: $0) }
      }
      guard seen.insert([pattern, range.lowerBound, range.upperBound]).inserted else { continue }
      candidates.append(
        Candidate(
          pattern: pattern, normalized: range,
          decoded: map.decodedOffset(range.lowerBound)..<map.decodedOffset(range.upperBound)))
    }
    candidates.sort { ($0.decoded.lowerBound, $0.pattern) < ($1.decoded.lowerBound, $1.pattern) }

    window.withUnsafeBufferPointer { decoded in
      normalized.withUnsafeBufferPointer { text in
        var cursor = 0
        var line = lineAtWindowStart
        var column = columnAtWindowStart
        for candidate in candidates {
          while cursor < candidate.decoded.lowerBound {
            let byte = decoded[cursor]
            if byte == 0x0A {
              line += 1
              column = 1
            } else if byte & 0xC0 != 0x80 {
              column += 1
            }
            cursor += 1
          }
          evaluate(candidate, text: text, line: line, column: column)
        }
      }
    }
    decidedUpTo = limit
    if !final { shift() }
  }

  /// Drops the window's head, keeping ``keep`` bytes, starting on a character boundary.
  private func shift() {
    guard window.count > Self.keep else { return }
    var drop = window.count - Self.keep
    while drop < window.count, window[drop] & 0xC0 == 0x80 { drop += 1 }
    window.withUnsafeBufferPointer { bytes in
      for index in 0..<drop {
        let byte = bytes[index]
        if byte == 0x0A {
          lineAtWindowStart += 1
          columnAtWindowStart = 1
        } else if byte & 0xC0 != 0x80 {
          columnAtWindowStart += 1
        }
      }
    }
    window.removeSubrange(0..<drop)
    windowStart += drop
    fieldLocator?.discard(before: windowStart)
  }

  // MARK: - One candidate

  private func evaluate(_ candidate: Candidate, text: UnsafeBufferPointer<UInt8>, line: Int, column: Int) {
    let pattern = patternSet.patterns[candidate.pattern]
    let range = candidate.normalized
    guard Self.boundaryHolds(pattern, text: text, range: range) else { return }
    let value = String(decoding: UnsafeBufferPointer(rebasing: text[range]), as: UTF8.self)
    let absolute = (windowStart + candidate.decoded.lowerBound)..<(windowStart + candidate.decoded.upperBound)
    let masked = pattern.mask.mask(value)
    func reject(_ reason: String) {
      guard explain else { return }
      rejections.append(
        Rejection(patternID: pattern.id, range: absolute, line: line, masked: masked, reason: reason))
    }

    var signals: Set<Signal> = [.format]
    var notes: [String] = []
    var canonical = value
    if let validator = pattern.validator {
      let result = validator.validate(value)
      canonical = result.canonical
      notes.append(result.note)
      guard result.valid else { return reject(result.note) }
      signals.insert(.validated)
      if result.grouped { signals.insert(.grouped) }
    }

    var fieldName: String?
    var columnKey: ColumnEvidence.Key?
    var ordinal = 0
    if let locator = fieldLocator, let field = locator.field(containing: absolute.lowerBound) {
      fieldName = field.displayName
      let normalizedName = fieldNameCache[field.column] ?? FieldName.normalize(field.name ?? "")
      fieldNameCache[field.column] = normalizedName
      if FieldName.matches(normalizedName, anyOf: pattern.negativeFields) {
        return reject("field '\(field.displayName)' says it is something else")
      }
      if FieldName.matches(normalizedName, anyOf: pattern.fields) {
        signals.insert(.field)
        notes.append("field '\(field.displayName)'")
      }
      if pattern.definition.columnEvidence == true, signals.contains(.validated), field.valueRange == absolute {
        columnKey = ColumnEvidence.Key(pattern: candidate.pattern, column: field.column)
        ordinal = field.nonEmptyOrdinal
      }
    }

    // The field a value sits in outranks the words around it: a column headed 個人番号
    // holds My Numbers even when the next column's header says 電話番号.
    if !signals.contains(.field) {
      let keyword = ContextScanner.nearest(
        pattern.keywords, in: text, match: range, before: pattern.windowBefore, after: pattern.windowAfter)
      // Negative words count only before the value, where labels stand ("注文番号: …"), and
      // only when nearer than any keyword.
      let negative = ContextScanner.nearest(
        pattern.negatives, in: text, match: range, before: pattern.windowBefore, after: 0)
      if let negative, keyword.map({ negative < $0 }) ?? true {
        return reject("negative context \(negative) bytes away")
      }
      if let keyword {
        signals.insert(.keyword)
        notes.append("keyword \(keyword) bytes away")
      }
    }

    var hit = Hit(
      patternID: pattern.id, category: pattern.category, confidence: .low, range: absolute, line: line,
      column: column, field: fieldName, masked: masked,
      fingerprint: fingerprinter.fingerprint(category: pattern.category, normalizedValue: canonical),
      signals: signals, explanation: notes.joined(separator: "; "))

    if let columnKey {
      switch columns.verdict(columnKey) {
      case true?:
        hit.signals.insert(.column)
      case false?:
        break
      case nil:
        let pending = ColumnEvidence.Pending(hit: hit, pattern: candidate.pattern)
        if let decision = columns.add(pending, key: columnKey, nonEmptyOrdinal: ordinal) { release(decision) }
        return
      }
    }
    record(hit, pattern: pattern)
  }

  private func release(_ decision: (verdict: Bool, released: [ColumnEvidence.Pending])) {
    for pending in decision.released {
      var hit = pending.hit
      if decision.verdict {
        hit.signals.insert(.column)
        hit.explanation += "; column of valid values"
      }
      record(hit, pattern: patternSet.patterns[pending.pattern])
    }
  }

  private func record(_ hit: Hit, pattern: CompiledPattern) {
    var hit = hit
    guard let rule = pattern.definition.confidence.first(where: { hit.signals.isSuperset(of: $0.when) }) else {
      if explain {
        let signals = hit.signals.map(\.rawValue).sorted().joined(separator: ",")
        rejections.append(
          Rejection(
            patternID: hit.patternID, range: hit.range, line: hit.line, masked: hit.masked,
            reason: "no confidence rule for signals [\(signals)]"))
      }
      return
    }
    hit.confidence = rule.level
    guard hit.confidence >= minimumConfidence else {
      if explain {
        rejections.append(
          Rejection(
            patternID: hit.patternID, range: hit.range, line: hit.line, masked: hit.masked,
            reason: "confidence \(hit.confidence) is below the minimum \(minimumConfidence)"))
      }
      return
    }
    counts[hit.category, default: 0] += 1
    let kept = keptPerCategory[hit.category, default: 0]
    guard kept < maxHitsPerCategory else { return }
    keptPerCategory[hit.category] = kept + 1
    hits.append(hit)
  }

  /// Grows an anchor that ended at `end` over its pattern's classes.
  private static func expand(_ pattern: CompiledPattern, end: Int, in text: UnsafeBufferPointer<UInt8>) -> Range<Int> {
    guard let expand = pattern.definition.expand, let left = pattern.expandLeft, let right = pattern.expandRight
    else { return (end - pattern.anchorWidth)..<end }
    let anchorStart = end - pattern.anchorWidth
    var lower = anchorStart
    while lower > 0, anchorStart - lower < expand.maxLeft, left.contains(text[lower - 1]) { lower -= 1 }
    var upper = end
    while upper < text.count, upper - end < expand.maxRight, right.contains(text[upper]) { upper += 1 }
    if let trim = pattern.trimRight {
      while upper > end, trim.contains(text[upper - 1]) { upper -= 1 }
    }
    return lower..<upper
  }

  @inline(__always)
  private static func boundaryHolds(_ pattern: CompiledPattern, text: UnsafeBufferPointer<UInt8>, range: Range<Int>)
    -> Bool
  {
    if let before = pattern.before, range.lowerBound > 0 {
      let previous = text[range.lowerBound - 1]
      if before.contains(previous) { return false }
      if let joiners = pattern.joiners, joiners.contains(previous), range.lowerBound >= 2,
        isDigit(text[range.lowerBound - 2])
      {
        return false
      }
    }
    if let after = pattern.after, range.upperBound < text.count {
      let next = text[range.upperBound]
      if after.contains(next) { return false }
      if let joiners = pattern.joiners, joiners.contains(next), range.upperBound + 1 < text.count,
        isDigit(text[range.upperBound + 1])
      {
        return false
      }
    }
    return true
  }

  @inline(__always)
  private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
