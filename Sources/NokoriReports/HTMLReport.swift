import Foundation
import NokoriCore
import NokoriStore

/// The evidence bundle's `report.html`: one self-contained page (inline CSS and SVG, no
/// script, no external URL) that opens from the unzipped folder in any browser. Every string
/// from the store is escaped; only masked values and fingerprints ever reach it.
public enum HTMLReport {
  /// What the page shows.
  public struct Content: Sendable {
    public var run: RunRecord
    public var summary: ExposureSummary
    public var confirmations: [ConfirmationSessionSummary]
    /// The first flagged files, in file order, for the table of files.
    public var flaggedSample: [FlaggedFile]
    public var flaggedTotal: Int

    public init(
      run: RunRecord, summary: ExposureSummary, confirmations: [ConfirmationSessionSummary],
      flaggedSample: [FlaggedFile], flaggedTotal: Int
    ) {
      self.run = run
      self.summary = summary
      self.confirmations = confirmations
      self.flaggedSample = flaggedSample
      self.flaggedTotal = flaggedTotal
    }
  }

  /// Flagged files listed in the page; the full inventory is `files.jsonl`.
  public static let maxListedFiles = 500

  public static func render(_ content: Content) -> String {
    let run = content.run
    let summary = content.summary
    var html = """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8">
      <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
      <title>Nokori evidence: run \(run.id)</title>
      <style>
      body{font-family:system-ui,"Noto Sans CJK JP",sans-serif;margin:2em;color:#222;max-width:70em}
      table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #bbb;padding:.25em .6em;text-align:left}
      th{background:#eee}td.n{text-align:right;font-variant-numeric:tabular-nums}
      .headline{font-size:1.2em}.headline b{font-size:1.4em}svg text{font-size:12px;font-family:inherit}
      code{font-size:.9em}
      </style></head><body>
      <h1>Nokori evidence report — run \(run.id)</h1>
      <p>Only masked values and keyed fingerprints appear in this bundle; no raw personal data.</p>
      <h2>Run</h2>
      <table id="run">
      """
    let metadata: [(String, String)] = [
      ("Run", String(run.id)), ("Host", run.host), ("User", run.user), ("Roots", run.roots.joined(separator: "\n")),
      ("Started", run.startedAt), ("Finished", run.finishedAt ?? "-"), ("Status", run.status),
      ("Tool version", run.toolVersion), ("Pattern-set digest", run.patternDigest), ("Fingerprint key id", run.keyID),
      ("Files seen", String(run.filesSeen)), ("Files not fully scanned", String(run.filesIncomplete)),
      ("Minimum confidence counted", summary.minimumConfidence),
    ]
    for (name, value) in metadata {
      html += "<tr><th>\(escape(name))</th><td>\(escape(value).replacingOccurrences(of: "\n", with: "<br>"))</td></tr>\n"
    }
    html += "</table>\n"
    html += """
      <h2>Exposure</h2>
      <p class="headline" id="headline">Files flagged: <b id="files-flagged">\(summary.filesFlagged)</b> ·
      Findings: <b id="findings">\(summary.findings)</b> ·
      People exposed: <b id="people">\(escape(ExposureSummaryWriter.peopleText(summary)))</b>\(knownCustomers(summary))</p>
      <p>People are counted by distinct keyed fingerprints of \(escape(summary.identifierCategories.joined(separator: ", "))).
      The lower figure is the largest count of one kind of identifier; the upper one counts every distinct
      identifier, so a person found by two kinds counts twice.</p>
      <table id="categories"><tr><th>Category</th><th>区分</th><th>ID</th><th>Files</th><th>Findings</th><th>Distinct values</th></tr>

      """
    for row in summary.categories {
      html +=
        "<tr><td>\(escape(row.english))</td><td>\(escape(row.japanese))</td><td><code>\(escape(row.category))</code></td>"
        + "<td class=\"n\">\(row.files)</td><td class=\"n\">\(row.findings)</td><td class=\"n\">\(row.distinctValues)</td></tr>\n"
    }
    html += "</table>\n<h3>Files flagged by category</h3>\n"
    html += barChart(
      id: "chart-categories",
      rows: summary.categories.map { ("\($0.english) / \($0.japanese)", $0.files) })
    html += "<h3>Files flagged by folder (top \(ExposureSummary.maxFolders))</h3>\n"
    html += barChart(id: "chart-folders", rows: summary.folders.map { ($0.folder, $0.filesFlagged) })
    html += placeTable(id: "roots", title: "Root", rows: summary.roots)
    html += placeTable(id: "hosts", title: "Host", rows: summary.hosts)

    html += "<h2>Deletion confirmations</h2>\n"
    if content.confirmations.isEmpty {
      html += "<p id=\"confirmations\">This run has not been confirmed (<code>nokori confirm</code>).</p>\n"
    } else {
      let results = ConfirmationResult.allCases.map(\.rawValue)
      html += "<table id=\"confirmations\"><tr><th>#</th><th>Checked</th><th>Host</th><th>User</th>"
      html += results.map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n"
      for session in content.confirmations {
        html +=
          "<tr><td class=\"n\">\(session.session)</td><td>\(escape(session.firstCheckedAt))</td>"
          + "<td>\(escape(session.host))</td><td>\(escape(session.user))</td>"
          + results.map { "<td class=\"n\">\(session.counts[$0] ?? 0)</td>" }.joined() + "</tr>\n"
      }
      html += "</table>\n"
    }

    html += "<h2>Flagged files</h2>\n"
    if content.flaggedTotal > content.flaggedSample.count {
      html += "<p>The first \(content.flaggedSample.count) of \(content.flaggedTotal); all are in <code>files.jsonl</code>.</p>\n"
    }
    html += "<table id=\"files\"><tr><th>Path</th><th>Categories</th><th>Size</th><th>SHA-256</th></tr>\n"
    for file in content.flaggedSample {
      html +=
        "<tr><td>\(escape(file.path))</td><td>\(escape(file.categories.joined(separator: ", ")))</td>"
        + "<td class=\"n\">\(file.size.map(String.init) ?? "-")</td><td><code>\(escape(file.sha256 ?? "-"))</code></td></tr>\n"
    }
    html += "</table>\n</body></html>\n"
    return html
  }

  static func knownCustomers(_ summary: ExposureSummary) -> String {
    guard let listed = summary.knownIdentifiersListed, let exposed = summary.knownCustomersExposed else { return "" }
    return " · Known customers exposed (exact): <b id=\"known-customers\">\(exposed)</b> of \(listed) listed"
  }

  static func placeTable(id: String, title: String, rows: [ExposureSummary.PlaceRow]) -> String {
    var html = "<h3>By \(title.lowercased())</h3>\n<table id=\"\(id)\"><tr><th>\(title)</th><th>Files flagged</th>"
    html += "<th>Findings</th><th>Distinct identifiers</th></tr>\n"
    for row in rows {
      html +=
        "<tr><td>\(escape(row.name))</td><td class=\"n\">\(row.filesFlagged)</td><td class=\"n\">\(row.findings)</td>"
        + "<td class=\"n\">\(row.distinctIdentifiers)</td></tr>\n"
    }
    return html + "</table>\n"
  }

  /// A horizontal bar chart as inline SVG: one labelled bar per row, scaled to the largest.
  static func barChart(id: String, rows: [(label: String, value: Int)]) -> String {
    guard !rows.isEmpty else { return "<p id=\"\(id)\">Nothing flagged.</p>\n" }
    let barHeight = 20
    let gap = 6
    let labelWidth = 330
    let barArea = 360
    let height = rows.count * (barHeight + gap) + gap
    let largest = max(1, rows.map(\.value).max() ?? 1)
    var svg =
      "<svg id=\"\(id)\" width=\"\(labelWidth + barArea + 60)\" "
      + "height=\"\(height)\" role=\"img\">\n"
    for (index, row) in rows.enumerated() {
      let y = gap + index * (barHeight + gap)
      let width = max(1, row.value * barArea / largest)
      svg +=
        "<text x=\"\(labelWidth - 6)\" y=\"\(y + 14)\" text-anchor=\"end\">\(escape(shorten(row.label)))</text>"
        + "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(width)\" height=\"\(barHeight)\" fill=\"#3b6ea5\"/>"
        + "<text x=\"\(labelWidth + width + 4)\" y=\"\(y + 14)\">\(row.value)</text>\n"
    }
    return svg + "</svg>\n"
  }

  /// Long folder names keep their end, the part that tells them apart.
  static func shorten(_ label: String) -> String {
    label.count <= 48 ? label : "…" + label.suffix(47)
  }

  /// Escapes text for HTML element content and attribute values.
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text.unicodeScalars {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.unicodeScalars.append(character)
      }
    }
    return out
  }
}
