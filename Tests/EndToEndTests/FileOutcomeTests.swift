import Foundation
import NokoriCore
import NokoriScanner
import NokoriTestSupport
import NokoriWalk
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Per-file outcomes produced by the file scanner itself (the walker's are tested in NokoriWalkTests).
@Suite struct FileOutcomeTests {
  func scanner(_ options: ScanOptions = ScanOptions(roots: [])) throws -> FileScanner {
    try FileScanner(patternSet: TestPaths.patternSet(), fingerprinter: TestPaths.fingerprinter(), options: options)
  }

  func entry(_ url: URL, size: Int64 = 0) -> WalkEntry {
    WalkEntry(path: url.path, root: url.deletingLastPathComponent().path, size: size, mtime: 0, inode: 0, device: 0, mayRepeat: false)
  }

  /// `sha256sum`'s digest of `url`.
  func sha256sum(_ url: URL) throws -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    process.arguments = [url.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return output.split(separator: " ").first.map(String.init)
  }

  /// A flagged text file of several read blocks is hashed while it is streamed, from wherever
  /// its first finding lies: the digest must be the file's, byte for byte.
  @Test(arguments: [0, 1_500_000, 3_100_000])
  func streamedHashOfAFlaggedFileIsTheFilesDigest(firstFindingAt offset: Int) throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("memo.txt")
    let filler = "Meeting notes: schedule approved, branch pending, review again tomorrow.\n"
    var text = String(repeating: filler, count: offset / filler.utf8.count)
    text += "個人番号: 123456789018\n"
    text += String(repeating: filler, count: 3_300_000 / filler.utf8.count)
    try Data(text.utf8).write(to: url)
    let report = try scanner().scan(entry(url))
    #expect(report.outcome == .scanned)
    #expect(report.findings.contains { $0.category == .myNumber })
    #expect(report.sha256 != nil)
    #expect(report.sha256 == (try sha256sum(url)))
  }

  @Test func unflaggedLargeFileIsNotHashed() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("plain.txt")
    try Data(String(repeating: "nothing personal in this line at all\n", count: 100_000).utf8).write(to: url)
    let report = try scanner().scan(entry(url))
    #expect(report.findings.isEmpty)
    #expect(report.sha256 == nil)
  }

  @Test func fileDeletedBetweenListingAndReadingIsVanished() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("gone.txt")
    try Data("個人番号 123456789018".utf8).write(to: url)
    let listed = entry(url)
    try FileManager.default.removeItem(at: url)
    let report = try scanner().scan(listed)
    #expect(report.outcome == .vanished)
  }

  @Test func fifoInPlaceOfAFileIsNeverRead() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("pipe")
    #expect(mkfifo(url.path, 0o600) == 0)
    let report = try scanner().scan(entry(url))
    #expect(report.outcome == .specialFile)
  }

  @Test(.enabled(if: geteuid() != 0, "root reads any file; permission denied cannot be produced as root"))
  func permissionDeniedIsUnreadable() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("secret.txt")
    try Data("x".utf8).write(to: url)
    chmod(url.path, 0)
    let report = try scanner().scan(entry(url))
    #expect(report.outcome == .unreadable)
  }

  @Test func invalidBytesAreReplacedAndTheRestIsScanned() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("mixed.txt")
    // Mostly valid CP932 with a stray invalid pair, then a value.
    var bytes = Array("顧客メモ".data(using: .shiftJIS) ?? Data())
    bytes += [0x81, 0x20]  // lead byte with an invalid trail
    bytes += Array("メール taro@example.jp\n".data(using: .shiftJIS) ?? Data())
    bytes += Array(String(repeating: "確認済み。", count: 30).data(using: .shiftJIS) ?? Data())
    try Data(bytes).write(to: url)
    let report = try scanner().scan(entry(url))
    #expect(report.outcome == .scanned)
    #expect(report.encoding == "cp932")
    #expect(report.categories == [.email])
  }

  @Test func textMixingEncodingsKeepsWhatItCanDecode() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("mixed-encodings.txt")
    // A UTF-8 form with a pasted CP932 line in the middle: the UTF-8 values are still found,
    // the CP932 bytes are replaced and counted, nothing crashes.
    var bytes = Array("氏名：山田 太郎\n生年月日：昭和63年12月31日\n".utf8)
    bytes += Array("住所：東京都港区六本木1-2-3\n".data(using: .shiftJIS) ?? Data())
    bytes += Array(String(repeating: "メール taro@example.jp\n", count: 40).utf8)
    try Data(bytes).write(to: url)
    let report = try scanner().scan(entry(url))
    #expect(report.outcome == .scanned)
    #expect(report.encoding == "utf-8")
    #expect(Set(report.categories.map(\.rawValue)).isSuperset(of: ["pii.person_name", "pii.date_of_birth", "pii.email"]))
  }

  @Test func nulBytesMakeABinaryFile() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("data.bin")
    try Data([0x00, 0x01, 0x02, 0xFF, 0x00, 0x10, 0x80, 0x00] + Array(repeating: 0x00, count: 100)).write(to: url)
    #expect(try scanner().scan(entry(url)).outcome == .binary)
  }

  @Test func aColumnOfRandomNumbersIsNotCorroborated() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("ids.csv")
    var generator = SystemRandomNumberGenerator()
    var rows = ""
    for index in 0..<400 {
      rows += "\(index),\(UInt64.random(in: 100_000_000_000...999_999_999_999, using: &generator))\n"
    }
    try Data(rows.utf8).write(to: url)
    let report = try scanner(ScanOptions(roots: [], minimumConfidence: .medium)).scan(entry(url))
    #expect(report.outcome == .scanned)
    #expect(report.findings.isEmpty, "about 1 in 11 random numbers pass the check digit; none may be reported")
  }
}
