/// Terminal column widths: East Asian wide characters take two columns.
public enum DisplayWidth {
  public static func of(_ text: String) -> Int {
    // Most cells (confidence, category, masked values, paths) are ASCII: one column a byte.
    var ascii = 0
    for byte in text.utf8 {
      guard byte < 0x80 else { return text.unicodeScalars.reduce(0) { $0 + width($1) } }
      ascii += 1
    }
    return ascii
  }

  static func width(_ scalar: Unicode.Scalar) -> Int {
    switch scalar.value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
      0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6:
      2
    default:
      1
    }
  }

  /// `text` padded with spaces to `width` columns, or cut with `…` when longer.
  public static func pad(_ text: String, to width: Int) -> String {
    let total = of(text)
    if total <= width { return text + String(repeating: " ", count: width - total) }
    var out = ""
    var current = 0
    for character in text {
      let w = character.unicodeScalars.reduce(0) { $0 + Self.width($1) }
      if current + w > width - 1 { break }
      out.append(character)
      current += w
    }
    return out + "…" + String(repeating: " ", count: max(0, width - current - 1))
  }

  /// One table line: each cell padded to its width, the last cell as it is.
  /// Built in one string: a scan prints a line per finding, and a string per cell plus a
  /// join was a visible part of a scan's CPU.
  public static func row(_ cells: [String], widths: [Int]) -> String {
    var line = ""
    line.reserveCapacity(cells.reduce(0) { $0 + $1.utf8.count } + widths.reduce(0, +) + 2 * cells.count)
    for (index, cell) in cells.enumerated() {
      if index > 0 { line += "  " }
      guard index < widths.count else {
        line += cell
        continue
      }
      let total = of(cell)
      if total <= widths[index] {
        line += cell
        for _ in total..<widths[index] { line.append(" ") }
      } else {
        line += pad(cell, to: widths[index])
      }
    }
    return line
  }
}
