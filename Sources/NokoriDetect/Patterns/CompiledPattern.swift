import NokoriCore

/// A ``PatternDefinition`` prepared for the hot path: byte classes, lowercased keyword
/// bytes, normalised field names and its validator.
///
/// A class, not a struct: the engine looks one up for every candidate, and copying a struct
/// of arrays would retain and release each of them.
public final class CompiledPattern: Sendable {
  public let definition: PatternDefinition
  let before: ByteClass?
  let after: ByteClass?
  let joiners: ByteClass?
  /// The validator, as a closure: calling through an optional existential copies it each time.
  let validate: (@Sendable (String) -> ValidationResult)?
  /// The validator's test on bytes, run before a String is built for the candidate.
  let mayBeValid: (@Sendable (UnsafeBufferPointer<UInt8>) -> Bool)?
  /// The validator's verdict on a candidate's bytes (its strings are built for kept values only).
  let verdict: (@Sendable (UnsafeBufferPointer<UInt8>) -> ValidationVerdict)?
  let keywords: KeywordIndex
  let negatives: KeywordIndex
  let fields: [String]
  let negativeFields: [String]
  let windowBefore: Int
  let windowAfter: Int
  let mask: MaskStyle
  /// The confidence rules with their signals as bit sets, in order.
  let rules: [(signals: SignalSet, level: Confidence)]
  /// For `expand` patterns: the classes to grow over and the anchor's fixed width.
  let expandLeft: ByteClass?
  let expandRight: ByteClass?
  let trimRight: ByteClass?
  let expandMaxLeft: Int
  let expandMaxRight: Int
  let anchorWidth: Int
  /// Bytes of context the compiled expressions consume before the value (0 or 1).
  let leadingContext: Int
  /// Finds the value next to what the expressions match (a label, a prefecture, 様).
  let reader: (any ValueReader)?
  let hasReader: Bool
  /// Whether values are also read out of fields named in ``fields``.
  let readsFields: Bool
  /// For a classifier: how many of its expressions are titles (the rest are anchors).
  let titleCount: Int
  /// An MRZ pattern: its document numbers corroborate passport numbers in the same file.
  let isMRZ: Bool
  /// True when a rule needs evidence only known at the end of a file (`document`,
  /// `record`): candidates below every rule are kept until then.
  let upgradable: Bool
  /// The definition's `expand` and `column_evidence`, read on the hot path without touching
  /// the definition (whose buffers every detector shares).
  let expands: Bool
  let columnEvidence: Bool
  private let resources: PatternResources

  public var id: String { definition.id }
  public var category: Category { definition.category }

  init(_ definition: PatternDefinition, anchorWidth: Int = 0, resources: PatternResources = .empty)
    throws(PatternError)
  {
    self.definition = definition
    self.anchorWidth = anchorWidth
    self.resources = resources
    expands = definition.expand != nil
    columnEvidence = definition.columnEvidence == true
    leadingContext =
      definition.expand == nil && definition.boundary?.before != nil && definition.boundary?.consume == true ? 1 : 0
    before = definition.boundary?.before.map(ByteClass.init)
    after = definition.boundary?.after.map(ByteClass.init)
    joiners = definition.boundary?.joiners.map(ByteClass.init)
    if let name = definition.validator {
      guard let validator = ValidatorRegistry.validator(named: name, resources: resources) else {
        throw PatternError.invalid(id: definition.id, reason: "unknown validator '\(name)'")
      }
      validate = { @Sendable value in validator.validate(value) }
      mayBeValid = { @Sendable bytes in validator.mayBeValid(bytes) }
      // Validators judge bytes as valid UTF-8; anything else goes through the repair that
      // `String(decoding:)` makes, as a kept value's strings do.
      verdict = { @Sendable bytes in
        UTF8Scalars.isValid(bytes)
          ? validator.verdict(for: bytes) : ValidationVerdict(validator.validate(String(decoding: bytes, as: UTF8.self)))
      }
    } else {
      validate = nil
      mayBeValid = nil
      verdict = nil
    }
    keywords = KeywordIndex((definition.context?.keywords ?? []).map { Self.keywordBytes($0) })
    negatives = KeywordIndex((definition.context?.negative ?? []).map { Self.keywordBytes($0) })
    fields = (definition.fields ?? []).map(FieldName.normalize)
    negativeFields = (definition.negativeFields ?? []).map(FieldName.normalize)
    windowBefore = definition.context?.before ?? 40
    windowAfter = definition.context?.after ?? 20
    mask = definition.mask ?? .lastFour
    rules = definition.confidence.map { (SignalSet($0.when), $0.level) }
    expandLeft = definition.expand.map { ByteClass($0.left) }
    expandRight = definition.expand.map { ByteClass($0.right) }
    trimRight = definition.expand?.trimRight.map(ByteClass.init)
    expandMaxLeft = definition.expand?.maxLeft ?? 0
    expandMaxRight = definition.expand?.maxRight ?? 0
    if let name = definition.value {
      guard let reader = ValueReaderRegistry.reader(named: name, definition: definition, resources: resources) else {
        throw PatternError.invalid(id: definition.id, reason: "unknown value reader '\(name)'")
      }
      self.reader = reader
    } else {
      reader = nil
    }
    hasReader = reader != nil
    readsFields = definition.fieldValues == true && reader != nil && !(definition.fields ?? []).isEmpty
    titleCount = definition.classifier?.titles.count ?? 0
    isMRZ = definition.validator == MRZValidator.name
    upgradable = definition.confidence.contains { $0.when.contains(.document) || $0.when.contains(.record) }
    // Hyperscan matches bytes here: in `名?` the `?` would make only the last byte of 名 optional.
    for regex in definition.patterns {
      let scalars = Array(regex.unicodeScalars)
      if zip(scalars, scalars.dropFirst()).contains(where: { !$0.isASCII && "?*+{".unicodeScalars.contains($1) }) {
        throw PatternError.invalid(
          id: definition.id, reason: "a quantifier after a multi-byte character applies to its last byte; write (?:名)?")
      }
    }
    guard !definition.confidence.isEmpty else {
      throw PatternError.invalid(id: definition.id, reason: "no confidence rules")
    }
    if definition.confidence.contains(where: { $0.when.contains(.validated) }), validate == nil {
      throw PatternError.invalid(id: definition.id, reason: "a rule needs 'validated' but there is no validator")
    }
  }

  /// The confidence of a value with `signals`: the first rule they satisfy, or nil.
  @inline(__always)
  func level(for signals: SignalSet) -> Confidence? {
    rules.first(where: { signals.isSuperset(of: $0.signals) })?.level
  }

  /// A copy for one detector, with closures, byte tables and keyword arrays of its own.
  /// Detectors run on several threads at once; sharing one object between them made every
  /// retain of it contend for the same cache line (on dense tables, retains went from 5 %
  /// of the work on one thread to 12 % on two).
  // The engine calls the reader and validator through these methods, once or more per
  // candidate: used inside a method of the pattern they are not copied out of it first (a
  // copy retained the reader's and the closures' contents, a few percent of an export's scan).

  /// The value the reader finds next to `anchor`, or nil (or when the pattern has no reader).
  @inline(never)
  func readValue(_ text: UnsafeBufferPointer<UInt8>, anchor: Range<Int>, limit: Int) -> Range<Int>? {
    reader?.read(text, anchor: anchor, limit: limit)
  }

  /// False only when the validator's byte test rules the value out.
  @inline(never)
  func mayBeValid(bytes: UnsafeBufferPointer<UInt8>) -> Bool { mayBeValid?(bytes) ?? true }

  /// The validator's verdict on the value's bytes; nil when the pattern has no validator.
  @inline(never)
  func verdict(for bytes: UnsafeBufferPointer<UInt8>) -> ValidationVerdict? { verdict?(bytes) }

  func replica() -> CompiledPattern {
    (try? CompiledPattern(definition, anchorWidth: anchorWidth, resources: resources)) ?? self
  }

  /// The expressions Hyperscan compiles for this pattern. With a `before` boundary, each is
  /// preceded by one character outside that class: a match can then only start where a
  /// value can, instead of at every digit of a long digit run (which made Hyperscan's
  /// start-of-match tracking the largest cost on digit-dense tables).
  var expressions: [String] {
    if let classifier = definition.classifier {
      return (classifier.titles + classifier.anchors).map(Self.literal)
    }
    guard leadingContext == 1, let before else { return definition.patterns.flatMap(Self.literalBranches) }
    let excluded = (0..<128).filter { before.contains(UInt8($0)) }
      .map { "\\x" + String($0, radix: 16, uppercase: true).leftPadded(to: 2) }.joined()
    return definition.patterns.map { "[^\(excluded)](?:\($0))" }
  }

  /// `(?:氏名|お名前|Name:)` as one expression per literal: each then has one width, and
  /// Hyperscan finds where it starts without tracking starts (its costliest mode). Any other
  /// expression is returned as it is.
  static func literalBranches(_ regex: String) -> [String] {
    guard regex.hasPrefix("(?:"), regex.hasSuffix(")") else { return [regex] }
    let inner = regex.dropFirst(3).dropLast()
    let special = Set("()[]{}?*+^$\\.")
    guard !inner.isEmpty, !inner.contains(where: { special.contains($0) }) else { return [regex] }
    return inner.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
  }

  /// `text` as an expression matching exactly it (after normalisation, as keywords are).
  static func literal(_ text: String) -> String {
    var out = ""
    for scalar in String(decoding: keywordBytes(text), as: UTF8.self).unicodeScalars {
      let isWord = scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
      out += !scalar.isASCII || isWord ? String(scalar) : "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
    }
    return out
  }

  /// Keywords are matched against normalised text, ASCII case-insensitively.
  static func keywordBytes(_ keyword: String) -> [UInt8] {
    var normalized: [UInt8] = []
    var map = OffsetMap()
    let raw = Array(keyword.utf8)
    raw.withUnsafeBufferPointer { TextNormalizer().normalize($0, into: &normalized, map: &map) }
    return normalized.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
  }
}

/// A pattern file that cannot be used; the message names the file and what is wrong.
public enum PatternError: Error, CustomStringConvertible, Equatable {
  case unreadable(path: String, reason: String)
  case invalid(id: String, reason: String)
  case exampleFailed(id: String, example: String, reason: String)

  public var description: String {
    switch self {
    case .unreadable(let path, let reason): "cannot load pattern \(path): \(reason)"
    case .invalid(let id, let reason): "pattern \(id): \(reason)"
    case .exampleFailed(let id, let example, let reason): "pattern \(id): example \"\(example)\" \(reason)"
    }
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
