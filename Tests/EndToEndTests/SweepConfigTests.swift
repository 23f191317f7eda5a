import Foundation
import NokoriScanner
import Testing

/// The sweep config parser: defaults, every key, and errors located by file, line and key.
struct SweepConfigTests {
  func parse(_ text: String) throws(SweepConfigError) -> SweepConfig {
    try SweepConfigParser.parse(text, file: "/etc/nokori/sweep.yaml", baseDirectory: "/etc/nokori")
  }

  func failure(_ text: String) -> SweepConfigError? {
    do {
      _ = try parse(text)
      return nil
    } catch {
      return error
    }
  }

  @Test func rootsAndStoreAloneGiveTheDefaults() throws {
    let config = try parse("roots:\n  - /srv/share\n  - data\nstore: nokori.db\n")
    #expect(config.roots == [.init(location: "/srv/share"), .init(location: "/etc/nokori/data")])
    #expect(config.store == "/etc/nokori/nokori.db")
    #expect(config.minConfidence == .medium)
    #expect(config.ocr == .auto)
    #expect(config.excludes.isEmpty && config.allowed.isEmpty)
    #expect(config.maxFileSize == nil && config.jobs == nil && config.newFindingsPath == nil)
    #expect(config.summary)
  }

  @Test func everyKeyIsRead() throws {
    let config = try parse(
      """
      roots:
        - /srv/local
        - path: smb://DOMAIN;scanner@fileserver/share/dept
          jobs: 16
      store: /var/lib/nokori/nokori.db
      excludes: ["*.iso", "*/.git"]
      max_file_size: 2G
      ocr: auto
      min_confidence: high
      jobs: 3
      key_file: /etc/nokori/fingerprint.key
      signing_key: /etc/nokori/signing.key
      patterns: /usr/share/nokori/Patterns
      smb_copy_limit: 1G
      allowed:
        - /srv/local/crm/*
      on_finish:
        new_findings: /var/lib/nokori/new.csv
        summary: false
      """)
    #expect(config.roots[1] == .init(location: "smb://DOMAIN;scanner@fileserver/share/dept", jobs: 16))
    #expect(config.roots[1].isSMB && !config.roots[0].isSMB)
    #expect(config.excludes == ["*.iso", "*/.git"])
    #expect(config.maxFileSize == 2 << 30)
    #expect(config.ocr == .auto && config.minConfidence == .high && config.jobs == 3)
    #expect(config.keyFile == "/etc/nokori/fingerprint.key" && config.signingKey == "/etc/nokori/signing.key")
    #expect(config.patterns == "/usr/share/nokori/Patterns")
    #expect(config.smbCopyLimit == 1 << 30)
    #expect(config.allowed == ["/srv/local/crm/*"])
    #expect(config.newFindingsPath == "/var/lib/nokori/new.csv")
    #expect(config.newFindingsFormat == .csv, "the format follows the file's extension unless given")
    #expect(!config.summary)
  }

  @Test func anUnknownKeyNamesItsLine() throws {
    let error = try #require(failure("roots:\n  - /srv\nstore: /x.db\nmin_confidense: high\n"))
    #expect(error.line == 4)
    #expect(error.key == "min_confidense")
    #expect(error.description.hasPrefix("/etc/nokori/sweep.yaml:4: min_confidense: unknown key"))
  }

  @Test func badValuesNameTheirLineAndKey() throws {
    let cases: [(String, Int, String)] = [
      ("roots: [/srv]\nstore: /x.db\nocr: sometimes\n", 3, "ocr"),
      ("roots: [/srv]\nstore: /x.db\nsmb_copy_limit: lots\n", 3, "smb_copy_limit"),
      ("roots: [/srv]\nstore: /x.db\n\nmin_confidence: extreme\n", 4, "min_confidence"),
      ("roots: [/srv]\nstore: /x.db\nmax_file_size: big\n", 3, "max_file_size"),
      ("roots:\n  - /srv\n  - path: /mnt\n    jobs: 0\nstore: /x.db\n", 4, "roots[2].jobs"),
      ("roots:\n  - /srv\n  - path: /mnt\n    width: 4\nstore: /x.db\n", 4, "roots[2].width"),
      ("roots: /srv\nstore: /x.db\n", 1, "roots"),
      ("roots: [/srv]\nstore: /x.db\non_finish:\n  format: xml\n", 4, "on_finish.format"),
      ("roots: [/srv]\nstore: /x.db\nexcludes: '*.iso'\n", 3, "excludes"),
    ]
    for (text, line, key) in cases {
      let error = try #require(failure(text), "\(key) should be refused")
      #expect(error.line == line, "\(key): line \(String(describing: error.line))")
      #expect(error.key == key, "\(error)")
    }
  }

  @Test func missingRequiredKeysAndBrokenYAML() throws {
    #expect(failure("roots: [/srv]\n")?.key == "store")
    #expect(failure("store: /x.db\n")?.key == "roots")
    let broken = try #require(failure("roots:\n  - /srv\nstore: [unclosed\n"))
    #expect(broken.line != nil)
    #expect(broken.description.hasPrefix("/etc/nokori/sweep.yaml:"))
    #expect(failure("roots: [/srv]\nstore: /a.db\nstore: /b.db\n")?.key == "store")
  }

  @Test func offIsAnOCRModeNotABoolean() throws {
    #expect(try parse("roots: [/srv]\nstore: /x.db\nocr: off\n").ocr == .off)
    #expect(try parse("roots: [/srv]\nstore: /x.db\nocr: all\n").ocr == .all)
  }
}

extension SweepConfigTests {
  @Test func theContribExampleParses() throws {
    let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../contrib/sweep.yaml").standardizedFileURL.path
    let config = try SweepConfigParser.load(path: example)
    #expect(config.roots.count == 2 && config.roots[1].jobs == 16)
    #expect(config.store == "/var/lib/nokori/nokori.db")
    #expect(config.allowed == ["/srv/files/crm/*"])
    #expect(config.newFindingsFormat == .jsonl)
  }
}
