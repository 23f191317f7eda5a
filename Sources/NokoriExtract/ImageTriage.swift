import OCR

/// The cheap first look that decides whether an image is worth OCR: its size and outline,
/// then whether its dark (or light) shapes look like lines of characters — connected
/// components of glyph size standing side by side at one height. A photograph has texture
/// and blobs, not rows of glyphs. Costs a threshold and a component count on a downscaled
/// copy (milliseconds), against a second or more of recognition.
public enum ImageTriage {
  /// Why an image is not worth OCR, or nil when it is.
  public static func skipReason(width: Int, height: Int) -> String? {
    if min(width, height) < minimumSide {
      return "too small to hold legible text (\(width)x\(height) pixels)"
    }
    let ratio = Double(max(width, height)) / Double(max(1, min(width, height)))
    if ratio > maximumAspect { return "a banner or strip (aspect ratio \(Int(ratio.rounded())):1), not a document" }
    return nil
  }

  /// Why `image` (decoded) is not worth OCR, or nil when it looks like it holds text.
  public static func skipReason(_ image: LeptonicaImage) -> String? {
    if let reason = skipReason(width: image.width, height: image.height) { return reason }
    let lines = textLikeness(image)
    return lines >= minimumGlyphsInRows ? nil : "no rows of characters found (looks like a photo or drawing)"
  }

  /// Components that stand in a row with a neighbour of like height: about the number of
  /// characters in lines of text (dark on light or light on dark, whichever has more).
  public static func textLikeness(_ image: LeptonicaImage) -> Int {
    guard let gray = image.grayscale() else { return 0 }
    let scale = min(1, Double(analysisSide) / Double(max(gray.width, gray.height)))
    guard let small = scale < 1 ? gray.scaled(by: scale) : gray else { return 0 }
    let dark = small.components(inverted: false, limit: maximumComponents).map { glyphsInRows($0, height: small.height) } ?? 0
    let light = small.components(inverted: true, limit: maximumComponents).map { glyphsInRows($0, height: small.height) } ?? 0
    return max(dark, light)
  }

  /// Counts glyph-sized boxes with a like neighbour close to their right on the same line.
  static func glyphsInRows(_ boxes: [PixelBox], height: Int) -> Int {
    let glyphs = boxes.filter { box in
      box.height >= minimumGlyphHeight && box.height <= max(minimumGlyphHeight, height / 6)
        && box.width <= box.height * 3 && box.width >= 1
    }.sorted { $0.x < $1.x }
    var inRows = 0
    for (index, box) in glyphs.enumerated() {
      let reach = box.x + box.width + box.height * 3 / 2
      var next = index + 1
      while next < glyphs.count, glyphs[next].x <= reach {
        let other = glyphs[next]
        let centre = box.y * 2 + box.height
        let otherCentre = other.y * 2 + other.height
        if abs(centre - otherCentre) <= box.height, other.height * 2 >= box.height, other.height <= box.height * 2 {
          inRows += 1
          break
        }
        next += 1
      }
    }
    return inRows
  }

  /// Images smaller than this on their short side hold no legible document (icons, thumbnails).
  static let minimumSide = 120
  /// Longer-than-wide beyond this is a banner, a rule or a strip.
  static let maximumAspect = 6.0
  /// The long side of the copy the look is taken on.
  static let analysisSide = 1200
  /// Glyphs in rows for an image to count as holding text (a card's few lines give 40+).
  static let minimumGlyphsInRows = 25
  /// Smaller components are specks.
  static let minimumGlyphHeight = 6
  /// More components than this is texture or noise, not text.
  static let maximumComponents = 60_000
}
