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

/// Answers "which field is this offset in?" for a structured source being streamed.
public protocol FieldLocator: AnyObject {
  /// The field containing absolute decoded offset `offset`, if that offset is inside one.
  func field(containing offset: Int) -> FieldInfo?
  /// Forget fields that end before `offset`; the caller will not ask about them again.
  func discard(before offset: Int)
  /// Calls `body` for every field whose value starts in `range` and whose name `wanted`
  /// accepts. Lets detectors read values out of fields such as a column headed 氏名, where
  /// no label stands in the text. Sources without named fields never call it (the default).
  func forEachField(startingIn range: Range<Int>, wanted: (String) -> Bool, _ body: (FieldInfo) -> Void)
}

extension FieldLocator {
  public func forEachField(startingIn range: Range<Int>, wanted: (String) -> Bool, _ body: (FieldInfo) -> Void) {}
}

