/// One JSON object built by hand, keys sorted, absent values left out — the same shape
/// `JSONEncoder` with `.sortedKeys` gives, without its cost: the evidence bundle writes one
/// object per file, finding and confirmation (600,000 lines for a run of 100,000 flagged
/// files), and `nokori confirm --format jsonl` one per check; `JSONEncoder` was most of the
/// time of both in profiles.
public struct JSONFields {
  public init() {}

  private var fields: [(key: String, json: String)] = []

  public mutating func add(_ key: String, _ value: String?) {
    if let value { fields.append((key, Self.quote(value))) }
  }

  public mutating func add(_ key: String, _ value: Int64?) {
    if let value { fields.append((key, String(value))) }
  }

  public mutating func add(_ key: String, _ value: Int?) {
    if let value { fields.append((key, String(value))) }
  }

  public mutating func add(_ key: String, _ value: Bool?) {
    if let value { fields.append((key, value ? "true" : "false")) }
  }

  /// A finite number as JSON (Swift's shortest round-trip form); a non-finite one is left out.
  public mutating func add(_ key: String, _ value: Double?) {
    if let value, value.isFinite { fields.append((key, "\(value)")) }
  }

  public mutating func add(_ key: String, _ values: [String]) {
    fields.append((key, "[" + values.map(Self.quote).joined(separator: ",") + "]"))
  }

  public mutating func add(_ key: String, object: JSONFields) {
    fields.append((key, object.text))
  }

  /// The object's text. Keys are this module's callers' own identifiers (ASCII, nothing to
  /// escape), so they are written as they are; one string is grown, no intermediate arrays.
  public var text: String {
    let ordered = fields.sorted { $0.key < $1.key }
    var out = "{"
    out.reserveCapacity(ordered.reduce(2) { $0 + $1.key.utf8.count + $1.json.utf8.count + 4 })
    for (index, field) in ordered.enumerated() {
      if index > 0 { out += "," }
      out += "\""
      out += field.key
      out += "\":"
      out += field.json
    }
    out += "}"
    return out
  }

  /// A JSON string literal: quotes, backslashes and control characters escaped, the rest
  /// (Japanese included, and `/`) as it is.
  public static func quote(_ text: String) -> String {
    // Nearly every path, hash and masked value needs no escape: copy those whole.
    if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) { return "\"" + text + "\"" }
    var out = "\""
    out.reserveCapacity(text.utf8.count + 2)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
