import CPoppler

/// How a page's text is ordered.
public enum PDFTextOrder: Sendable, Equatable {
  /// poppler's reading order: blocks and columns, as `pdftotext` prints by default. A value
  /// set with wide gaps (digits spaced with ideographic spaces, a number over table cells)
  /// may come out as separate blocks, one per line.
  case reading
  /// Rows rebuilt from each character's box: what stands on one line of the page comes out on
  /// one line, left to right, with a space where there is a gap (like `pdftotext -raw`).
  /// Keeps labels beside their values in forms and tables; interleaves side-by-side columns.
  case rows
}

extension PDFDocument {
  /// The text of page `index` (0-based) in `order`, or nil if the page cannot be loaded.
  public func text(page index: Int, order: PDFTextOrder) -> String? {
    guard order == .rows else { return text(page: index) }
    return withPage(index) { page -> String? in
      guard let raw = api.page_get_text(page) else { return nil }
      defer { g_free(raw) }
      var boxes: UnsafeMutablePointer<PopplerRectangle>?
      var count: guint = 0
      // The boxes follow the text character by character (the same cached text page).
      guard api.page_get_text_layout(page, &boxes, &count) != 0, let boxes else { return String(cString: raw) }
      defer { g_free(boxes) }
      var glyphs: [PageGlyph] = []
      var index = 0
      for scalar in String(cString: raw).unicodeScalars {
        guard index < Int(count) else { break }
        let box = boxes[index]
        index += 1
        if scalar == "\n" || scalar == "\r" { continue }
        glyphs.append(PageGlyph(scalar: scalar, x1: box.x1, y1: box.y1, x2: box.x2, y2: box.y2))
      }
      return PageGlyph.rows(glyphs)
    } ?? nil
  }
}

/// One character on a page with its box (points, y growing downwards).
struct PageGlyph {
  var scalar: Unicode.Scalar
  var x1: Double
  var y1: Double
  var x2: Double
  var y2: Double

  var centre: Double { (y1 + y2) / 2 }
  var height: Double { max(1, y2 - y1) }

  /// Groups glyphs into rows (vertical centres within half a glyph's height), orders each row
  /// left to right, and writes a space for a gap wider than a quarter of the glyph height.
  static func rows(_ glyphs: [PageGlyph]) -> String {
    let sorted = glyphs.sorted { $0.centre < $1.centre }
    var rows: [[PageGlyph]] = []
    var rowCentre = -Double.infinity
    var rowHeight = 0.0
    for glyph in sorted {
      if let last = rows.indices.last, abs(glyph.centre - rowCentre) <= rowHeight / 2 {
        rows[last].append(glyph)
      } else {
        rows.append([glyph])
        rowCentre = glyph.centre
        rowHeight = glyph.height
      }
    }
    var text = String.UnicodeScalarView()
    for row in rows {
      var previous: PageGlyph?
      for glyph in row.sorted(by: { $0.x1 < $1.x1 }) {
        if let previous, glyph.x1 - previous.x2 > glyph.height / 4, !previous.scalar.properties.isWhitespace,
          !glyph.scalar.properties.isWhitespace
        {
          text.append(" ")
        }
        text.append(glyph.scalar)
        previous = glyph
      }
      text.append("\n")
    }
    return String(text)
  }
}
