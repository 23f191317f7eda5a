import Foundation

/// Prints an ``ExposureSummary`` as aligned tables (English and Japanese names) or as one
/// JSON object.
public enum ExposureSummaryWriter {
  public static func write(_ summary: ExposureSummary, json: Bool, to output: TextOutput) {
    if json {
      output.line(JSONLine.encode(summary))
      output.flush()
      return
    }
    output.line("Exposure summary of run \(summary.run) (host \(summary.host), confidence \(summary.minimumConfidence) and above)")
    output.line("")
    output.line(
      "Files flagged: \(summary.filesFlagged)   Findings: \(summary.findings)   People exposed (by "
        + "distinct identifiers): \(peopleText(summary))")
    if let listed = summary.knownIdentifiersListed, let exposed = summary.knownCustomersExposed {
      output.line("Known customers exposed (exact, from --known-ids): \(exposed) of \(listed) identifiers listed")
    }
    output.line("")
    output.line(DisplayWidth.row(["CATEGORY", "区分", "FILES", "FINDINGS", "DISTINCT", "ID"], widths: categoryWidths))
    for row in summary.categories {
      output.line(
        DisplayWidth.row(
          [
            row.english, row.japanese, String(row.files), String(row.findings), String(row.distinctValues),
            row.category + (row.identifiesPerson ? "  (counts people)" : ""),
          ], widths: categoryWidths))
    }
    if summary.categories.isEmpty { output.line("(nothing flagged)") }
    output.line("")
    output.line(DisplayWidth.row(["ROOT", "FILES", "FINDINGS", "IDENTIFIERS"], widths: placeWidths))
    for row in summary.roots { output.line(place(row)) }
    output.line("")
    output.line(DisplayWidth.row(["HOST", "FILES", "FINDINGS", "IDENTIFIERS"], widths: placeWidths))
    for row in summary.hosts { output.line(place(row)) }
    output.line("")
    if summary.confirmations.isEmpty {
      output.line("Not confirmed yet (nokori confirm --run \(summary.run)).")
    }
    for session in summary.confirmations {
      let counts = session.counts.filter { $0.value > 0 }.sorted { $0.key < $1.key }
        .map { "\($0.value) \($0.key)" }.joined(separator: ", ")
      output.line(
        "Confirmation \(session.session) (\(session.firstCheckedAt), \(session.user)@\(session.host)): "
          + (counts.isEmpty ? "nothing flagged" : counts))
    }
    output.flush()
  }

  /// "12" when the bounds agree, else "12 to 15".
  public static func peopleText(_ summary: ExposureSummary) -> String {
    summary.peopleAtLeast == summary.peopleAtMost
      ? String(summary.peopleAtMost) : "\(summary.peopleAtLeast) to \(summary.peopleAtMost)"
  }

  static let categoryWidths = [34, 22, 7, 9, 9]
  static let placeWidths = [40, 7, 9]

  static func place(_ row: ExposureSummary.PlaceRow) -> String {
    DisplayWidth.row(
      [row.name, String(row.filesFlagged), String(row.findings), String(row.distinctIdentifiers)], widths: placeWidths)
  }
}
