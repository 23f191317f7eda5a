/// Where in a file a finding sits. Every field is optional because formats differ:
/// text has lines, CSV has fields, PDFs have pages, archives have members.
public struct Location: Hashable, Sendable, Codable {
  /// 1-based line in the decoded text.
  public var line: Int?
  /// 1-based column, counted in Unicode scalars of the decoded line.
  public var column: Int?
  /// Byte offset of the value in the decoded UTF-8 text of its segment.
  public var offset: Int?
  /// Field or column name (CSV header, XML element) the value sat in.
  public var field: String?
  /// Decode path inside a container, e.g. `customers.zip!2024/list.csv`.
  public var member: String?
  /// 1-based page of a paged document.
  public var page: Int?
  /// True when the text came from OCR.
  public var ocr: Bool?

  public init(
    line: Int? = nil, column: Int? = nil, offset: Int? = nil, field: String? = nil,
    member: String? = nil, page: Int? = nil, ocr: Bool? = nil
  ) {
    self.line = line
    self.column = column
    self.offset = offset
    self.field = field
    self.member = member
    self.page = page
    self.ocr = ocr
  }

  /// A short human form such as `line 12:5 [個人番号]`.
  public var summary: String {
    var parts: [String] = []
    if let member { parts.append(member) }
    if let page { parts.append("page \(page)") }
    if let line { parts.append(column.map { "line \(line):\($0)" } ?? "line \(line)") }
    if let field { parts.append("[\(field)]") }
    if ocr == true { parts.append("(ocr)") }
    return parts.joined(separator: " ")
  }
}
