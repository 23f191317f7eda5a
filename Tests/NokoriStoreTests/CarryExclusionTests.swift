import Foundation
import GRDB
import NokoriCore
@testable import NokoriStore
import NokoriTestSupport
import Testing

/// The base rows a sweep leaves out, recorded when it keeps the rest by reference.
@Suite struct CarryExclusionTests {
  @Test func everyIdIsRecordedOnceAcrossChunksAndTheBaseIsNamed() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try FindingStore(path: folder.appendingPathComponent("n.db").path)
    let start = RunStart(
      host: "h", user: "u", toolVersion: "0.1.0", patternDigest: String(repeating: "a", count: 64), keyID: "k",
      roots: ["/data"], options: [:])
    let base = try store.beginRun(start)
    let run = try store.beginRun(start)
    // More than one chunk of ids, one of them twice.
    let excluded = (1...120_001).map(Int64.init) + [7]
    try store.keepByReference(run: run, base: base, excluded: excluded)
    let (count, distinct, lowest, highest, named) = try store.queue.read { db in
      (
        try Int.fetchOne(db, sql: "SELECT count(*) FROM carry_exclusions WHERE run_id = ?", arguments: [run]),
        try Int.fetchOne(db, sql: "SELECT count(DISTINCT file_id) FROM carry_exclusions WHERE run_id = ?", arguments: [run]),
        try Int64.fetchOne(db, sql: "SELECT min(file_id) FROM carry_exclusions WHERE run_id = ?", arguments: [run]),
        try Int64.fetchOne(db, sql: "SELECT max(file_id) FROM carry_exclusions WHERE run_id = ?", arguments: [run]),
        try Int64.fetchOne(db, sql: "SELECT carry_base FROM runs WHERE id = ?", arguments: [run])
      )
    }
    #expect(count == 120_001 && distinct == 120_001)
    #expect(lowest == 1 && highest == 120_001)
    #expect(named == base)
    // None is an empty list.
    let other = try store.beginRun(start)
    try store.keepByReference(run: other, base: base, excluded: [])
    #expect(try store.queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM carry_exclusions WHERE run_id = ?", arguments: [other]) } == 0)
  }
}
