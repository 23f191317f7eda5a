import Foundation

/// Field and column names compared loosely: `My_Number`, `mynumber`, `ＭｙＮｕｍｂｅｒ` and
/// `my number` are the same field.
public enum FieldName {
  private static let dropped: Set<Character> = [" ", "_", "-", ".", "・", ":", "(", ")", "#", "/", "\t", "\""]

  /// The comparable form of `name`: compatibility-normalised, lowercased, separators removed.
  public static func normalize(_ name: String) -> String {
    String(name.precomposedStringWithCompatibilityMapping.lowercased().filter { !dropped.contains($0) })
  }

  /// True when the normalised `name` contains any of the normalised `tokens`.
  public static func matches(_ normalizedName: String, anyOf tokens: [String]) -> Bool {
    // Byte search: Foundation's String.contains(String) goes through NSString and is slow.
    let name = Array(normalizedName.utf8)
    return !name.isEmpty && tokens.contains { !$0.isEmpty && name.firstRange(of: Array($0.utf8)) != nil }
  }
}
