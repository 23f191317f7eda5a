import Foundation
import NokoriCore
import NokoriStore

/// How many files, values and people a run found exposed, per category, per root and per
/// host: the table a notification to customers and the regulator needs.
///
/// People are counted by distinct keyed fingerprints of identifiers that belong to one
/// person (``IdentifierCategories``). A fingerprint is keyed by its category, so the same
/// person met once by My Number and once by passport number counts twice in the sum: the
/// summary therefore gives a range, `at least` (the largest count of one identifier kind)
/// to `at most` (every distinct identifier), and the count per identifier kind.
public struct ExposureSummary: Sendable, Codable, Equatable {
  /// One category's row.
  public struct CategoryRow: Sendable, Codable, Equatable {
    public var category: String
    public var english: String
    public var japanese: String
    public var files: Int
    public var findings: Int
    public var distinctValues: Int
    /// True for categories that identify one person and so count people.
    public var identifiesPerson: Bool

    enum CodingKeys: String, CodingKey {
      case category, english, japanese, files, findings
      case distinctValues = "distinct_values"
      case identifiesPerson = "identifies_person"
    }
  }

  /// Totals for one root or one host.
  public struct PlaceRow: Sendable, Codable, Equatable {
    public var name: String
    public var filesFlagged: Int
    public var findings: Int
    public var distinctIdentifiers: Int

    enum CodingKeys: String, CodingKey {
      case name, findings
      case filesFlagged = "files_flagged"
      case distinctIdentifiers = "distinct_identifiers"
    }
  }

  /// Flagged files in one folder, for the chart by folder.
  public struct FolderRow: Sendable, Codable, Equatable {
    public var folder: String
    public var filesFlagged: Int

    enum CodingKeys: String, CodingKey {
      case folder
      case filesFlagged = "files_flagged"
    }
  }

  public var run: Int64
  public var host: String
  public var minimumConfidence: String
  public var filesFlagged: Int
  public var findings: Int
  /// At least this many people: the largest distinct count of one identifier kind.
  public var peopleAtLeast: Int
  /// At most this many people: all distinct identifiers of every kind.
  public var peopleAtMost: Int
  public var categories: [CategoryRow]
  public var roots: [PlaceRow]
  public var hosts: [PlaceRow]
  /// The folders with the most flagged files, most first (at most ``maxFolders``).
  public var folders: [FolderRow]
  public var identifierCategories: [String]
  /// With `scan --known-ids`: identifiers on the firm's list, and how many of them were found
  /// (the exact number of known customers exposed). Nil without a list.
  public var knownIdentifiersListed: Int?
  public var knownCustomersExposed: Int?
  /// Every `nokori confirm` of the run so far, oldest first, with its counts per result.
  public var confirmations: [ConfirmationSessionSummary] = []

  /// Folders kept for the chart by folder.
  public static let maxFolders = 20

  enum CodingKeys: String, CodingKey {
    case run, host, findings, categories, roots, hosts, folders, confirmations
    case minimumConfidence = "minimum_confidence"
    case filesFlagged = "files_flagged"
    case peopleAtLeast = "people_at_least"
    case peopleAtMost = "people_at_most"
    case identifierCategories = "identifier_categories"
    case knownIdentifiersListed = "known_identifiers_listed"
    case knownCustomersExposed = "known_customers_exposed"
  }

  /// Builds the summary of `run` from the store, at or above `minimum`; `confirmations` when
  /// the caller has already summed them up (the exporter, while writing them), else read here.
  public static func build(
    store: FindingStore, run: RunRecord, minimum: Confidence, confirmations: [ConfirmationSessionSummary]? = nil
  ) throws -> ExposureSummary {
    let counts = try store.categoryCounts(run: run.id, minimum: minimum)
    let totals = try store.exposureTotals(run: run.id, minimum: minimum)
    let rows = counts.map { count in
      CategoryRow(
        category: count.category, english: CategoryNames.english(count.category),
        japanese: CategoryNames.japanese(count.category), files: count.files, findings: count.findings,
        distinctValues: count.distinctValues,
        identifiesPerson: IdentifierCategories.rawValues.contains(count.category))
    }
    let roots = try run.roots.map { root in
      let place = try store.exposureTotals(run: run.id, minimum: minimum, under: root)
      return PlaceRow(
        name: root, filesFlagged: place.files, findings: place.findings, distinctIdentifiers: place.distinctIdentifiers)
    }
    // One run is one host; the per-host table is kept so summaries of several runs add up.
    let hosts = [
      PlaceRow(
        name: run.host, filesFlagged: totals.files, findings: totals.findings,
        distinctIdentifiers: totals.distinctIdentifiers)
    ]
    var folderCounts: [String: Int] = [:]
    try store.forEachFlaggedFile(run: run.id, minimum: minimum) { page in
      for file in page { folderCounts[Self.folder(of: file.path), default: 0] += 1 }
    }
    let folders = folderCounts.map { FolderRow(folder: $0.key, filesFlagged: $0.value) }
      .sorted { ($0.filesFlagged, $1.folder) > ($1.filesFlagged, $0.folder) }
      .prefix(maxFolders)
    let known = try store.knownCustomerCounts(run: run.id, minimum: minimum)
    var sessions = confirmations
    if sessions == nil {
      var accumulator = ConfirmationSessionSummary.Accumulator()
      try store.forEachConfirmation(run: run.id) { page in page.forEach { accumulator.add($0) } }
      sessions = accumulator.summaries
    }
    return ExposureSummary(
      run: run.id, host: run.host, minimumConfidence: minimum.rawValue, filesFlagged: totals.files,
      findings: totals.findings,
      peopleAtLeast: rows.filter(\.identifiesPerson).map(\.distinctValues).max() ?? 0,
      peopleAtMost: totals.distinctIdentifiers, categories: rows, roots: roots, hosts: hosts, folders: Array(folders),
      identifierCategories: IdentifierCategories.all.map(\.rawValue), knownIdentifiersListed: known?.listed,
      knownCustomersExposed: known?.exposed, confirmations: sessions ?? [])
  }

  static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }
}
