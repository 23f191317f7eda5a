import Foundation
import GRDB
import NokoriStore
import NokoriTestSupport
import Testing

/// The store's schema moves forward only: a v1 store gains the confirmations table, and a
/// store from a newer Nokori is refused untouched.
@Suite struct SchemaMigrationTests {
  @Test func aVersion1StoreMigratesAndKeepsItsRuns() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("v1.db").path
    // A store as version 1 left it: only the v1 migration applied.
    do {
      let store = try FindingStore(path: path)
      _ = try store.beginRun(
        RunStart(host: "h", user: "u", toolVersion: "0.1.0", patternDigest: "d", keyID: "k", roots: ["/"], options: [:]))
    }
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in
      try db.execute(sql: "DROP TABLE confirmations")
      try db.execute(sql: "DROP TABLE known_identifiers")
      try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v2%'")
    }
    try queue.close()

    let store = try FindingStore(path: path)
    #expect(try store.runs().count == 1)
    #expect(try store.nextConfirmationSession(run: 1) == 1)
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
  }

  @Test func aStoreFromANewerSchemaIsRefusedAndLeftAlone() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("future.db").path
    _ = try FindingStore(path: path)
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in
      try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from the future')")
    }
    try queue.close()

    #expect {
      try FindingStore(path: path)
    } throws: { error in
      guard case .newerSchema(_, let unknown) = error as? StoreError else { return false }
      return unknown == ["v99: from the future"] && "\(error)".contains("newer Nokori")
    }
    let identifiers = try DatabaseQueue(path: path).read { db in
      try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
    }
    #expect(identifiers.contains("v99: from the future"))
  }
}
