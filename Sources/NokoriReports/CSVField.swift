/// RFC 4180 quoting for one CSV field.
enum CSVField {
  static func quote(_ value: String) -> String {
    guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  static func row(_ values: [String]) -> String {
    values.map(quote).joined(separator: ",")
  }
}
