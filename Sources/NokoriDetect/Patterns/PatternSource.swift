import Crypto
import Foundation

/// A pattern folder's files as read, with their digest: enough to tell whether stored
/// verdicts still hold before anything is decoded or compiled (a sweep compiles while it
/// loads those verdicts).
public struct PatternSource: Sendable {
  /// One `*.yaml` file: its name, path and bytes.
  struct File: Sendable {
    var name: String
    var path: String
    var data: Data
  }

  let files: [File]
  /// `data/surnames.tsv` as read: parsed when the set is compiled, which a sweep does while
  /// it loads earlier verdicts, not before it knows the digest.
  let resourceBytes: Data?
  /// The resources the bytes hold, parsed anew on each call.
  func parseResources() -> PatternResources { resourceBytes.map(PatternResources.parse) ?? .empty }
  /// SHA-256 over the pattern files (name and content) and the resources.
  public let digest: String

  /// Reads every `*.yaml` file in `directory`, in name order, and the resources beside them.
  public static func read(directory: URL) throws -> PatternSource {
    let urls: [URL]
    do {
      urls = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        .filter { $0.pathExtension == "yaml" }
        .sorted { $0.lastPathComponent < $1.lastPathComponent }
    } catch {
      throw PatternError.unreadable(path: directory.path, reason: "cannot list the folder")
    }
    guard !urls.isEmpty else { throw PatternError.unreadable(path: directory.path, reason: "no *.yaml files") }
    var hasher = SHA256()
    let resourceBytes = try PatternResources.read(directory: directory)
    if let resourceBytes {
      hasher.update(data: Data("data/surnames.tsv".utf8))
      hasher.update(data: resourceBytes)
    }
    var files: [File] = []
    for url in urls {
      let data: Data
      do { data = try Data(contentsOf: url) } catch {
        throw PatternError.unreadable(path: url.path, reason: "cannot read the file")
      }
      hasher.update(data: Data(url.lastPathComponent.utf8))
      hasher.update(data: data)
      files.append(File(name: url.lastPathComponent, path: url.path, data: data))
    }
    return PatternSource(files: files, resourceBytes: resourceBytes, digest: hasher.finalize().hexString)
  }
}
