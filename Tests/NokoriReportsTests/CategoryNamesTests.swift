import NokoriReports
import Testing

@Suite struct CategoryNamesTests {
  /// DESIGN.md's vocabulary: every category must have both names.
  static let vocabulary = [
    "jp.my_number", "jp.passport_number", "mrz.passport", "jp.drivers_licence_number", "jp.residence_card_number",
    "jp.health_insurance_number", "doc.passport", "doc.drivers_licence", "doc.residence_card", "doc.my_number_card",
    "doc.health_insurance_card", "doc.resident_record", "pii.person_name", "pii.address", "pii.date_of_birth",
    "pii.gender", "pii.nationality", "pii.occupation", "pii.email", "pii.phone", "fin.credit_card", "fin.bank_account",
  ]

  @Test func everyCategoryOfTheVocabularyHasEnglishAndJapaneseNames() {
    #expect(Set(CategoryNames.knownCategories) == Set(Self.vocabulary))
    for category in Self.vocabulary {
      #expect(CategoryNames.english(category) != category)
      #expect(CategoryNames.japanese(category) != category)
    }
  }

  @Test func theIssuesJapaneseTermsAreAllThere() {
    let japanese = Self.vocabulary.map(CategoryNames.japanese)
    for term in [
      "氏名", "住所", "国籍", "生年月日", "性別", "職業", "メールアドレス", "電話番号", "マイナンバー", "運転免許証", "パスポート", "健康保険証",
      "在留カード", "住民票", "マイナンバーカード",
    ] {
      #expect(japanese.contains(term), "\(term)")
    }
  }

  @Test func anUnknownCategoryShowsItsIdentifier() {
    #expect(CategoryNames.english("acme.customer_id") == "acme.customer_id")
    #expect(CategoryNames.japanese("acme.customer_id") == "acme.customer_id")
  }
}
