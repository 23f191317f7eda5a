import Foundation
import NokoriCore
import NokoriStore
import NokoriTestSupport
import Testing

@Suite struct ConfirmationStoreTests {
  @Test func flaggedFilesArePagedInOrderAtTheChosenConfidence() throws {
    let reports = (0..<7).map { index in
      StoreFixture.report(
        "/data/f\(index).txt",
        [StoreFixture.finding("pii.email", "e\(index)", index == 3 ? .low : .high)]
          + (index == 5 ? [StoreFixture.finding("jp.my_number", "m5", .medium)] : []))
    } + [FileReport(path: "/data/clean.txt", outcome: .scanned)]
    let fixture = try StoreFixture(reports: reports)
    defer { fixture.remove() }

    var pages: [[FlaggedFile]] = []
    try fixture.store.forEachFlaggedFile(run: fixture.run, minimum: .medium, pageSize: 2) { pages.append($0) }
    #expect(pages.map(\.count) == [2, 2, 2])
    let files = pages.flatMap { $0 }
    #expect(files.map(\.path) == ["/data/f0.txt", "/data/f1.txt", "/data/f2.txt", "/data/f4.txt", "/data/f5.txt", "/data/f6.txt"])
    #expect(files.first { $0.path == "/data/f5.txt" }?.categories == ["jp.my_number", "pii.email"])
    var limited: [FlaggedFile] = []
    try fixture.store.forEachFlaggedFile(run: fixture.run, minimum: .medium, pageSize: 2, limit: 3) { limited += $0 }
    #expect(limited.map(\.path) == Array(files.prefix(3).map(\.path)))
    #expect(try fixture.store.flaggedFileCount(run: fixture.run, minimum: .low) == 7)
    #expect(try fixture.store.identifierFingerprints(run: fixture.run, minimum: .medium) == ["m5": "/data/f5.txt"])
  }

  @Test func confirmationsKeepTheirHistory() throws {
    let fixture = try StoreFixture(reports: [StoreFixture.report("/data/a.txt", [StoreFixture.finding("pii.email", "e")])])
    defer { fixture.remove() }
    let store = fixture.store
    for result in [ConfirmationResult.presentUnchanged, .deleted] {
      let session = try store.nextConfirmationSession(run: fixture.run)
      try store.append([
        ConfirmationRecord(
          run: fixture.run, session: session, fileID: 1, checkedAt: "2026-01-0\(session)T00:00:00Z", host: "h",
          user: "u", path: "/data/a.txt", checked: "stat", result: result)
      ])
    }
    let history = try store.confirmations(run: fixture.run)
    #expect(history.map(\.session) == [1, 2])
    #expect(history.map(\.result) == [.presentUnchanged, .deleted])
    #expect(try store.nextConfirmationSession(run: fixture.run) == 3)
  }

  @Test func exposureCountsPeopleByDistinctIdentifiersPerRoot() throws {
    let fixture = try StoreFixture(
      roots: ["/data", "/other"],
      reports: [
        StoreFixture.report("/data/a.txt", [StoreFixture.finding("jp.my_number", "m1"), StoreFixture.finding("pii.email", "e1")]),
        StoreFixture.report("/data/b.txt", [StoreFixture.finding("jp.my_number", "m1"), StoreFixture.finding("jp.my_number", "m2")]),
        StoreFixture.report("/other/c.txt", [StoreFixture.finding("jp.passport_number", "p1")]),
        // Not an identifier of one person (see IdentifierCategories), so not counted as people.
        StoreFixture.report("/data2/d.txt", [StoreFixture.finding("jp.health_insurance_number", "h1")]),
      ])
    defer { fixture.remove() }
    let totals = try fixture.store.exposureTotals(run: fixture.run, minimum: .medium)
    #expect(totals.files == 4)
    #expect(totals.distinctIdentifiers == 3)
    let data = try fixture.store.exposureTotals(run: fixture.run, minimum: .medium, under: "/data")
    #expect(data.files == 2)  // /data2 is not under /data
    #expect(data.distinctIdentifiers == 2)
    let counts = try fixture.store.categoryCounts(run: fixture.run, minimum: .medium)
    let myNumber = try #require(counts.first { $0.category == "jp.my_number" })
    #expect(myNumber.files == 2 && myNumber.findings == 3 && myNumber.distinctValues == 2)
  }
}
