import CLeptonica

#if canImport(Glibc)
  import Glibc
#endif

/// An image file's kind, as Leptonica reads it from the bytes.
public enum ImageFileFormat: String, Sendable, Equatable {
  case png, jpeg, tiff, bmp, gif, webp, pnm, jp2, other
}

/// What an image file's header declares, read without decoding the pixels.
public struct ImageHeader: Sendable, Equatable {
  public var format: ImageFileFormat
  public var width: Int
  public var height: Int
  public var bitsPerSample: Int
  public var samplesPerPixel: Int
  public var pixels: Int { width * height }
}

/// A rectangle in image pixels.
public struct PixelBox: Sendable, Equatable {
  public var x: Int
  public var y: Int
  public var width: Int
  public var height: Int
}

/// Why an image could not be read.
public enum ImageReadError: Error, Equatable {
  /// Leptonica could not decode it (truncated, corrupt, or a variant it does not know).
  case undecodable
  /// The header could not be read at all.
  case noHeader
}

/// A decoded image (a Leptonica PIX), owned: freed when this object goes. One thread uses it at a time.
public final class LeptonicaImage {
  let pix: UnsafeMutablePointer<PIX>

  init(owning pix: UnsafeMutablePointer<PIX>) { self.pix = pix }

  deinit {
    var owned: UnsafeMutablePointer<PIX>? = pix
    pixDestroy(&owned)
  }

  public var width: Int { Int(pixGetWidth(pix)) }
  public var height: Int { Int(pixGetHeight(pix)) }

  /// Leptonica prints its complaints about damaged files to stderr: noise on a sweep's terminal.
  public static func silenceMessages() { _ = setMsgSeverity(Int32(L_SEVERITY_NONE)) }

  /// Reads the header of the image at `path` only: format, size, depth.
  public static func header(path: String) -> ImageHeader? {
    var format: Int32 = 0
    var width: Int32 = 0
    var height: Int32 = 0
    var bits: Int32 = 0
    var samples: Int32 = 0
    guard pixReadHeader(path, &format, &width, &height, &bits, &samples, nil) == 0 else { return nil }
    return ImageHeader(
      format: Self.format(format), width: Int(width), height: Int(height), bitsPerSample: Int(bits),
      samplesPerPixel: Int(samples))
  }

  /// Images in a TIFF file (1 for other formats); nil when the file cannot be read.
  public static func tiffPageCount(path: String) -> Int? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var count: Int32 = 0
    guard tiffGetCount(file, &count) == 0 else { return nil }
    return Int(count)
  }

  /// Decodes the (first) image of the file at `path`.
  public static func read(path: String) throws(ImageReadError) -> LeptonicaImage {
    guard let pix = pixRead(path) else { throw .undecodable }
    return LeptonicaImage(owning: pix)
  }

  /// One page of a TIFF, as met by ``forEachTIFFPage(path:maxPages:maxPixels:_:)``.
  public enum TIFFPage {
    case image(LeptonicaImage)
    /// Its header declares more pixels than allowed: not decoded.
    case tooLarge(width: Int, height: Int)
    case undecodable
  }

  /// Decodes the pages of a TIFF one at a time, at most `maxPages`, handing each to `body`
  /// (1-based page number). Each page's header is checked against `maxPixels` before it is
  /// decoded (page 2 of a fax may declare 30000 x 30000). Stops when `body` says false.
  /// - Returns: pages met.
  @discardableResult
  public static func forEachTIFFPage(
    path: String, maxPages: Int, maxPixels: Int, _ body: (Int, TIFFPage) throws -> Bool
  ) rethrows -> Int {
    var offset = 0
    var page = 0
    while page < maxPages {
      page += 1
      var width: Int32 = 0
      var height: Int32 = 0
      guard readHeaderTiff(path, Int32(page - 1), &width, &height, nil, nil, nil, nil, nil) == 0 else {
        _ = try body(page, .undecodable)
        break
      }
      if Int(width) * Int(height) > maxPixels || width <= 0 || height <= 0 {
        _ = try body(page, .tooLarge(width: Int(width), height: Int(height)))
        break
      }
      let pix = pixReadFromMultipageTiff(path, &offset)
      guard try body(page, pix.map { .image(LeptonicaImage(owning: $0)) } ?? .undecodable) else { break }
      // Leptonica sets the offset to 0 after the last image.
      if offset == 0 || pix == nil { break }
    }
    return page
  }

  /// An 8-bit gray image from rows of `width` bytes (a rendered PDF page).
  public convenience init?(gray pixels: [UInt8], width: Int, height: Int) {
    guard width > 0, height > 0, pixels.count >= width * height,
      let pix = pixCreate(Int32(width), Int32(height), 8)
    else { return nil }
    let wordsPerLine = Int(pixGetWpl(pix))
    guard let data = pixGetData(pix) else {
      var owned: UnsafeMutablePointer<PIX>? = pix
      pixDestroy(&owned)
      return nil
    }
    // Leptonica keeps 8-bit pixels in 32-bit words, most significant byte first.
    pixels.withUnsafeBufferPointer { source in
      for row in 0..<height {
        let line = data + row * wordsPerLine
        for column in 0..<width {
          let shift = UInt32(24 - 8 * (column & 3))
          line[column >> 2] |= UInt32(source[row * width + column]) << shift
        }
      }
    }
    self.init(owning: pix)
  }

  /// The image as 8-bit gray (colour maps and colour removed).
  public func grayscale() -> LeptonicaImage? {
    if pixGetDepth(pix) == 8, pixGetColormap(pix) == nil { return pixClone(pix).map(LeptonicaImage.init(owning:)) }
    let source: UnsafeMutablePointer<PIX>? =
      pixGetColormap(pix) != nil ? pixRemoveColormap(pix, Int32(REMOVE_CMAP_BASED_ON_SRC)) : pixClone(pix)
    guard let source else { return nil }
    defer {
      var owned: UnsafeMutablePointer<PIX>? = source
      pixDestroy(&owned)
    }
    if pixGetDepth(source) == 32, let gray = pixConvertRGBToLuminance(source) { return LeptonicaImage(owning: gray) }
    return pixConvertTo8(source, 0).map(LeptonicaImage.init(owning:))
  }

  /// Scaled by `factor` (below 1 shrinks, smoothing as it goes).
  public func scaled(by factor: Double) -> LeptonicaImage? {
    pixScale(pix, Float(factor), Float(factor)).map(LeptonicaImage.init(owning:))
  }

  /// Turned clockwise by `quarterTurns` right angles.
  public func rotated(quarterTurns: Int) -> LeptonicaImage? {
    pixRotateOrth(pix, Int32(((quarterTurns % 4) + 4) % 4)).map(LeptonicaImage.init(owning:))
  }

  /// Straightened when Leptonica finds a small skew it is confident of; nil when it finds none.
  public func deskewed() -> (image: LeptonicaImage, degrees: Double)? {
    var angle: Float = 0
    var confidence: Float = 0
    guard let straight = pixFindSkewAndDeskew(pix, 2, &angle, &confidence) else { return nil }
    let image = LeptonicaImage(owning: straight)
    guard abs(angle) >= 0.2, confidence > 0 else { return nil }
    return (image, Double(angle))
  }

  /// The connected components of the dark parts (`inverted`: of the light parts) after a
  /// global Otsu threshold of this gray image: the raw material of a text-likeness measure.
  /// Nil when there are more than `limit` (texture or noise, never text).
  public func components(inverted: Bool, limit: Int) -> [PixelBox]? {
    guard pixGetDepth(pix) == 8 else { return nil }
    var binary: UnsafeMutablePointer<PIX>?
    // One tile as large as the image: a global Otsu threshold.
    guard pixOtsuAdaptiveThreshold(pix, Int32(max(16, width)), Int32(max(16, height)), 0, 0, 0, nil, &binary) == 0,
      let binary
    else { return nil }
    defer {
      var owned: UnsafeMutablePointer<PIX>? = binary
      pixDestroy(&owned)
    }
    if inverted { pixInvert(binary, binary) }
    guard let boxes = pixConnComp(binary, nil, 8) else { return nil }
    defer {
      var owned: UnsafeMutablePointer<BOXA>? = boxes
      boxaDestroy(&owned)
    }
    let count = Int(boxaGetCount(boxes))
    guard count <= limit else { return nil }
    var result: [PixelBox] = []
    result.reserveCapacity(count)
    for index in 0..<count {
      var x: Int32 = 0
      var y: Int32 = 0
      var w: Int32 = 0
      var h: Int32 = 0
      guard boxaGetBoxGeometry(boxes, Int32(index), &x, &y, &w, &h) == 0 else { continue }
      result.append(PixelBox(x: Int(x), y: Int(y), width: Int(w), height: Int(h)))
    }
    return result
  }

  static func format(_ code: Int32) -> ImageFileFormat {
    if nokori_format_is_tiff(code) != 0 { return .tiff }
    switch Int(code) {
    case IFF_PNG: return .png
    case IFF_JFIF_JPEG: return .jpeg
    case IFF_BMP: return .bmp
    case IFF_GIF: return .gif
    case IFF_WEBP: return .webp
    case IFF_PNM: return .pnm
    case IFF_JP2: return .jp2
    default: return .other
    }
  }
}
