/// What an Office Open XML package (a zip) is, told from its member names, and which of its
/// parts hold text.
public enum OfficePackage: String, Sendable {
  case xlsx
  case docx
  case pptx

  /// The kind of package whose member paths are `paths`, or nil for a plain zip.
  public static func kind(of paths: [String]) -> OfficePackage? {
    let names = Set(paths)
    guard names.contains("[Content_Types].xml") else { return nil }
    if names.contains("xl/workbook.xml") { return .xlsx }
    if names.contains("word/document.xml") { return .docx }
    if names.contains("ppt/presentation.xml") { return .pptx }
    return nil
  }

  /// True when the docx or pptx part at `path` holds document text (not styles or themes).
  public func isTextPart(_ path: String) -> Bool {
    guard path.hasSuffix(".xml") else { return false }
    switch self {
    case .docx:
      let name = path.dropFirst("word/".count)
      guard path.hasPrefix("word/"), !name.contains("/") else { return false }
      return ["document", "header", "footer", "footnotes", "endnotes", "comments"].contains { name.hasPrefix($0) }
    case .pptx:
      return path.hasPrefix("ppt/slides/slide") || path.hasPrefix("ppt/notesSlides/notesSlide")
    case .xlsx:
      return path.hasPrefix("xl/worksheets/sheet")
    }
  }
}

/// The sheet names of a workbook (`xl/workbook.xml`) and the parts they live in
/// (`xl/_rels/workbook.xml.rels`), read with two small handlers.
public final class XLSXWorkbook {
  /// Sheet name by relationship id, from workbook.xml.
  public private(set) var sheetNamesByRelationship: [String: String] = [:]
  /// Part path (`xl/worksheets/sheet1.xml`) by relationship id, from the rels part.
  public private(set) var targetsByRelationship: [String: String] = [:]

  public init() {}

  /// The sheet name for the worksheet part at `path`, or the part's file name.
  public func sheetName(forPart path: String) -> String {
    for (id, target) in targetsByRelationship where target == path {
      if let name = sheetNamesByRelationship[id] { return name }
    }
    let file = path.split(separator: "/").last.map(String.init) ?? path
    return file.hasSuffix(".xml") ? String(file.dropLast(4)) : file
  }

  /// A handler for `xl/workbook.xml`.
  public func workbookHandler() -> AttributeCollector {
    AttributeCollector(element: "sheet") { attributes in
      if let name = attributes["name"], let id = attributes["id"] { self.sheetNamesByRelationship[id] = name }
    }
  }

  /// A handler for `xl/_rels/workbook.xml.rels`.
  public func relationshipsHandler() -> AttributeCollector {
    AttributeCollector(element: "Relationship") { attributes in
      guard let id = attributes["Id"], let target = attributes["Target"] else { return }
      // Targets are relative to xl/ unless absolute ("/xl/worksheets/sheet1.xml").
      self.targetsByRelationship[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
    }
  }
}
