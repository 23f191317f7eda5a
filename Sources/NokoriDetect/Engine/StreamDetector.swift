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
  private let hasher: KeyedHasher
  private let normalizer = TextNormalizer()

  /// Collect rejected candidates too, with their reasons (for `nokori patterns test`).
  public var explain = false
  /// Hits below this confidence are not reported.
  public var minimumConfidence: Confidence = .low
  /// Report one hit per value and category where patterns overlap (off only for examples).
  public var mergesOverlaps = true
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
  private var candidates: [Candidate] = []
  private var columns = ColumnEvidence()
  private var lineCursor: LineCursor?
  /// How far into the window lines were counted while locating hits, and the line and
  /// column there.
  private var counted = (offset: 0, line: 0, column: 0)
  /// What each column's name says about each pattern, by `column * patterns + pattern`
  /// (a dictionary here hashed a key for every value of a table).
  private var fieldVerdicts: [FieldVerdict?] = []
  /// Field readers per column of the current stream, for columns under ``flatColumns``, as an
  /// index into ``readerLists`` (-1: not worked out yet). A flat table: a dictionary here hashed
  /// the column of every value of an export.
  private var fieldReadersByColumn: [Int32] = []
  /// The distinct lists of field readers met; the first is empty.
  private var readerLists: [[Int]] = [[]]
  /// Columns past this many (a malformed table) are judged each time rather than growing the
  /// per-column tables without bound.
  private static let flatColumns = 4096
  /// This detector's own copies of the compiled patterns and of the set's tables per
  /// expression (`PatternSet.owner`, `fixedWidth`, `anchorIndex`): see ``CompiledPattern/replica()``.
  let patterns: [CompiledPattern]
  private let owner: [Int]
  private let fixedWidth: [Int]
  private let anchorIndex: [Int]
  /// Category of each pattern, as an index into `categories` (counting without hashing strings).
  let categoryIndex: [Int]
  private let categories: [Category]
  var countsByCategory: [Int]
  var keptByCategory: [Int]
  /// Values past the bound of those kept for end-of-file evidence, counted as a record around
  /// them decides; ``documentCounts`` are those only a document would raise (added in ``settle()``).
  var recordWindow = RecordWindow()
  var documentCounts: [Int]
  /// The values in ``countsByCategory`` and in ``documentCounts``, so that each is counted
  /// once; and the values kept uncounted for the end of the file (by their index in
  /// ``recorded``), so that one a counted value covers is not counted there again.
  var countedValues: CountedValues
  var documentValues: CountedValues
  var uncountedValues: CountedValues

  /// Reported hits, complete and sorted by offset after ``finish()``.
  public internal(set) var hits: [Hit] = []
  public internal(set) var rejections: [Rejection] = []
  /// Hits at or above the minimum, and (for patterns whose rules use end-of-file evidence)
  /// candidates still below every rule; settled in ``finish()``.
  var recorded: [Recorded] = []
  var pendingByCategory: [Int]
  /// For each classifier pattern: the anchors seen (bit per anchor) and where its first title stood.
  var classifierAnchors: [Int: UInt64] = [:]
  var classifierTitle: [Int: (range: Range<Int>, line: Int, column: Int)] = [:]
  /// Set by the OCR stage when an image's document classifier fired: values gain `document`.
  public var documentFromImage = false
  /// True once a value of this stream has been recorded: the file will most likely be flagged.
  public var hasRecorded: Bool { !recorded.isEmpty }
  /// Every reported hit counted per category, including those past ``maxHitsPerCategory``.
  public var counts: [Category: Int] {
    var out: [Category: Int] = [:]
    for (index, count) in countsByCategory.enumerated() where count > 0 { out[categories[index]] = count }
    return out
  }

  public init(patternSet: PatternSet, fingerprinter: Fingerprinter) throws {
    self.patternSet = patternSet
    hasher = fingerprinter.makeHasher()
    scratch = try HyperscanScratch(for: patternSet.database)
    patterns = patternSet.patterns.map { $0.replica() }
    // `map` makes new buffers: a plain copy would share (and contend for) the set's.
    owner = patternSet.owner.map { $0 }
    fixedWidth = patternSet.fixedWidth.map { $0 }
    anchorIndex = patternSet.anchorIndex.map { $0 }
    var categories: [Category] = []
    categoryIndex = patternSet.patterns.map { pattern in
      if let index = categories.firstIndex(of: pattern.category) { return index }
      categories.append(pattern.category)
      return categories.count - 1
    }
    self.categories = categories
    countsByCategory = Array(repeating: 0, count: categories.count)
    keptByCategory = countsByCategory
    pendingByCategory = countsByCategory
    documentCounts = countsByCategory
    countedValues = CountedValues(categories: categories.count)
    documentValues = countedValues
    uncountedValues = countedValues
  }

  /// Starts a new stream; `fieldLocator` tells which field an offset is in, for tabular text.
  public func reset(fieldLocator: (any FieldLocator)? = nil) {
    self.fieldLocator = fieldLocator
    // A newline stands before the first byte, at offset -1, so that every value has a
    // character before it: patterns are compiled to consume that character (see
    // `PatternSet`), which keeps Hyperscan from starting matches inside digit runs.
    window.removeAll(keepingCapacity: true)
    window.append(0x0A)
    windowStart = -1
    decidedUpTo = 0
    lineAtWindowStart = 0
    columnAtWindowStart = 1
    counted = (0, 0, 1)
    columns.reset()
    fieldVerdicts.removeAll(keepingCapacity: true)
    fieldReadersByColumn.removeAll(keepingCapacity: true)
    for index in countsByCategory.indices {
      countsByCategory[index] = 0
      keptByCategory[index] = 0
      pendingByCategory[index] = 0
      documentCounts[index] = 0
    }
    recordWindow.reset()
    countedValues.reset()
    documentValues.reset()
    uncountedValues.reset()
    hits.removeAll()
    recorded.removeAll()
    classifierAnchors.removeAll()
    classifierTitle.removeAll()
    documentFromImage = false
    rejections.removeAll()
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
    countWaiting(before: .max)
    settle()
  }

  // MARK: - The window

  private struct Candidate {
    var pattern: Int
    var normalized: Range<Int>
    var decoded: Range<Int>
    /// What the expression matched, when a reader found the value beside it.
    var anchor: Range<Int>? = nil
    /// The value was read out of a named field, not found in the text.
    var fromField = false
    /// For classifiers: which title or anchor matched.
    var anchorIndex = -1
  }

  private func process(final: Bool) throws {
    let windowEnd = windowStart + window.count
    let limit = final ? windowEnd : windowEnd - Self.holdback
    guard limit > decidedUpTo else { return }
    // Text with nothing to fold (most of it) is scanned where it stands, not copied first.
    let folded = window.withUnsafeBufferPointer { normalizer.normalize($0, foldingInto: &normalized, map: &map) }
    let scanned = folded ? normalized : window
    matches.removeAll(keepingCapacity: true)
    try scanned.withUnsafeBytes { try scratch.scan($0, into: &matches) }

    candidates.removeAll(keepingCapacity: true)
    scanned.withUnsafeBufferPointer { text in
      for match in matches {
        let pattern = owner[Int(match.id)]
        // Unowned: `patterns` holds this detector's replicas for its life, and a retain and
        // release per match was 3 % of a whole-catalogue scan.
        unowned(unsafe) let compiled = patterns[pattern]
        let width = fixedWidth[Int(match.id)]
        var range = ((width > 0 ? match.end - width : match.start) + compiled.leadingContext)..<match.end
        if compiled.expands { range = Self.expand(compiled, end: match.end, in: text) }
        // The boundary test is the cheapest and rejects most reports (a digit run yields
        // many), so it comes before any offset mapping or sorting.
        guard Self.boundaryHolds(compiled, text: text, range: range) else { continue }
        var anchor: Range<Int>?
        if compiled.hasReader {
          anchor = range
          guard let value = compiled.readValue(text, anchor: range, limit: text.count) else { continue }
          range = value
        }
        let decodedEnd = map.decodedOffset(max(match.end, range.upperBound))
        let absoluteEnd = windowStart + decodedEnd
        guard absoluteEnd > decidedUpTo, absoluteEnd <= limit else { continue }
        // A digit-dense table offers a candidate per row, most failing their check digit:
        // rejected here, they are never stored, sorted or evaluated. (Explaining keeps them,
        // for the reason `validate` gives.)
        let anchorIndex = anchorIndex[Int(match.id)]
        if !explain, anchorIndex < 0, !compiled.mayBeValid(bytes: UnsafeBufferPointer(rebasing: text[range])) {
          continue
        }
        candidates.append(
          Candidate(
            pattern: pattern, normalized: range,
            decoded: map.decodedOffset(range.lowerBound)..<map.decodedOffset(range.upperBound), anchor: anchor,
            anchorIndex: anchorIndex))
      }
      if !patternSet.fieldReaders.isEmpty, let locator = fieldLocator {
        addFieldCandidates(locator, text: text, limit: limit)
      }
    }
    // Several expressions of one pattern (or several anchors of one e-mail) may report the
    // same value: sorting puts such duplicates side by side, and they are skipped.
    candidates.sort {
      ($0.decoded.lowerBound, $0.pattern, $0.decoded.upperBound) < ($1.decoded.lowerBound, $1.pattern, $1.decoded.upperBound)
    }

    window.withUnsafeBufferPointer { decoded in
      scanned.withUnsafeBufferPointer { text in
        // Lines and columns are counted only up to values that are reported: most
        // candidates are rejected and never need one.
        lineCursor = LineCursor(bytes: decoded, line: lineAtWindowStart, column: columnAtWindowStart)
        defer {
          // Where the cursor stopped: `shift()` counts on from there, not from the start again.
          if let cursor = lineCursor { counted = (cursor.offset, cursor.line, cursor.column) }
          lineCursor = nil
        }
        var previous: Candidate?
        for candidate in candidates {
          if let previous, previous.pattern == candidate.pattern, previous.decoded == candidate.decoded { continue }
          previous = candidate
          evaluate(candidate, text: text)
        }
      }
    }
    decidedUpTo = limit
    // Values starting later than this may still come (one ending past `limit` starts before it).
    countWaiting(before: limit - Self.holdback)
    if !final { shift() }
  }

  /// Values read out of fields whose names say what they hold (a column headed 氏名), for
  /// fields that end in the part of the window being decided.
  private func addFieldCandidates(_ locator: any FieldLocator, text: UnsafeBufferPointer<UInt8>, limit: Int) {
    let start = max(windowStart + 1, decidedUpTo - Self.holdback)
    // A field's name decides which readers apply; worked out once per column, not per value.
    locator.forEachSlot(startingIn: start..<limit) { slot in
      let value = slot.valueRange
      guard value.upperBound > decidedUpTo, value.upperBound <= limit, value.lowerBound >= windowStart + 1,
        !value.isEmpty
      else { return }
      let list = readerList(for: slot, in: locator)
      guard list > 0 else { return }
      let lower = map.normalizedOffset(value.lowerBound - windowStart)
      let upper = map.normalizedOffset(value.upperBound - windowStart)
      for index in readerLists[list] {
        unowned(unsafe) let pattern = patterns[index]
        guard let range = pattern.readValue(text, anchor: lower..<lower, limit: min(upper, text.count)) else {
          continue
        }
        candidates.append(
          Candidate(
            pattern: index, normalized: range,
            decoded: map.decodedOffset(range.lowerBound)..<map.decodedOffset(range.upperBound), fromField: true))
      }
    }
  }

  /// The field readers of `slot`'s column, as an index into ``readerLists`` (0: none), worked out
  /// once per named column (a spreadsheet's header row is in its column but has no name: the
  /// values under it do). Most columns have none, and are passed over without touching a list.
  private func readerList(for slot: FieldSlot, in locator: any FieldLocator) -> Int {
    let column = slot.column
    let cached = column >= 0 && column < Self.flatColumns
    if cached, column < fieldReadersByColumn.count, fieldReadersByColumn[column] >= 0 {
      return Int(fieldReadersByColumn[column])
    }
    guard let name = locator.field(for: slot).name else { return 0 }
    let readers = fieldReaders(named: name)
    var list = 0
    if !readers.isEmpty {
      list = readerLists.firstIndex(of: readers) ?? readerLists.count
      if list == readerLists.count { readerLists.append(readers) }
    }
    guard cached else { return list }
    if column >= fieldReadersByColumn.count {
      fieldReadersByColumn.append(contentsOf: repeatElement(-1, count: column + 1 - fieldReadersByColumn.count))
    }
    fieldReadersByColumn[column] = Int32(list)
    return list
  }

  /// The patterns that read values out of a field called `name`.
  private func fieldReaders(named name: String) -> [Int] {
    let normalized = FieldName.normalize(name)
    return patternSet.fieldReaders.filter { index in
      let pattern = patterns[index]
      return FieldName.matches(normalized, anyOf: pattern.fields)
        && !FieldName.matches(normalized, anyOf: pattern.negativeFields)
    }
  }

  /// Drops the window's head, keeping ``keep`` bytes, starting on a character boundary.
  private func shift() {
    guard window.count > Self.keep else { return }
    var drop = window.count - Self.keep
    while drop < window.count, window[drop] & 0xC0 == 0x80 { drop += 1 }
    let from = counted.offset <= drop ? counted : (offset: 0, line: lineAtWindowStart, column: columnAtWindowStart)
    window.withUnsafeBufferPointer { bytes in
      let (lines, column) = Self.advance(UnsafeBufferPointer(rebasing: bytes[from.offset..<drop]), column: from.column)
      lineAtWindowStart = from.line + lines
      columnAtWindowStart = column
    }
    counted = (0, lineAtWindowStart, columnAtWindowStart)
    window.removeSubrange(0..<drop)
    windowStart += drop
    fieldLocator?.discard(before: windowStart)
  }

  /// Newlines in `bytes`, and the 1-based column (in Unicode scalars) after them, given the
  /// column at their start.
  static func advance(_ bytes: UnsafeBufferPointer<UInt8>, column: Int) -> (lines: Int, column: Int) {
    let (lines, lastNewline) = NewlineCounter.count(bytes)
    var scalars = 0
    for byte in bytes[(lastNewline + 1)...] where byte & 0xC0 != 0x80 { scalars += 1 }
    return (lines, lines > 0 ? 1 + scalars : column + scalars)
  }

  // MARK: - One candidate

  /// Counts lines forward through one window, as far as it is asked.
  private final class LineCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var offset = 0
    var line: Int
    var column: Int

    init(bytes: UnsafeBufferPointer<UInt8>, line: Int, column: Int) {
      self.bytes = bytes
      self.line = line
      self.column = column
    }

    func locate(_ target: Int) -> (line: Int, column: Int) {
      if target > offset, target <= bytes.count {
        let (lines, newColumn) = StreamDetector.advance(UnsafeBufferPointer(rebasing: bytes[offset..<target]), column: column)
        line += lines
        column = newColumn
        offset = target
      }
      return (line, column)
    }
  }

  /// A candidate that passed its validator, on its way to becoming a ``Hit``. Holds the
  /// canonical value only in memory, until the fingerprint is taken.
  struct Draft {
    var pattern: Int
    var range: Range<Int>
    var value: String
    var canonical: String
    var line: Int
    var column: Int
    var field: String?
    var place: String?
    var signals: SignalSet
    var notes: [String]
  }

  /// Line and column of a window offset; offsets must be asked for in increasing order.
  func locateForAnchor(_ absolute: Int) -> (line: Int, column: Int) { locate(absolute) }

  func fingerprint(category: Category, canonical: String) -> String {
    hasher.fingerprint(category: category, normalizedValue: canonical)
  }

  private func locate(_ absolute: Int) -> (line: Int, column: Int) {
    lineCursor?.locate(absolute - windowStart) ?? (0, 0)
  }

  private func evaluate(_ candidate: Candidate, text: UnsafeBufferPointer<UInt8>) {
    unowned(unsafe) let pattern = patterns[candidate.pattern]
    let range = candidate.normalized
    if candidate.anchorIndex >= 0 {
      return noteAnchor(candidate.anchorIndex, of: candidate.pattern, at: windowStart + candidate.decoded.lowerBound,
        length: candidate.decoded.count)
    }
    let bytes = UnsafeBufferPointer(rebasing: text[range])
    // Values read out of named fields have not met the byte test yet (`process` applied it
    // to Hyperscan's candidates): reject those failing it before anything else.
    if !explain, candidate.fromField, !pattern.mayBeValid(bytes: bytes) { return }
    let absolute = (windowStart + candidate.decoded.lowerBound)..<(windowStart + candidate.decoded.upperBound)
    func reject(_ reason: @autoclosure () -> String) {
      guard explain else { return }
      rejections.append(
        Rejection(
          patternID: pattern.id, range: absolute, line: locate(absolute.lowerBound).line,
          masked: pattern.mask.mask(String(decoding: bytes, as: UTF8.self)), reason: reason()))
    }

    // The signals are worked out from the bytes; the strings a hit carries (its value, canonical
    // form, field names) only once it is known to be kept: past the category's cap a hit is
    // only counted, and dense exports offer millions of those.
    //
    // What the field says comes first: a value in a field named for something else (every
    // My Number of an export offered to the licence pattern) needs no validation. Explaining
    // keeps the validator's reason first.
    var slot: FieldSlot?
    var fieldSays = FieldVerdict.neutral
    if let locator = fieldLocator, let found = locator.slot(containing: absolute.lowerBound) {
      slot = found
      fieldSays = fieldVerdict(pattern: candidate.pattern, slot: found, in: locator)
      if fieldSays == .negative, !explain { return }
    }

    var signals: SignalSet = .format
    var notes: [String] = []
    // Explaining needs the validator's note (and keeps its canonical form); otherwise its
    // verdict on the bytes is enough.
    var explained: ValidationResult?
    var verdict: ValidationVerdict?
    if explain, let validate = pattern.validate {
      let result = validate(String(decoding: bytes, as: UTF8.self))
      guard result.valid else { return reject(result.note) }
      notes.append(result.note)
      explained = result
      verdict = ValidationVerdict(result)
    } else {
      verdict = pattern.verdict(for: bytes)
    }
    if let verdict {
      guard verdict.valid else { return }
      signals.insert(.validated)
      signals.formUnion(verdict.signals)
      if verdict.grouped { signals.insert(.grouped) }
    }

    var columnKey: ColumnEvidence.Key?
    var ordinal = 0
    if let locator = fieldLocator, let found = slot {
      if fieldSays == .negative {
        return reject("field '\(locator.field(for: found).displayName)' says it is something else")
      }
      if fieldSays == .positive {
        signals.insert(.field)
        if explain { notes.append("field '\(locator.field(for: found).displayName)'") }
      }
      if pattern.columnEvidence, signals.contains(.validated), found.valueRange == absolute {
        columnKey = ColumnEvidence.Key(pattern: candidate.pattern, column: found.column)
        ordinal = found.nonEmptyOrdinal
      }
    }

    // The field a value sits in outranks the words around it: a column headed 個人番号
    // holds My Numbers even when the next column's header says 電話番号.
    if let anchor = candidate.anchor, !signals.contains(.field) {
      // A value read beside a label: the label is the evidence; a negative word just before
      // it (会社名, File name, 本社所在地) says the label is about something else.
      if let negative = pattern.negatives.nearest(in: text, match: anchor, before: pattern.windowBefore, after: 0) {
        return reject("negative context \(negative) bytes before the label")
      }
      signals.insert(.label)
      if explain { notes.append("read after its label") }
      if let keyword = pattern.keywords.nearest(
        in: text, match: range, before: pattern.windowBefore, after: pattern.windowAfter)
      {
        signals.insert(.keyword)
        if explain { notes.append("keyword \(keyword) bytes away") }
      }
    } else if !signals.contains(.field) {
      let keyword = pattern.keywords.nearest(
        in: text, match: range, before: pattern.windowBefore, after: pattern.windowAfter)
      // Negative words count only before the value, where labels stand ("注文番号: …"), and
      // only when nearer than any keyword.
      let negative = pattern.negatives.nearest(in: text, match: range, before: pattern.windowBefore, after: 0)
      if let negative, keyword.map({ negative < $0 }) ?? true {
        return reject("negative context \(negative) bytes away")
      }
      if let keyword {
        signals.insert(.keyword)
        if explain { notes.append("keyword \(keyword) bytes away") }
      }
    }

    func draft() -> Draft {
      let value = String(decoding: bytes, as: UTF8.self)
      let canonical = explained?.canonical ?? pattern.validate.map { $0(value).canonical } ?? value
      var draft = Draft(
        pattern: candidate.pattern, range: absolute, value: value, canonical: canonical, line: 0, column: 0,
        field: nil, place: nil, signals: signals, notes: notes)
      if let slot, let locator = fieldLocator {
        let field = locator.field(for: slot)
        draft.field = field.displayName
        draft.place = field.place
      }
      return draft
    }

    if let columnKey {
      switch columns.verdict(columnKey) {
      case true?:
        signals.insert(.column)
      case false?:
        break
      case nil:
        var waiting = draft()
        (waiting.line, waiting.column) = locate(absolute.lowerBound)
        if let decision = columns.add(waiting, key: columnKey, nonEmptyOrdinal: ordinal) { release(decision) }
        return
      }
    }
    // What `record` would do with a value that is only counted or dropped, without building its
    // strings; a value below the minimum that a record around it could raise waits in
    // `recordWindow` (and in `recorded` too while there is room there).
    if !explain {
      let category = categoryIndex[candidate.pattern]
      let level = pattern.level(for: signals)
      if level != nil { recordWindow.noteEvidence(offset: absolute.lowerBound, category: category) }
      if let level, level >= minimumConfidence {
        if keptByCategory[category] >= maxHitsPerCategory {
          countValue(absolute, category: category)
          return
        }
      } else if !pattern.upgradable {
        return
      } else {
        // Below the minimum: a record around it may raise it. Kept for the end of the file
        // while there is room (as a finding may come of it), counted as its neighbours decide.
        var waiting = RecordWindow.Waiting(
          offset: absolute.lowerBound, end: absolute.upperBound, category: category, pattern: candidate.pattern,
          signals: signals)
        if pendingByCategory[category] < Self.pendingPerCategory {
          record(draft())
          waiting.recordedIndex = recorded.count - 1
        }
        return recordWindow.wait(waiting)
      }
    }
    record(draft())
  }

  /// Counts the values waiting in ``recordWindow`` whose neighbourhood lies before `frontier`.
  private func countWaiting(before frontier: Int) {
    recordWindow.resolve(before: frontier, radius: Self.recordRadius, kinds: Self.recordKinds) { value, inRecord in
      if value.recordedIndex >= 0 {
        if inRecord { recorded[value.recordedIndex].draft.signals.insert(.record) }
        return
      }
      unowned(unsafe) let pattern = patterns[value.pattern]
      var signals = value.signals
      if inRecord { signals.insert(.record) }
      if let level = pattern.level(for: signals), level >= minimumConfidence {
        countValue(value.offset..<value.end, category: value.category)
        return
      }
      signals.insert(.document)
      if let level = pattern.level(for: signals), level >= minimumConfidence {
        countDocumentValue(value.offset..<value.end, category: value.category)
      }
    }
  }

  private enum FieldVerdict { case positive, negative, neutral }

  /// What a column's name says about a pattern, worked out once per named column and pattern.
  private func fieldVerdict(pattern index: Int, slot field: FieldSlot, in locator: any FieldLocator) -> FieldVerdict {
    let slot = field.column >= 0 && field.column < Self.flatColumns ? field.column &* patterns.count &+ index : -1
    if slot >= 0, slot < fieldVerdicts.count, let known = fieldVerdicts[slot] { return known }
    // A value without a field name (a spreadsheet's header row) says nothing, and must not
    // decide for the named values below it.
    guard let fieldName = locator.field(for: field).name else { return .neutral }
    let pattern = patterns[index]
    let name = FieldName.normalize(fieldName)
    let verdict: FieldVerdict =
      FieldName.matches(name, anyOf: pattern.negativeFields)
      ? .negative : (FieldName.matches(name, anyOf: pattern.fields) ? .positive : .neutral)
    guard slot >= 0 else { return verdict }
    if slot >= fieldVerdicts.count {
      fieldVerdicts.append(contentsOf: repeatElement(nil, count: slot + 1 - fieldVerdicts.count))
    }
    fieldVerdicts[slot] = verdict
    return verdict
  }

  private func release(_ decision: (verdict: Bool, released: [Draft])) {
    for var draft in decision.released {
      if decision.verdict {
        draft.signals.insert(.column)
        if explain { draft.notes.append("column of valid values") }
      }
      record(draft)
    }
  }

  private func record(_ draft: Draft) {
    var draft = draft
    // Lines are counted only for what is kept: a dense table's hits past the cap are only
    // counted, and locating each of them walked its line again.
    func locateDraft() {
      if draft.line == 0 { (draft.line, draft.column) = locate(draft.range.lowerBound) }
    }
    unowned(unsafe) let pattern = patterns[draft.pattern]
    let level = pattern.level(for: draft.signals)
    let category = categoryIndex[draft.pattern]
    guard let level, level >= minimumConfidence else {
      // Evidence from the rest of the file (an identity document, a record around it) may
      // still raise it: keep a bounded number until the end.
      if pattern.upgradable, pendingByCategory[category] < Self.pendingPerCategory {
        pendingByCategory[category] += 1
        locateDraft()
        var entry = Recorded(draft: draft, category: category, level: level, counted: false)
        // A value counted already covers it; or one counted later will (an uncounted
        // value overlapping it is left to the end of the file, where the two are counted in
        // order, once).
        if mergesOverlaps {
          entry.covered = countedValues.overlaps(draft.range, category: category)
          if !entry.covered { _ = uncountedValues.count(draft.range, category: category, owner: recorded.count) }
        }
        recorded.append(entry)
        return
      }
      guard explain else { return }
      locateDraft()
      let reason =
        level.map { "confidence \($0) is below the minimum \(minimumConfidence)" }
        ?? "no confidence rule for signals [\(draft.signals.names.joined(separator: ","))]"
      rejections.append(
        Rejection(
          patternID: pattern.id, range: draft.range, line: draft.line, masked: pattern.mask.mask(draft.value),
          reason: reason))
      return
    }
    countValue(draft.range, category: category)
    guard keptByCategory[category] < maxHitsPerCategory else { return }
    keptByCategory[category] += 1
    locateDraft()
    recorded.append(Recorded(draft: draft, category: category, level: level, counted: true))
  }

  /// Counts a value of category `category` at `range`, unless a value of its category counted
  /// already covers it (two patterns finding one value report one hit). A value only a
  /// document would have counted (``documentCounts``) that this one covers is counted here.
  func countValue(_ range: Range<Int>, category: Int) {
    guard mergesOverlaps else {
      countsByCategory[category] += 1
      return
    }
    guard countedValues.count(range, category: category) else { return }
    countsByCategory[category] += 1
    if !documentValues.isEmpty, documentValues.remove(overlapping: range, category: category) != nil {
      documentCounts[category] -= 1
    }
    if !uncountedValues.isEmpty, let index = uncountedValues.remove(overlapping: range, category: category),
      index >= 0
    {
      recorded[index].covered = true
    }
  }

  /// Counts in ``documentCounts`` a value only a document would raise, unless it is counted already.
  func countDocumentValue(_ range: Range<Int>, category: Int) {
    guard mergesOverlaps else {
      documentCounts[category] += 1
      return
    }
    guard !countedValues.overlaps(range, category: category), documentValues.count(range, category: category)
    else { return }
    documentCounts[category] += 1
  }

  /// Candidates kept per category while they wait for end-of-file evidence.
  static let pendingPerCategory = 256

  /// Grows an anchor that ended at `end` over its pattern's classes.
  private static func expand(_ pattern: CompiledPattern, end: Int, in text: UnsafeBufferPointer<UInt8>) -> Range<Int> {
    guard let left = pattern.expandLeft, let right = pattern.expandRight else { return (end - pattern.anchorWidth)..<end }
    let anchorStart = end - pattern.anchorWidth
    var lower = anchorStart
    while lower > 0, anchorStart - lower < pattern.expandMaxLeft, left.contains(text[lower - 1]) { lower -= 1 }
    var upper = end
    while upper < text.count, upper - end < pattern.expandMaxRight, right.contains(text[upper]) { upper += 1 }
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
