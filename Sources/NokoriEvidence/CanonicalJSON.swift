import Foundation

/// The bundle's JSON documents (run.json, summary.json): keys sorted, slashes unescaped, so
/// that the same data is always the same bytes.
enum CanonicalJSON {
  static func document<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
    return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
  }
}
