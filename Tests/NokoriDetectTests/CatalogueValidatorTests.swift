@testable import NokoriDetect
import NokoriTestSupport
import Testing

/// The catalogue's validators against published vectors (../shared/reference/detectors.md §5)
/// and their edge cases.
@Suite struct CatalogueValidatorTests {
  @Test(arguments: [
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
    "P<JPNGAIMU<<HANAKO<<<<<<<<<<<<<<<<<<<<<<<<<<\nTT15442512JPN9905050F3012257<<<<<<<<<<<<<<06",
    "P<JPNTANAKA<<TAROU<<<<<<<<<<<<<<<<<<<<<<<<<<\nTR12345672JPN0001018M2501017<<<<<<<<<<<<<<08",
    "P<JPNSATO<<TARO<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\nTZ12345676JPN9001011M3001019<<<<<<<<<<<<<<<4",
    "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<",
  ])
  func icaoAndJapaneseSpecimensPass(zone: String) {
    #expect(MRZValidator().validate(zone).valid)
  }

  @Test func mrzDocumentNumberIsTheCanonicalValue() {
    let result = MRZValidator().validate(
      "P<JPNSATO<<TARO<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\nTZ12345676JPN9001011M3001019<<<<<<<<<<<<<<<4")
    #expect(result.canonical == "TZ1234567")
  }

  @Test func mrzWithFailingCheckDigitsIsRejected() {
    let zone = "P<JPNTANAKA<<TAROU<<<<<<<<<<<<<<<<<<<<<<<<<<\nTR77777770JPN8501019M2512311<<<<<<<<<<<<<<06"
    #expect(!MRZValidator().validate(zone).valid)
  }

  @Test func ocrConfusionsAreRepairedOnlyWhereCheckDigitsProveThem() {
    // Birth date 900101 read as 9OO1O1, and a filler '<' read as 'K'.
    let noisy = "P<JPNSATO<<TARO<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\nTZ12345676JPN9OO1O11M3001019<<<<<<<K<<<<<<<4"
    let result = MRZValidator().validate(noisy)
    #expect(result.valid)
    #expect(result.note.contains("repairing"))
    // A document number with its 1 read as I is repaired by its check digit…
    let letter = "P<JPNSATO<<TARO<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\nTZI2345676JPN9001011M3001019<<<<<<<<<<<<<<<4"
    #expect(MRZValidator().validate(letter).canonical == "TZ1234567")
    // …but a wrong digit that no confusion explains stays wrong.
    let wrong = "P<JPNSATO<<TARO<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\nTZ12345686JPN9001011M3001019<<<<<<<<<<<<<<<4"
    #expect(!MRZValidator().validate(wrong).valid)
  }

  @Test func licenceCheckDigitIsASignalNotARejection() {
    let validator = DriversLicenceValidator()
    let good = validator.validate("309012345620")
    #expect(good.valid && good.signals.contains(.checksum))
    let otherCheck = validator.validate("309012345670")
    #expect(otherCheck.valid && !otherCheck.signals.contains(.checksum))
    #expect(DriversLicenceValidator.checkDigit([4, 5, 9, 8, 0, 3, 3, 5, 8, 7]) == 2)
    #expect(!validator.validate("999012345620").valid, "99 is no commission code")
    #expect(!validator.validate("30901234562").valid, "11 digits")
    #expect(!validator.validate("302812345620").valid, "a first-licence year of 28 is not plausible")
    // The check on bytes agrees with the published weights on every valid number tried.
    var generator = SystemRandomNumberGenerator()
    var checked = 0
    for _ in 0..<20_000 {
      let digits = (0..<12).map { _ in Int.random(in: 0...9, using: &generator) }
      let result = validator.validate(digits.map(String.init).joined())
      guard result.valid else { continue }
      checked += 1
      let expected = DriversLicenceValidator.checkDigit(Array(digits.prefix(10))) == digits[10]
      #expect(result.signals.contains(.checksum) == expected, "\(digits)")
    }
    #expect(checked > 1000)
  }

  @Test func insurerNumbers() {
    let validator = InsurerNumberValidator()
    #expect(validator.validate("33120015").valid)
    #expect(!validator.validate("33120016").valid, "check digit")
    #expect(!validator.validate("99120015").valid, "法別番号")
    #expect(validator.validate("138016").valid, "国民健康保険, six digits")
  }

  @Test func passportAndResidenceCardFormats() {
    #expect(PassportNumberValidator().validate("tr1234567").canonical == "TR1234567")
    #expect(!PassportNumberValidator().validate("TR1111111").valid)
    #expect(ResidenceCardValidator().validate("AB12345678CD").valid)
    #expect(!ResidenceCardValidator().validate("AB1234567CD").valid)
  }

  @Test(arguments: [
    ("昭和63年12月31日", "1988-12-31"), ("平成元年1月8日", "1989-01-08"), ("令和2年5月1日", "2020-05-01"),
    ("S63.12.31", "1988-12-31"), ("H1/1/8", "1989-01-08"), ("1990/01/02", "1990-01-02"), ("1990年1月2日", "1990-01-02"),
    ("20 FEB 1979", "1979-02-20"), ("昭和六十三年十二月三十一日", "1988-12-31"), ("一九九〇年一月二日", "1990-01-02"),
    ("19850714", "1985-07-14"), ("20 February 1979", "1979-02-20"), ("7/14/1985", "1985-07-14"),
    ("平成元年十月三日", "1989-10-03"),
  ])
  func datesInEveryForm(text: String, iso: String) {
    #expect(DateOfBirthValidator().validate(text).canonical == iso)
  }

  @Test(arguments: [
    "平成32年1月1日", "昭和64年1月8日", "平成元年1月7日", "1990/02/30", "2099/01/01", "13/45/1990", "令和0年1月1日",
    "1990/01/02/03", "平成1年2月3日4", "1990 FE 02", "", "一二三四五年1月1日", "1900/02/29",
  ])
  func impossibleDatesAreRejected(text: String) {
    #expect(!DateOfBirthValidator().validate(text).valid)
  }

  @Test func addressesNeedAMunicipalityAndABlockNumber() {
    let validator = JapaneseAddressValidator()
    #expect(validator.validate("東京都港区六本木1-2-3").valid)
    #expect(validator.validate("大阪府大阪市北区梅田一丁目2番3号").valid)
    #expect(!validator.validate("東京都港区").valid)
    #expect(!validator.validate("東京都").valid)
  }

  @Test func namesAndTheSurnameDictionary() throws {
    let resources = try TestPaths.patternSet().resources
    let validator = PersonNameValidator(resources: resources)
    #expect(validator.validate("山田 太郎").signals.contains(.dictionary))
    #expect(validator.validate("Taro Yamada").signals.contains(.dictionary))
    #expect(validator.validate("YAMADA").valid, "one word that is a surname")
    #expect(!validator.validate("HANAKO").valid, "one word that is not a surname")
    #expect(!validator.validate("未記入").valid)
    #expect(!validator.validate("山田1号").valid)
    #expect(!validator.validate("該当 なし").valid, "a placeholder written with a space")
    #expect(!validator.validate("N/A").valid)
    #expect(!validator.validate("Sample, Yamada").valid, "a word that is not a name")
    #expect(!validator.validate("山").valid, "one character")
    let spaced = validator.validate("山田\u{3000}太郎, ")
    #expect(spaced.canonical == "山田太郎", "spaces, ideographic spaces and commas are dropped")
    #expect(spaced.note == "starts with the surname 2 character(s) long")
  }
}
