import Foundation
import NokoriCore
import NokoriScanner
import NokoriTestSupport
import NokoriWalk
import Testing

/// Images inside containers (zip members, mail attachments) are read by OCR as image files are,
/// with the member as the finding's location. Only categories and places are asserted.
@Suite(.serialized) struct ImageMemberScanTests {
  func scan(_ url: URL, options: ScanOptions = ScanOptions(roots: [])) throws -> FileReport {
    let entry = WalkEntry(
      path: url.path, root: url.deletingLastPathComponent().path, size: 0, mtime: 0, inode: 0, device: 0,
      mayRepeat: false)
    return try FileScanner(patternSet: TestPaths.patternSet(), fingerprinter: TestPaths.fingerprinter(), options: options)
      .scan(entry)
  }

  func zipped(_ image: URL, as member: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nokori-imgzip-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let zip = folder.appendingPathComponent("scans.zip")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", "-c", "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1],'w'); z.write(sys.argv[2], sys.argv[3]); z.close()",
      zip.path, image.path, member,
    ]
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    return zip
  }

  @Test func aPassportPageInAZipIsClassifiedWithTheMemberAsItsPlace() throws {
    let image = TestPaths.corpus.appendingPathComponent("images/passport_clean.png")
    let zip = try zipped(image, as: "2024/passport.png")
    defer { try? FileManager.default.removeItem(at: zip.deletingLastPathComponent()) }
    let report = try scan(zip)
    #expect(report.outcome == .scanned, "\(report.outcome): \(report.detail ?? "")")
    let found = Set(report.findings.map(\.category.rawValue))
    #expect(found.isSuperset(of: ["doc.passport", "mrz.passport"]), "\(found.sorted())")
    #expect(report.findings.allSatisfy { $0.location.member == "2024/passport.png" && $0.location.ocr == true })
  }

  @Test func anImageMemberIsNeedsOCRWhenOCRIsOff() throws {
    let image = TestPaths.corpus.appendingPathComponent("images/passport_clean.png")
    let zip = try zipped(image, as: "passport.png")
    defer { try? FileManager.default.removeItem(at: zip.deletingLastPathComponent()) }
    var options = ScanOptions(roots: [])
    options.ocrMode = .off
    let report = try scan(zip, options: options)
    #expect(report.outcome == .needsOCR, "\(report.outcome)")
    #expect(report.findings.isEmpty)
  }

  @Test func theCardImageAttachedToAMailIsACardWithItsNumber() throws {
    let report = try scan(TestPaths.corpus.appendingPathComponent("mail/id_card_photo.eml"))
    let onCard = report.findings.filter { $0.location.member == "mynumber_card.png" }
    let found = Set(onCard.map(\.category.rawValue))
    #expect(found.isSuperset(of: ["doc.my_number_card", "jp.my_number"]), "\(found.sorted())")
  }
}
