import ArgumentParser
import Foundation

/// A sweep's log on stderr: one line per event, `key=value` pairs that journald and grep
/// read well, or one JSON object per line. Only counts, run ids, roots and error texts are
/// logged — never a value found in a file.
final class SweepLog {
  enum Format: String, CaseIterable {
    case text, json
  }

  private let format: Format
  private let output = FileHandle.standardError

  init(format: Format) {
    self.format = format
  }

  func info(_ event: String, _ fields: KeyValuePairs<String, String> = [:]) { write("info", event, fields) }
  func warning(_ event: String, _ fields: KeyValuePairs<String, String> = [:]) { write("warning", event, fields) }
  func error(_ event: String, _ fields: KeyValuePairs<String, String> = [:]) { write("error", event, fields) }

  private func write(_ level: String, _ event: String, _ fields: KeyValuePairs<String, String>) {
    let all = [("level", level), ("event", event)] + fields.map { ($0.key, $0.value) }
    let line: String
    switch format {
    case .text:
      line = all.map { "\($0.0)=\(Self.quoted($0.1))" }.joined(separator: " ")
    case .json:
      var object: [String: String] = [:]
      for (key, value) in all { object[key] = value }
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      line = (try? encoder.encode(object)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
    output.write(Data((line + "\n").utf8))
  }

  /// A value as logfmt wants it: bare when it has no space, quote or `=`, else quoted with escapes.
  static func quoted(_ value: String) -> String {
    if !value.isEmpty, !value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0 == "\\" || $0.isNewline }) {
      return value
    }
    var out = "\""
    for character in value {
      switch character {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      default: out.append(character)
      }
    }
    return out + "\""
  }
}

extension SweepLog.Format: ExpressibleByArgument {}
