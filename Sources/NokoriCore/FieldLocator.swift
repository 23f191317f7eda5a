/// The field (CSV column, later XML element or sheet cell) a value sits in.
public struct FieldInfo: Sendable, Equatable {
  /// The header or element name, if the source has one.
  public var name: String?
  /// 0-based column index for tabular sources.
  public var column: Int
  /// Byte range of the field's value (quotes and surrounding spaces excluded), in the
  /// absolute offsets of the decoded text.
  public var valueRange: Range<Int>
  /// How many non-empty values this column had up to and including this one.
  public var nonEmptyOrdinal: Int
  /// The full path to show instead of `name` (an XML element path such as
  /// `/Export/Customer/MyNumber`); `name` stays the hint matched against pattern field lists.
  public var path: String?
  /// Where the value sits inside its source, as a decode-path step (`Sheet1!C12`).
  public var place: String?

  public init(
    name: String?, column: Int, valueRange: Range<Int>, nonEmptyOrdinal: Int, path: String? = nil,
    place: String? = nil
  ) {
    self.name = name
    self.column = column
    self.valueRange = valueRange
    self.nonEmptyOrdinal = nonEmptyOrdinal
    self.path = path
    self.place = place
  }

  /// A name to show: the path, the header, or `column 3` when there is none.
  public var displayName: String { path ?? name ?? "column \(column + 1)" }
}

/// Where a value sits, in numbers only: what the detector needs for every value it looks at.
/// The names (``FieldInfo``) are asked for once per column and for values that are kept: a
/// dense export offers millions of values, and a ``FieldInfo`` per value cost its strings' retains.
public struct FieldSlot: Sendable, Equatable {
  /// The column the detector keeps per-field verdicts by: every value of one column has the same name.
  public var column: Int
  /// Byte range of the value, in the absolute offsets of the decoded text.
  public var valueRange: Range<Int>
  /// How many non-empty values this column had up to and including this one.
  public var nonEmptyOrdinal: Int
  /// The locator's own key and detail (an element path, a row), handed back to ``FieldLocator/field(for:)``.
  public var key: Int
  public var detail: Int

  public init(column: Int, valueRange: Range<Int>, nonEmptyOrdinal: Int, key: Int = 0, detail: Int = 0) {
    self.column = column
    self.valueRange = valueRange
    self.nonEmptyOrdinal = nonEmptyOrdinal
    self.key = key
    self.detail = detail
  }
}

/// Answers "which field is this offset in?" for a structured source being streamed.
public protocol FieldLocator: AnyObject {
  /// The field containing absolute decoded offset `offset`, if that offset is inside one.
  func slot(containing offset: Int) -> FieldSlot?
  /// The names of the field at `slot` (one this locator answered).
  func field(for slot: FieldSlot) -> FieldInfo
  /// Forget fields that end before `offset`; the caller will not ask about them again.
  func discard(before offset: Int)
  /// Calls `body` for every field whose value starts in `range`. Lets detectors read values
  /// out of fields such as a column headed 氏名, where no label stands in the text. Sources
  /// without named fields never call it (the default).
  func forEachSlot(startingIn range: Range<Int>, _ body: (FieldSlot) -> Void)
}

extension FieldLocator {
  public func forEachSlot(startingIn range: Range<Int>, _ body: (FieldSlot) -> Void) {}

  /// The field containing `offset`, with its names.
  public func field(containing offset: Int) -> FieldInfo? { slot(containing: offset).map { field(for: $0) } }
}
