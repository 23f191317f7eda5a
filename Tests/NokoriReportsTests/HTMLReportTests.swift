@testable import NokoriReports
@testable import NokoriStore
import Testing

@Suite struct HTMLReportTests {
  static func content(path: String) -> HTMLReport.Content {
    let run = RunRecord(
      id: 4, startedAt: "2026-01-01T00:00:00Z", finishedAt: nil, status: "finished", host: "<host>", user: "u",
      toolVersion: "0.1.0", patternDigest: "d", keyID: "k", roots: ["/data"], filesSeen: 1, filesScanned: 1,
      filesFlagged: 1, filesIncomplete: 0, findings: 1, bytesScanned: 1, exitCode: 0)
    let summary = ExposureSummary(
      run: 4, host: "<host>", minimumConfidence: "medium", filesFlagged: 1, findings: 1, peopleAtLeast: 1,
      peopleAtMost: 1,
      categories: [
        .init(
          category: "jp.my_number", english: "My Number", japanese: "マイナンバー", files: 1, findings: 1, distinctValues: 1,
          identifiesPerson: true)
      ], roots: [], hosts: [], folders: [.init(folder: path, filesFlagged: 1)], identifierCategories: ["jp.my_number"])
    return HTMLReport.Content(
      run: run, summary: summary, confirmations: [],
      flaggedSample: [FlaggedFile(id: 1, path: path, size: 1, mtime: 1, sha256: nil, categories: ["jp.my_number"])],
      flaggedTotal: 1)
  }

  @Test func everyStringIsEscapedAndNothingIsFetched() {
    let html = HTMLReport.render(Self.content(path: "/data/<script>alert('x')</script>&.txt"))
    #expect(!html.contains("<script"))
    #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;.txt"))
    #expect(html.contains("&lt;host&gt;"))
    for external in ["http:", "https:", "src=", "href=", "url(", "@import"] {
      #expect(!html.contains(external), "\(external)")
    }
  }
}
