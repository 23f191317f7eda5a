import Foundation
import NokoriTestSupport
import Testing

/// poppler-glib and libtesseract are loaded when the first PDF or image is read, not at start:
/// a run that reads neither never maps them, and a machine without them still scans the rest.
@Suite struct LazyLibraryTests {
  /// A folder with a text file, a PDF and a passport image from the Corpus.
  func folderWithAPDFAndAnImage() throws -> URL {
    let folder = try TestPaths.temporaryDirectory("nokori-lazy")
    let data = folder.appendingPathComponent("data")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    try Data("個人番号: 123456789018\n".utf8).write(to: data.appendingPathComponent("a.txt"))
    for (directory, name) in [("pdf", "customer_ledger_ja.pdf"), ("images", "passport_clean.png")] {
      try FileManager.default.copyItem(
        at: TestPaths.corpus.appendingPathComponent(directory).appendingPathComponent(name),
        to: data.appendingPathComponent(name))
    }
    return folder
  }

  func environment(_ folder: URL, _ extra: [String: String] = [:]) -> [String: String] {
    [
      "NOKORI_KEY_FILE": folder.appendingPathComponent("key").path,
      "NOKORI_DB": folder.appendingPathComponent("store/nokori.db").path,
    ].merging(extra) { $1 }
  }

  /// The dynamic loader's own account (LD_DEBUG=files) of what a text-only scan maps.
  @Test func aScanOfTextAloneNeverMapsPopplerOrTesseract() throws {
    let folder = try TestPaths.temporaryDirectory("nokori-lazy")
    defer { try? FileManager.default.removeItem(at: folder) }
    let data = folder.appendingPathComponent("data")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    try Data("個人番号: 123456789018\n".utf8).write(to: data.appendingPathComponent("a.txt"))
    let scan = try CommandRunner.run(
      ["scan", "--format", "jsonl", data.path], environment: environment(folder, ["LD_DEBUG": "files"]))
    #expect(scan.status == 0, "\(scan.stderr.suffix(2000))")
    // The loader did report: the store's library is in its account.
    #expect(scan.stderr.contains("libsqlite3"))
    #expect(!scan.stderr.contains("libpoppler"))
    #expect(!scan.stderr.contains("libtesseract"))
  }

  @Test func withoutPopplerAndTesseractPDFsAndImagesAreRecordedAsNotReadAndTextIsStillScanned() throws {
    let folder = try folderWithAPDFAndAnImage()
    defer { try? FileManager.default.removeItem(at: folder) }
    let missing = folder.appendingPathComponent("missing.so").path
    let scan = try CommandRunner.run(
      ["scan", "--format", "jsonl", "--ocr", "all", folder.appendingPathComponent("data").path],
      environment: environment(folder, ["NOKORI_POPPLER_LIBRARY": missing, "NOKORI_TESSERACT_LIBRARY": missing]))
    // A coverage gap, not a crash: the text file's finding is reported.
    #expect(scan.status == 3, "\(scan.stderr.suffix(2000))")
    #expect(scan.stdout.contains("jp.my_number"))
    let files = try CommandRunner.run(
      ["files", "--run", "1", "--format", "jsonl"], environment: environment(folder))
    let rows = try files.stdout.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    func row(_ suffix: String) -> [String: Any]? { rows.first { ($0["path"] as? String)?.hasSuffix(suffix) == true } }
    #expect(row("a.txt")?["outcome"] as? String == "scanned")
    #expect(row(".pdf")?["outcome"] as? String == "unsupported-format")
    let pdfDetail = row(".pdf")?["detail"] as? String ?? ""
    #expect(pdfDetail.contains("libpoppler-glib could not be loaded") && pdfDetail.contains("missing.so"), "\(pdfDetail)")
    #expect(row(".png")?["outcome"] as? String == "needs-ocr")
    let imageDetail = row(".png")?["detail"] as? String ?? ""
    #expect(imageDetail.contains("libtesseract could not be loaded") && imageDetail.contains("missing.so"), "\(imageDetail)")
  }

  /// The same files with the libraries present: both are read (the loading path works).
  @Test func withPopplerAndTesseractThePDFAndTheImageAreRead() throws {
    let folder = try folderWithAPDFAndAnImage()
    defer { try? FileManager.default.removeItem(at: folder) }
    let scan = try CommandRunner.run(
      ["scan", "--format", "jsonl", "--ocr", "all", folder.appendingPathComponent("data").path],
      environment: environment(folder))
    #expect(scan.status == 0, "\(scan.stderr.suffix(2000))")
    let paths = Set(scan.stdout.split(separator: "\n").compactMap { line -> String? in
      let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      return (object?["path"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent }
    })
    #expect(paths == ["a.txt", "customer_ledger_ja.pdf", "passport_clean.png"])
  }
}
