import NokoriScanner
import NokoriStore

/// What a finished sweep leaves beside the store as the carry index for the next one. The
/// next sweep keeps by reference the rows of this sweep's base (when this sweep kept them
/// so) or of this sweep itself, and the index holds that run's rows; the rows a later sweep
/// left out or read again come from the store. So a night that keeps its base writes no
/// index at all: rewriting the base's 200,000 records (16 MB) took 20 ms of a 0.3 s sweep,
/// and 400 MB a night on a share of five million files.
enum CarryIndexUpdate {
  /// The base's index, which this sweep read its verdicts from, stands as it is.
  case unchanged
  /// The base rows this sweep kept, as the base's index: it read them from the store (no
  /// index, or another run's), and the next sweep need not.
  case keptBaseRows(StoredVerdicts, base: Int64)
  /// This sweep's own rows: it kept nothing by reference, and is the next sweep's base.
  case ownRows

  init(carry: SweepCarry?) {
    guard let carry, carry.keptByReference, let base = carry.sources.base else {
      self = .ownRows
      return
    }
    self = carry.verdicts.source == "index" ? .unchanged : .keptBaseRows(carry.verdicts, base: base)
  }

  /// How the log names it.
  var name: String {
    switch self {
    case .unchanged: "unchanged"
    case .keptBaseRows: "base"
    case .ownRows: "own"
    }
  }

  /// Whether ``write(run:digest:path:ownRows:)`` needs the run's own rows.
  var needsOwnRows: Bool {
    if case .ownRows = self { true } else { false }
  }

  /// Writes the index for run `run` (verdict digest `digest`) at `path`; `ownRows` are that
  /// run's rows when ``needsOwnRows``.
  func write(run: Int64, digest: String, path: String, ownRows: [CarryIndexFile.Record]) throws {
    switch self {
    case .unchanged:
      return
    case .keptBaseRows(let verdicts, let base):
      try CarryIndexFile.write(run: base, verdictDigest: digest, to: path) {
        try verdicts.encodeKeptRecords(base: base, into: &$0)
      }
    case .ownRows:
      try CarryIndexFile.write(ownRows, run: run, verdictDigest: digest, to: path)
    }
  }
}
