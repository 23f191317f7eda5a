/// The rest of a labelled line, up to a separator (tab, comma, 、, 。, |) and at most 40
/// characters: an employer, a job title, an occupation.
public struct FreeTextReader: ValueReader {
  public static let name = "free-text"
  public init(definition: PatternDefinition, resources: PatternResources) {}

  public func read(_ text: UnsafeBufferPointer<UInt8>, anchor: Range<Int>, limit: Int) -> Range<Int>? {
    guard let start = LabelSeparator.skip(text, from: anchor.upperBound, limit: limit) else { return nil }
    var position = start
    var end = start
    var scalars = 0
    while position < limit, scalars < 40 {
      let scalar = TextScalar(text, at: position)
      switch scalar.value {
      case 0x0A, 0x0D, 0x09, 0x2C, 0x3001, 0x3002, 0x7C, 0xFF0C: return scalars >= 2 ? start..<end : nil
      default: break
      }
      position += scalar.length
      if !scalar.isSpace { end = position }
      scalars += 1
    }
    return scalars >= 2 && end > start ? start..<end : nil
  }
}
