import NokoriCore
import NokoriScanner
import NokoriStore
import NokoriTestSupport
import Testing

/// `confirm` never calls a file on an smb:// share deleted because a local open of its URL failed.
struct SMBConfirmTests {
  @Test func aFileOnAShareIsCouldNotCheckNotDeleted() throws {
    let checker = try DeletionChecker(
      patternSet: TestPaths.patternSet(), fingerprinter: TestPaths.fingerprinter(), minimumConfidence: .medium)
    let flagged = FlaggedFile(
      id: 1, path: "smb://127.0.0.1:4450/corpus/text/utf8_customer_note.txt", size: 10, mtime: 0, sha256: "00",
      device: 12345, categories: ["jp.my_number"])
    let check = checker.check(flagged) { [] }
    #expect(check.result == .unreadable)
    #expect(check.detail?.contains("smb://") == true)
  }
}
