import NokoriCore

/// English and Japanese names of every category in DESIGN.md's vocabulary: the one place
/// reports, the exposure summary and the HTML report take them from. A category not listed
/// (an organisation's own pattern) shows its identifier in both languages.
public enum CategoryNames {
  /// (English, Japanese) by category identifier.
  static let names: [String: (english: String, japanese: String)] = [
    "jp.my_number": ("My Number", "マイナンバー"),
    "jp.passport_number": ("Passport number", "パスポート番号"),
    "mrz.passport": ("Passport (machine-readable zone)", "パスポート (MRZ)"),
    "jp.drivers_licence_number": ("Driver's licence number", "運転免許証番号"),
    "jp.residence_card_number": ("Residence card number", "在留カード番号"),
    "jp.health_insurance_number": ("Health insurance card number", "健康保険証番号"),
    "doc.passport": ("Passport (document)", "パスポート"),
    "doc.drivers_licence": ("Driver's licence (document)", "運転免許証"),
    "doc.residence_card": ("Residence card (document)", "在留カード"),
    "doc.my_number_card": ("My Number card (document)", "マイナンバーカード"),
    "doc.health_insurance_card": ("Health insurance card (document)", "健康保険証"),
    "doc.resident_record": ("Resident record (document)", "住民票"),
    "pii.person_name": ("Name", "氏名"),
    "pii.address": ("Address", "住所"),
    "pii.date_of_birth": ("Date of birth", "生年月日"),
    "pii.gender": ("Gender", "性別"),
    "pii.nationality": ("Nationality", "国籍"),
    "pii.occupation": ("Occupation", "職業"),
    "pii.email": ("E-mail address", "メールアドレス"),
    "pii.phone": ("Phone number", "電話番号"),
    "fin.credit_card": ("Credit card number", "クレジットカード番号"),
    "fin.bank_account": ("Bank account number", "銀行口座番号"),
  ]

  /// Every category identifier named here, sorted.
  public static var knownCategories: [String] { names.keys.sorted() }

  /// The English name, or the identifier itself for an unknown category.
  public static func english(_ category: String) -> String { names[category]?.english ?? category }

  /// The Japanese name, or the identifier itself for an unknown category.
  public static func japanese(_ category: String) -> String { names[category]?.japanese ?? category }
}
