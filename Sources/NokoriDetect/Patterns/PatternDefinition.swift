import NokoriCore

/// One detector as written in `Patterns/<id>.yaml`: what to match, how to validate it,
/// which context corroborates or refutes it, and examples that double as tests.
public struct PatternDefinition: Sendable, Codable, Equatable {
  /// Stable identifier; also the file name (`jp.my_number.yaml`).
  public var id: String
  public var category: Category
  public var name: String
  public var summary: String?
  /// Hyperscan-compatible regular expressions over normalised text (full-width folded to
  /// ASCII); any of them makes a candidate. Keep them bounded: a match longer than
  /// ``PatternSet/maximumMatchLength`` is not guaranteed across chunk boundaries.
  public var patterns: [String]
  /// Match letters case-insensitively.
  public var caseless: Bool?
  /// Characters that must not touch the match on either side.
  public var boundary: Boundary?
  /// Grow a fixed-width anchor match over character classes (as bulk_extractor grows an
  /// e-mail address out from its `@`), instead of matching the whole value with a regex.
  public var expand: Expand?
  /// Name of a Swift validator (`my-number`, `luhn`, `jp-phone`, `email`), if the value has a check.
  public var validator: String?
  /// Name of a value reader (`person-name`, `date`, `one-of`, `free-text`, `address`…): the
  /// patterns then match an anchor (a label such as 氏名, a prefecture, an honorific) and the
  /// reader finds the value next to it. See ``ValueReaderRegistry``.
  public var value: String?
  /// For the `one-of` reader: the accepted values (longest first wins).
  public var values: [String]?
  /// Also read a value out of every field (CSV column, XML element) whose name is one of
  /// ``fields``, with no label in the text: a column headed 氏名 holds names.
  public var fieldValues: Bool?
  /// Makes this a document classifier: the file gets this category when enough anchors occur.
  public var classifier: Classifier?
  public var mask: MaskStyle?
  public var context: Context?
  /// Field or column names that corroborate a value found under them (compared loosely).
  public var fields: [String]?
  /// Field or column names under which a match is not this category at all.
  public var negativeFields: [String]?
  /// Whether a column where nearly every value validates counts as corroboration.
  public var columnEvidence: Bool?
  /// Ordered rules; the first whose signals are all present decides the confidence.
  public var confidence: [ConfidenceRule]
  public var examples: Examples

  enum CodingKeys: String, CodingKey {
    case id, category, name, summary, patterns, caseless, boundary, expand, validator, value, values, classifier
    case mask, context, fields
    case fieldValues = "field_values"
    case negativeFields = "negative_fields"
    case columnEvidence = "column_evidence"
    case confidence, examples
  }

  /// Characters that may not stand right before or after a match.
  public struct Boundary: Sendable, Codable, Equatable {
    /// ASCII class such as `0-9A-Za-z` for the character before the match.
    public var before: String?
    /// ASCII class for the character after the match.
    public var after: String?
    /// Separators that, followed by a digit, also count as touching (so the 12 digits
    /// inside `1234 5678 9012 3456` are not read as a number of their own).
    public var joiners: String?
    /// Compile the `before` class into the expressions as one consumed character, so a match
    /// can only start where a value can. Pays off for patterns that start with a digit
    /// (inside a long digit run every position would start one); costs throughput on plain
    /// text, where the leading class defeats Hyperscan's acceleration. Measure per pattern.
    public var consume: Bool?
  }

  /// How a fixed-width anchor grows into the whole value.
  public struct Expand: Sendable, Codable, Equatable {
    /// ASCII class the value may extend over to the left of the anchor.
    public var left: String
    /// ASCII class the value may extend over to the right of the anchor.
    public var right: String
    public var maxLeft: Int
    public var maxRight: Int
    /// Characters dropped from the end after growing (a sentence's full stop).
    public var trimRight: String?

    enum CodingKeys: String, CodingKey {
      case left, right
      case maxLeft = "max_left"
      case maxRight = "max_right"
      case trimRight = "trim_right"
    }
  }

  /// Words printed on one kind of document; a file holding its title and enough of its
  /// field labels is a copy of that document (a 住民票の写し, a licence, a passport page).
  public struct Classifier: Sendable, Codable, Equatable {
    /// The document's names (住民票, 在留カード, PASSPORT…): at least one must occur.
    public var titles: [String]
    /// Labels printed on it (世帯主, 続柄, 在留資格…), counted once each.
    public var anchors: [String]
    /// Distinct anchors (besides a title) for `medium`.
    public var medium: Int
    /// Distinct anchors (besides a title) for `high`.
    public var high: Int
    /// How the OCR'd text of an image or a scanned page is classified: fuzzy, weighted (issue 6).
    public var ocr: OCRClassifier?
  }

  /// Context keywords searched in a character window around the match.
  public struct Context: Sendable, Codable, Equatable {
    /// Characters of context before the match.
    public var before: Int?
    /// Characters of context after the match.
    public var after: Int?
    public var keywords: [String]?
    /// Words that mean the number is something else (注文番号, tracking…). The nearer of
    /// a keyword and a negative word wins.
    public var negative: [String]?
  }

  /// `when` lists signals (`validated`, `keyword`, `field`, `column`, `grouped`, `format`,
  /// `label`, `dictionary`, `checksum`, `document`, `record`).
  public struct ConfidenceRule: Sendable, Codable, Equatable {
    public var when: [Signal]
    public var level: Confidence
  }

  public struct Examples: Sendable, Codable, Equatable {
    public var positive: [PositiveExample]
    public var negative: [NegativeExample]
  }

  /// Text that must produce a finding of this pattern.
  public struct PositiveExample: Sendable, Codable, Equatable {
    public var text: String
    /// The exact substring of `text` the finding must cover (for classifiers: where the
    /// title that decided it stands).
    public var match: String
    public var confidence: Confidence
    /// Field name to pretend the text sat under (as a CSV header or XML element would give).
    public var field: String?
  }

  /// Text that must produce no finding of this pattern at low confidence or above.
  public struct NegativeExample: Sendable, Codable, Equatable {
    public var text: String
    public var field: String?
    public var why: String?
  }
}

/// A piece of evidence the engine can see about a match.
public enum Signal: String, Sendable, Codable, CaseIterable {
  /// The pattern matched (always present).
  case format
  /// The validator accepted the value (check digit, prefix, length).
  case validated
  /// A context keyword stood nearer than any negative word.
  case keyword
  /// The field or column name is one of the pattern's `fields`.
  case field
  /// The column's other values validate too (CSV without a telling header).
  case column
  /// The value is written in its usual grouping (4-4-4, 3-4-4 …), as the validator judged.
  case grouped
  /// The value was read right after one of the pattern's labels (氏名: …, 生年月日 …).
  case label
  /// A name that starts with a surname from the dictionary (Patterns/data/surnames.tsv).
  case dictionary
  /// A check digit that is not official (the driver's licence one) passed.
  case checksum
  /// The file is a copy of an identity document (a classifier in Patterns/ decided it), or
  /// the value is the document number of an MRZ in the same file.
  case document
  /// Several kinds of one person's data stand close together (name, birth date, address,
  /// an ID number…): an identity record.
  case record
}

/// A set of ``Signal``s as bits: the engine tests rules against it for every candidate.
public struct SignalSet: OptionSet, Sendable, Hashable {
  public let rawValue: UInt16
  public init(rawValue: UInt16) { self.rawValue = rawValue }

  public init(_ signals: [Signal]) {
    self.init(rawValue: 0)
    for signal in signals { insert(SignalSet(signal)) }
  }

  public init(_ signal: Signal) {
    let bit = Signal.allCases.firstIndex(of: signal) ?? 0
    self.init(rawValue: 1 << UInt16(bit))
  }

  // Literal bits, in `Signal`'s declaration order (a test checks they agree with
  // `init(_:)`): computed ones were a `swift_once` at every use on the engine's hot path.
  public static let format = SignalSet(rawValue: 1 << 0)
  public static let validated = SignalSet(rawValue: 1 << 1)
  public static let keyword = SignalSet(rawValue: 1 << 2)
  public static let field = SignalSet(rawValue: 1 << 3)
  public static let column = SignalSet(rawValue: 1 << 4)
  public static let grouped = SignalSet(rawValue: 1 << 5)
  public static let label = SignalSet(rawValue: 1 << 6)
  public static let dictionary = SignalSet(rawValue: 1 << 7)
  public static let checksum = SignalSet(rawValue: 1 << 8)
  public static let document = SignalSet(rawValue: 1 << 9)
  public static let record = SignalSet(rawValue: 1 << 10)

  /// The signals in the set, in declaration order.
  public var members: [Signal] { Signal.allCases.filter { contains(SignalSet($0)) } }
  public var names: [String] { members.map(\.rawValue) }
}
