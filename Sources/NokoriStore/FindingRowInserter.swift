import GRDB
import GRDBSQLite
import NokoriCore

/// Inserts finding rows through SQLite's own binding calls. A scan writes tens of thousands
/// of findings; binding them through `StatementArguments` boxed every value in an existential
/// and cost the writer more than SQLite's own work (measured: the writer was 12 % of a scan).
struct FindingRowInserter {
  private let statement: Statement
  private let db: Database

  init(_ db: Database) throws {
    self.db = db
    statement = try db.cachedStatement(
      sql: """
        INSERT INTO findings (run_id, file_id, category, detector, confidence, line, col, byte_offset, field,
                              member, page, masked, fingerprint)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
  }

  /// Inserts one finding of file `fileID` in run `run`.
  /// - Throws: `DatabaseError` with SQLite's message when the row cannot be written.
  func insert(_ finding: Finding, run: Int64, fileID: Int64) throws {
    let handle = statement.sqliteStatement
    sqlite3_reset(handle)
    let location = finding.location
    sqlite3_bind_int64(handle, 1, run)
    sqlite3_bind_int64(handle, 2, fileID)
    bind(finding.category.rawValue, at: 3)
    bind(finding.detector, at: 4)
    bind(finding.confidence.rawValue, at: 5)
    bind(location.line, at: 6)
    bind(location.column, at: 7)
    bind(location.offset, at: 8)
    bind(location.field, at: 9)
    bind(location.member, at: 10)
    bind(location.page, at: 11)
    bind(finding.masked, at: 12)
    bind(finding.fingerprint, at: 13)
    let code = sqlite3_step(handle)
    guard code == SQLITE_DONE else {
      let message = db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) }
      sqlite3_reset(handle)
      throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }
  }

  private func bind(_ value: String?, at index: Int32) {
    let handle = statement.sqliteStatement
    guard let value else {
      sqlite3_bind_null(handle, index)
      return
    }
    var copy = value
    copy.withUTF8 { bytes in
      guard let base = bytes.baseAddress else {
        sqlite3_bind_text(handle, index, "", 0, nil)
        return
      }
      // SQLITE_TRANSIENT: SQLite copies the bytes before this returns.
      sqlite3_bind_text(
        handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count),
        unsafeBitCast(-1, to: sqlite3_destructor_type.self))
    }
  }

  private func bind(_ value: Int?, at index: Int32) {
    let handle = statement.sqliteStatement
    guard let value else {
      sqlite3_bind_null(handle, index)
      return
    }
    sqlite3_bind_int64(handle, index, Int64(value))
  }
}
