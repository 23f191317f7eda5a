import Foundation
import NokoriCore
import NokoriExtract
import NokoriReports
import Yams

/// Reads a sweep's YAML config. Every problem names the file, the line and the key: an
/// unattended job's config is usually edited by someone who will only see the cron mail.
public enum SweepConfigParser {
  static let topKeys = [
    "roots", "store", "excludes", "max_file_size", "ocr", "min_confidence", "jobs", "key_file", "signing_key",
    "patterns", "allowed", "on_finish", "smb_credentials", "smb_copy_limit",
  ]
  static let rootKeys = ["path", "jobs"]
  static let finishKeys = ["new_findings", "format", "summary"]

  /// Reads and parses the config at `path`.
  public static func load(path: String) throws(SweepConfigError) -> SweepConfig {
    let text: String
    do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
      throw SweepConfigError(file: path, line: nil, key: nil, message: "cannot read the config: \(Self.reason(error))")
    }
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    return try parse(text, file: path, baseDirectory: folder)
  }

  /// Parses config `text`; `file` names it in errors, `baseDirectory` anchors relative paths.
  public static func parse(_ text: String, file: String, baseDirectory: String) throws(SweepConfigError)
    -> SweepConfig
  {
    let reader = NodeReader(file: file, baseDirectory: baseDirectory)
    let root: Node?
    do { root = try Yams.compose(yaml: text) } catch {
      throw reader.syntaxError(error)
    }
    guard let root, let mapping = root.mapping else {
      throw SweepConfigError(
        file: file, line: root?.mark?.line, key: nil, message: "expected a mapping with at least `roots:` and `store:`")
    }
    var values: [String: (key: Node, value: Node)] = [:]
    for (key, value) in mapping {
      guard let name = key.string, topKeys.contains(name) else {
        throw reader.error(key, key: key.string ?? "?", "unknown key; known keys: \(topKeys.joined(separator: ", "))")
      }
      values[name] = (key, value)
    }
    guard let rootsNode = values["roots"] else {
      throw SweepConfigError(file: file, line: root.mark?.line, key: "roots", message: "missing: list the folders or smb:// shares to sweep")
    }
    guard let storeNode = values["store"] else {
      throw SweepConfigError(file: file, line: root.mark?.line, key: "store", message: "missing: the SQLite store's path")
    }
    var config = SweepConfig(
      roots: try reader.roots(rootsNode.value), store: try reader.path(storeNode.value, key: "store"))
    if let node = values["excludes"]?.value { config.excludes = try reader.strings(node, key: "excludes") }
    if let node = values["allowed"]?.value {
      config.allowed = try reader.strings(node, key: "allowed").map(reader.absolute)
    }
    if let node = values["max_file_size"]?.value {
      let text = try reader.string(node, key: "max_file_size")
      guard let size = ByteCount.parse(text) else {
        throw reader.error(node, key: "max_file_size", "'\(text)' is not a size (e.g. 500M, 2G)")
      }
      config.maxFileSize = size
    }
    if let node = values["ocr"]?.value { config.ocr = try reader.choice(node, key: "ocr") }
    if let node = values["min_confidence"]?.value { config.minConfidence = try reader.choice(node, key: "min_confidence") }
    if let node = values["jobs"]?.value { config.jobs = try reader.width(node, key: "jobs") }
    if let node = values["key_file"]?.value { config.keyFile = try reader.path(node, key: "key_file") }
    if let node = values["signing_key"]?.value { config.signingKey = try reader.path(node, key: "signing_key") }
    if let node = values["patterns"]?.value { config.patterns = try reader.path(node, key: "patterns") }
    if let node = values["smb_credentials"]?.value {
      config.smbCredentials = try reader.path(node, key: "smb_credentials")
    }
    if let node = values["smb_copy_limit"]?.value {
      let text = try reader.string(node, key: "smb_copy_limit")
      guard let size = ByteCount.parse(text) else {
        throw reader.error(node, key: "smb_copy_limit", "'\(text)' is not a size (e.g. 512M, 2G)")
      }
      config.smbCopyLimit = size
    }
    if let node = values["on_finish"]?.value { try reader.finish(node, into: &config) }
    return config
  }

  static func reason(_ error: any Error) -> String {
    (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
  }
}

/// Turns YAML nodes into typed values, throwing located errors.
private struct NodeReader {
  let file: String
  let baseDirectory: String

  func error(_ node: Node, key: String, _ message: String) -> SweepConfigError {
    SweepConfigError(file: file, line: node.mark?.line, key: key, message: message)
  }

  func syntaxError(_ error: any Error) -> SweepConfigError {
    guard let yaml = error as? YamlError else {
      return SweepConfigError(file: file, line: nil, key: nil, message: "not YAML: \(error)")
    }
    switch yaml {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let around = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
      return SweepConfigError(file: file, line: mark.line, key: nil, message: "not valid YAML: \(problem)\(around)")
    case .duplicatedKeysInMapping(let duplicates, let context):
      return SweepConfigError(
        file: file, line: context.mark.line, key: duplicates.joined(separator: ","), message: "given more than once")
    default:
      return SweepConfigError(file: file, line: nil, key: nil, message: "not valid YAML: \(yaml)")
    }
  }

  func string(_ node: Node, key: String) throws(SweepConfigError) -> String {
    guard let scalar = node.scalar, !scalar.string.isEmpty else {
      throw error(node, key: key, "expected a single value")
    }
    return scalar.string
  }

  func absolute(_ path: String) -> String {
    path.hasPrefix("/") ? path : URL(fileURLWithPath: baseDirectory).appendingPathComponent(path).standardizedFileURL.path
  }

  func path(_ node: Node, key: String) throws(SweepConfigError) -> String {
    absolute(try string(node, key: key))
  }

  func strings(_ node: Node, key: String) throws(SweepConfigError) -> [String] {
    guard let sequence = node.sequence else { throw error(node, key: key, "expected a list") }
    var result: [String] = []
    for (index, item) in sequence.enumerated() { result.append(try string(item, key: "\(key)[\(index + 1)]")) }
    return result
  }

  func choice<T: RawRepresentable & CaseIterable>(_ node: Node, key: String) throws(SweepConfigError) -> T
  where T.RawValue == String {
    let text = try string(node, key: key)
    guard let value = T(rawValue: text) else {
      throw error(node, key: key, "'\(text)' is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return value
  }

  func width(_ node: Node, key: String) throws(SweepConfigError) -> Int {
    let text = try string(node, key: key)
    guard let value = Int(text), (1...1024).contains(value) else {
      throw error(node, key: key, "'\(text)' is not a number of files from 1 to 1024")
    }
    return value
  }

  func flag(_ node: Node, key: String) throws(SweepConfigError) -> Bool {
    let text = try string(node, key: key)
    switch text.lowercased() {
    case "true", "yes", "on": return true
    case "false", "no", "off": return false
    default: throw error(node, key: key, "'\(text)' is not true or false")
    }
  }

  func location(_ text: String) -> String {
    text.lowercased().hasPrefix("smb://") ? text : absolute(text)
  }

  func roots(_ node: Node) throws(SweepConfigError) -> [SweepConfig.Root] {
    guard let sequence = node.sequence, !sequence.isEmpty else {
      throw error(node, key: "roots", "expected a list of folders or smb:// shares")
    }
    var roots: [SweepConfig.Root] = []
    for (index, item) in sequence.enumerated() {
      let key = "roots[\(index + 1)]"
      if item.scalar != nil {
        roots.append(SweepConfig.Root(location: location(try string(item, key: key))))
        continue
      }
      guard let mapping = item.mapping else { throw error(item, key: key, "expected a path or `path:` and `jobs:`") }
      var path: String?
      var jobs: Int?
      for (name, value) in mapping {
        switch name.string {
        case "path": path = location(try string(value, key: "\(key).path"))
        case "jobs": jobs = try width(value, key: "\(key).jobs")
        default:
          throw error(
            name, key: "\(key).\(name.string ?? "?")",
            "unknown key; known keys: \(SweepConfigParser.rootKeys.joined(separator: ", "))")
        }
      }
      guard let path else { throw error(item, key: "\(key).path", "missing") }
      roots.append(SweepConfig.Root(location: path, jobs: jobs))
    }
    return roots
  }

  func finish(_ node: Node, into config: inout SweepConfig) throws(SweepConfigError) {
    guard let mapping = node.mapping else {
      throw error(node, key: "on_finish", "expected `new_findings:`, `format:` and/or `summary:`")
    }
    var format: SweepConfig.NewFindingsFormat?
    for (name, value) in mapping {
      switch name.string {
      case "new_findings": config.newFindingsPath = try path(value, key: "on_finish.new_findings")
      case "format": format = try choice(value, key: "on_finish.format")
      case "summary": config.summary = try flag(value, key: "on_finish.summary")
      default:
        throw error(
          name, key: "on_finish.\(name.string ?? "?")",
          "unknown key; known keys: \(SweepConfigParser.finishKeys.joined(separator: ", "))")
      }
    }
    config.newFindingsFormat = format ?? (config.newFindingsPath?.lowercased().hasSuffix(".csv") == true ? .csv : .jsonl)
  }
}
