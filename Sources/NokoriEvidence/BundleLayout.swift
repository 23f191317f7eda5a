import Foundation

/// The members of an evidence bundle, in the fixed order they are written: the same run
/// exported twice gives the same members, in the same order, with the same hashes.
public enum BundleLayout {
  public static let run = "run.json"
  public static let files = "files.jsonl"
  public static let findings = "findings.jsonl"
  public static let confirmations = "confirmations.jsonl"
  /// Every acceptance in the store (`nokori accept`): who accepted what, when and why.
  public static let acceptances = "acceptances.jsonl"
  public static let summary = "summary.json"
  public static let report = "report.html"
  public static let publicKey = "signing-key.pub"
  public static let manifest = "MANIFEST"
  public static let signature = "MANIFEST.sig"

  /// Members listed in MANIFEST, in order.
  public static let manifested = [run, files, findings, confirmations, acceptances, summary, report, publicKey]
  /// Every member, in the order written to the zip.
  public static let all = manifested + [manifest, signature]

  /// The format of this bundle, recorded in run.json.
  public static let formatVersion = "nokori-evidence/1"

  /// MANIFEST's text: one `sha256  path` line per member (as `sha256sum` prints), in order.
  public static func manifestText(_ hashes: [(name: String, sha256: String)]) -> String {
    hashes.map { "\($0.sha256)  \($0.name)\n" }.joined()
  }

  /// Parses MANIFEST: name → hash, with the lines that are not `sha256  path`.
  public static func parseManifest(_ text: String) -> (entries: [(name: String, sha256: String)], malformed: [String]) {
    var entries: [(String, String)] = []
    var malformed: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
      let parts = line.split(separator: " ", maxSplits: 1)
      guard parts.count == 2, parts[0].count == 64, parts[0].allSatisfy(\.isHexDigit), parts[1].hasPrefix(" ") else {
        malformed.append(String(line))
        continue
      }
      entries.append((String(parts[1].dropFirst()), String(parts[0]).lowercased()))
    }
    return (entries, malformed)
  }
}
