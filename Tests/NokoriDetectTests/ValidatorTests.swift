import NokoriDetect
import Testing

/// Validators against published test vectors (../shared/reference/detectors.md §5).
@Suite struct ValidatorTests {
  // kufu/tsubaki, JPMyNumber, python-stdnum, qiita (detectors.md §5, "My Number: 10 valid").
  @Test(arguments: [
    "123456789018", "023456789013", "465281266333", "191187943353", "116428722815", "621498320257",
    "983205673214", "111111111118", "000111111111", "6214-9832-0257", "4652 8126 6333",
  ])
  func myNumberValid(_ number: String) {
    let result = MyNumberValidator().validate(number)
    #expect(result.valid, "\(result.note)")
    #expect(result.canonical.count == 12)
  }

  @Test(arguments: [
    "123456789010", "123456789011", "123456789012", "123456789019", "012345678912", "111111111111",
    "222222222222", "621498320258", "983205673210", "62149832025X", "01234567891", "2222222222222",
  ])
  func myNumberInvalid(_ number: String) {
    #expect(!MyNumberValidator().validate(number).valid)
  }

  /// The byte test run before a String exists must agree with `validate` on every value:
  /// it may only reject what `validate` rejects, or My Numbers would be lost unseen.
  @Test func myNumberByteTestAgreesWithValidate() {
    var generator = SystemRandomNumberGenerator()
    var samples = ["123456789018", "6214-9832-0257", "4652 8126 6333", "1234-5678 9018", "111111111111", "12345678901"]
    for _ in 0..<20_000 {
      var text = String((0..<12).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
      if Bool.random(using: &generator) {
        let separator = [" ", "-", "."].randomElement(using: &generator) ?? "-"
        text.insert(contentsOf: separator, at: text.index(text.startIndex, offsetBy: 8))
        text.insert(contentsOf: separator, at: text.index(text.startIndex, offsetBy: 4))
      }
      samples.append(text)
    }
    var valid = 0
    for sample in samples {
      let expected = MyNumberValidator().validate(sample).valid
      // An independent reference: the ordinance's check digit over the digits.
      let digits = sample.compactMap(\.wholeNumberValue)
      let reference =
        digits.count == 12 && Set(digits).count > 1
        && MyNumberValidator.checkDigit(Array(digits.prefix(11))) == digits[11]
      #expect(expected == reference, "\(sample)")
      var copy = sample
      let quick = copy.withUTF8 { MyNumberValidator().mayBeValid($0) }
      #expect(quick == expected, "\(sample)")
      if expected { valid += 1 }
    }
    // About one in eleven random bases has the right last digit.
    #expect(valid > 1000)
  }

  @Test func myNumberCheckDigitWorkedExample() {
    // detectors.md §4.1: base 12345678901 → Σ = 212, 212 mod 11 = 3, 11 − 3 = 8.
    #expect(MyNumberValidator.checkDigit([1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]) == 8)
  }

  @Test func myNumberGrouping() {
    #expect(MyNumberValidator().validate("6214 9832 0257").grouped)
    #expect(MyNumberValidator().validate("6214-9832-0257").grouped)
    #expect(!MyNumberValidator().validate("621498320257").grouped)
    #expect(!MyNumberValidator().validate("6214-9832 0257").grouped)
  }

  // Issuers' published test numbers.
  @Test(arguments: [
    ("4111111111111111", "Visa"), ("5555555555554444", "Mastercard"), ("378282246310005", "American Express"),
    ("3530111333300000", "JCB"), ("3566002020360505", "JCB"), ("6011111111111117", "Discover"),
    ("30569309025904", "Diners Club"), ("2223003122003222", "Mastercard"),
  ])
  func cardsValid(_ number: String, _ brand: String) {
    let result = CreditCardValidator().validate(number)
    #expect(result.valid, "\(result.note)")
    #expect(result.note.hasPrefix(brand))
  }

  @Test(arguments: ["4111111111111112", "1234567812345670", "4444444444444444", "411111111111", "3530111333300001"])
  func cardsInvalid(_ number: String) {
    #expect(!CreditCardValidator().validate(number).valid)
  }

  @Test func luhn() {
    #expect(CreditCardValidator.luhnValid([7, 9, 9, 2, 7, 3, 9, 8, 7, 1, 3]))
    #expect(!CreditCardValidator.luhnValid([7, 9, 9, 2, 7, 3, 9, 8, 7, 1, 4]))
  }

  @Test(arguments: [
    ("03-1234-5678", "0312345678"), ("090-1234-5678", "09012345678"), ("0120-123-456", "0120123456"),
    ("+81 90-1234-5678", "09012345678"), ("+81 (0)3-1234-5678", "0312345678"), ("050-1234-5678", "05012345678"),
    ("(06)1234-5678", "0612345678"), ("+44 20 7946 0958", "+442079460958"),
  ])
  func phonesValid(_ number: String, _ canonical: String) {
    let result = JapanesePhoneValidator().validate(number)
    #expect(result.valid, "\(result.note)")
    #expect(result.canonical == canonical)
  }

  @Test(arguments: [
    "0000000000", "01234", "0012345678", "09012345678901", "040-1234-56789", "+1 234",
    "+123456789012345678901234567890", "0123456789012345678901234567890123",
  ])
  func phonesInvalid(_ number: String) {
    #expect(!JapanesePhoneValidator().validate(number).valid)
  }

  @Test(arguments: ["taro.yamada@example.co.jp", "a+b@mail.example.com", "X_Y@EXAMPLE.JP"])
  func emailsValid(_ address: String) {
    let result = EmailValidator().validate(address)
    #expect(result.valid, "\(result.note)")
    #expect(result.canonical == address.lowercased())
  }

  @Test(arguments: ["icon@2x.png", "Logo@3X.PNG", "a@b.SWIFT", "a@localhost", "a..b@example.com", ".a@example.com", "a@-x.com", "a@b.c1"])
  func emailsInvalid(_ address: String) {
    #expect(!EmailValidator().validate(address).valid)
  }

  /// A validator's byte test runs before `validate` and may only reject what `validate`
  /// rejects: checked for every registered validator on digit runs, grouped numbers and
  /// mixed text, and for the 12-digit numbers every table is full of.
  @Test func everyByteTestOnlyRejectsWhatValidateRejects() {
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("0123456789012345678901234567890123456789 -.@abcXYZ<()+")
    var samples: [String] = ["123456789018", "300912345678", "301199999990", "111111111111", "309900000000"]
    for _ in 0..<5_000 {
      let length = Int.random(in: 1...20, using: &generator)
      samples.append(String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "0" }))
      samples.append(String((0..<12).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) }))
    }
    for type in ValidatorRegistry.all {
      let validator = type.init(resources: .empty)
      for sample in samples {
        var copy = sample
        let quick = copy.withUTF8 { validator.mayBeValid($0) }
        if !quick { #expect(!validator.validate(sample).valid, "\(type.name): \(sample)") }
      }
    }
    // Those that implement it must also accept what `validate` accepts (exact, not a filter).
    for type in [MyNumberValidator.self, DriversLicenceValidator.self] as [any Validator.Type] {
      let validator = type.init(resources: .empty)
      for sample in samples {
        var copy = sample
        let quick = copy.withUTF8 { validator.mayBeValid($0) }
        #expect(quick == validator.validate(sample).valid, "\(type.name): \(sample)")
      }
    }
  }

  @Test func registryKnowsEveryValidatorByName() {
    for name in ["my-number", "luhn", "jp-phone", "email"] {
      #expect(ValidatorRegistry.validator(named: name) != nil)
    }
    #expect(ValidatorRegistry.validator(named: "nope") == nil)
  }
}
