import Foundation
import GRDB
import NokoriCore
import NokoriStore
import Testing

/// `FindingStore.checkpointAside()`: the write-ahead log copied into the database file from
/// a second connection while the store stays open.
@Suite struct CheckpointAsideTests {
  /// How many file rows the database file holds without its log: a copy of it alone, opened.
  func rowsInTheFileAlone(_ folder: URL) throws -> Int {
    let copy = folder.appendingPathComponent("alone.db")
    try? FileManager.default.removeItem(at: copy)
    try FileManager.default.copyItem(at: folder.appendingPathComponent("n.db"), to: copy)
    let queue = try DatabaseQueue(path: copy.path)
    return try queue.read { db in
      try db.tableExists("files") ? Int.fetchOne(db, sql: "SELECT count(*) FROM files") ?? 0 : 0
    }
  }

  @Test func theLogIsCopiedWhileTheStoreStaysOpenAndUsable() throws {
    let reports = (0..<300).map { index in
      StoreFixture.report("/data/file\(index).txt", [StoreFixture.finding("pii.email", "e\(index)")])
    }
    let fixture = try StoreFixture(reports: reports)
    defer { fixture.remove() }
    #expect(try rowsInTheFileAlone(fixture.folder) < 300)
    try fixture.store.checkpointAside()
    #expect(try rowsInTheFileAlone(fixture.folder) == 300)
    // The store goes on as before: what was written is there, and it takes more.
    try fixture.store.append([StoreFixture.report("/data/later.txt", [])], run: fixture.run)
    #expect(try fixture.store.files(run: fixture.run).count == 301)
  }

  @Test func aStoreThatIsGoneIsAClearError() throws {
    let fixture = try StoreFixture(reports: [])
    fixture.remove()
    #expect(throws: StoreError.self) { try fixture.store.checkpointAside() }
  }
}
