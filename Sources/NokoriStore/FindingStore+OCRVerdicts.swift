import Foundation
import GRDB
import NokoriCore

extension FindingStore {
  /// Image verdicts kept from earlier runs for the fingerprint key `keyID`, by cache key
  /// (SHA-256 of the image, pattern digest, OCR mode, what is kept); at most `limit`, the newest first.
  public func ocrVerdicts(keyID: String, limit: Int = 100_000) throws -> [String: OCRVerdict] {
    try queue.read { db in
      let rows = try Row.fetchAll(
        db, sql: "SELECT cache_key, verdict FROM ocr_verdicts WHERE key_id = ? ORDER BY recorded_at DESC LIMIT ?",
        arguments: [keyID, limit])
      var verdicts: [String: OCRVerdict] = [:]
      let decoder = JSONDecoder()
      for row in rows {
        let key: String = row["cache_key"]
        let json: String = row["verdict"]
        // A verdict this version cannot read is read again from the image, not an error.
        if let verdict = try? decoder.decode(OCRVerdict.self, from: Data(json.utf8)) { verdicts[key] = verdict }
      }
      return verdicts
    }
  }

  /// Keeps image verdicts for later runs (replacing older ones under the same cache key).
  public func saveOCRVerdicts(_ verdicts: [String: OCRVerdict], keyID: String) throws {
    guard !verdicts.isEmpty else { return }
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let now = ISO8601DateFormatter().string(from: Date())
    try queue.write { db in
      let insert = try db.cachedStatement(
        sql: """
          INSERT OR REPLACE INTO ocr_verdicts (cache_key, key_id, outcome, verdict, recorded_at)
          VALUES (?, ?, ?, ?, ?)
          """)
      for (key, verdict) in verdicts.sorted(by: { $0.key < $1.key }) {
        let json = String(decoding: try encoder.encode(verdict), as: UTF8.self)
        try insert.execute(arguments: [key, keyID, verdict.outcome.rawValue, json, now])
      }
    }
  }
}
