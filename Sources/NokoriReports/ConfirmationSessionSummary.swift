import NokoriCore
import NokoriStore

/// One `nokori confirm` of a run, summed up: when, by whom, and how many of each result.
public struct ConfirmationSessionSummary: Sendable, Codable, Equatable {
  public var session: Int
  public var firstCheckedAt: String
  public var lastCheckedAt: String
  public var host: String
  public var user: String
  /// Result → count, every result present with its count (zero included), for stable output.
  public var counts: [String: Int]

  enum CodingKeys: String, CodingKey {
    case session, host, user, counts
    case firstCheckedAt = "first_checked_at"
    case lastCheckedAt = "last_checked_at"
  }

  /// Adds up records (in store order) into one summary per session, oldest first.
  public struct Accumulator {
    private var sessions: [Int: ConfirmationSessionSummary] = [:]
    public init() {}

    public mutating func add(_ record: ConfirmationRecord) {
      var summary =
        sessions[record.session]
        ?? ConfirmationSessionSummary(
          session: record.session, firstCheckedAt: record.checkedAt, lastCheckedAt: record.checkedAt,
          host: record.host, user: record.user,
          counts: Dictionary(uniqueKeysWithValues: ConfirmationResult.allCases.map { ($0.rawValue, 0) }))
      summary.counts[record.result.rawValue, default: 0] += 1
      summary.firstCheckedAt = min(summary.firstCheckedAt, record.checkedAt)
      summary.lastCheckedAt = max(summary.lastCheckedAt, record.checkedAt)
      sessions[record.session] = summary
    }

    public var summaries: [ConfirmationSessionSummary] { sessions.values.sorted { $0.session < $1.session } }
  }
}
