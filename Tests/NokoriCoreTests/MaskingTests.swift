import NokoriCore
import Testing

@Suite struct MaskingTests {
  @Test(arguments: [
    ("123456789018", "********9018"), ("1234 5678 9018", "**** **** 9018"), ("03-1234-5678", "**-****-5678"),
    ("+81 90-1234-5678", "+** **-****-5678"), ("AB12345678CD", "********78CD"), ("12345", "***45"),
  ])
  func lastFour(_ value: String, _ masked: String) {
    #expect(MaskStyle.lastFour.mask(value) == masked)
  }

  @Test func email() {
    #expect(MaskStyle.email.mask("taro.yamada@example.co.jp") == "t**********@example.co.jp")
    #expect(MaskStyle.email.mask("a@example.jp") == "a***@example.jp")
  }

  @Test func all() {
    #expect(MaskStyle.all.mask("山田 太郎 1234") == "** ** ****")
  }

  @Test func maskedNeverContainsMoreThanFourOfTheDigits() {
    for value in ["123456789018", "4111-1111-1111-1111", "09012345678"] {
      let digits = MaskStyle.lastFour.mask(value).filter(\.isNumber)
      #expect(digits.count <= 4)
    }
  }
}

@Suite struct FingerprinterTests {
  @Test func isHMACSHA256OfCategoryAndValue() throws {
    // HMAC-SHA256(key "secret-key-0123456789", "jp.my_number\0" + "123456789018"), computed with Python's hmac.
    let fingerprinter = try Fingerprinter(keyBytes: Array("secret-key-0123456789".utf8))
    let value = fingerprinter.fingerprint(category: .myNumber, normalizedValue: "123456789018")
    #expect(value == "f086cd11408c216243a41c80d42433713a663735e1ef50c4f22717fefe9026cb")
    #expect(value != fingerprinter.fingerprint(category: .phone, normalizedValue: "123456789018"))
    #expect(fingerprinter.keyID.count == 16)
  }

  @Test func eachWorkersHasherGivesTheSameFingerprints() throws {
    // HMAC-SHA256(key 00 01 … 1f, category + "\0" + value), computed with Python's hmac.
    let fingerprinter = try Fingerprinter(keyBytes: Array(0..<32))
    let hasher = fingerprinter.makeHasher()
    let vectors: [(Category, String, String)] = [
      (.myNumber, "123456789018", "d160f6d0037b7280ed4f26f6706a0ada09ecdc37d2a5c3c55ab25f9a34cb33fa"),
      (Category("pii.person_name"), "山田太郎", "c8f6428fc5d65a6ae43fd269fd354d787879508d21129a551a3b85ebb38ac043"),
      (.email, "", "6def5ef144b860605b915a3002f99aafca687014bb3fdf7a671cd0cb334af94f"),
    ]
    for (category, value, expected) in vectors {
      #expect(hasher.fingerprint(category: category, normalizedValue: value) == expected)
      #expect(fingerprinter.fingerprint(category: category, normalizedValue: value) == expected)
    }
  }

  @Test func refusesShortKeys() {
    #expect(throws: FingerprintKeyError.self) { try Fingerprinter(keyBytes: [1, 2, 3]) }
  }
}

@Suite struct OutcomeTests {
  @Test func coverageGapsAreWhatCouldHoldUnreadData() {
    let gaps = Outcome.allCases.filter(\.isCoverageGap)
    // Damaged, hostile and encrypted files were read only in part, or not at all; so were
    // scanned pages no OCR read, and files whose parser crashed or ran out of time.
    #expect(
      Set(gaps) == [
        .unreadable, .unsupportedFormat, .tooLarge, .malformed, .hostile, .encrypted, .needsOCR, .parserCrashed, .timedOut,
      ])
  }
}
