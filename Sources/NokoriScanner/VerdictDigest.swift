import Crypto
import Foundation
import NokoriCore
import NokoriDetect

/// What a file's stored verdict depends on besides its content: the pattern set, the
/// fingerprint key, the tool version and the options that change outcomes or findings. A
/// sweep carries a verdict over only from runs with the same digest.
public enum VerdictDigest {
  public static func compute(
    patternDigest: String, keyID: String, toolVersion: String, config: SweepConfig, maxFindingsPerCategory: Int
  ) -> String {
    let parts = [
      "patterns=\(patternDigest)", "key=\(keyID)", "version=\(toolVersion)",
      "min_confidence=\(config.minConfidence.rawValue)", "max_file_size=\(config.maxFileSize.map(String.init) ?? "")",
      "ocr=\(config.ocr.rawValue)", "max_findings=\(maxFindingsPerCategory)",
    ]
    return SHA256.hash(data: Data(parts.joined(separator: "\n").utf8)).map { String(format: "%02x", $0) }.joined()
  }
}
