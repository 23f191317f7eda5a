/// The categories whose values identify one person, used to count people exposed and to
/// recognise the same people in a copied or moved file.
///
/// `jp.health_insurance_number` is left out on purpose: the insurer number and 記号 are
/// shared by every member of an insured household (and often a whole employer), so one
/// value does not stand for one person; counting it would inflate the number of people.
public enum IdentifierCategories {
  public static let all: [Category] = [
    Category("jp.my_number"), Category("jp.passport_number"), Category("mrz.passport"),
    Category("jp.residence_card_number"), Category("jp.drivers_licence_number"),
  ]

  public static let rawValues: Set<String> = Set(all.map(\.rawValue))

  /// True when `category` identifies one person.
  public static func contains(_ category: Category) -> Bool { rawValues.contains(category.rawValue) }
}
