import NokoriScanner
import NokoriStore

/// What a sweep carries over from earlier sweeps: the runs it carries from, the base whose
/// rows it keeps by reference, and the verdicts loaded from them; at the end, how the kept
/// rows are recorded.
final class SweepCarry {
  let sources: CarrySources
  let verdicts: StoredVerdicts
  /// Whether the run ended up keeping its base's rows by reference (rather than copying them).
  private(set) var keptByReference = false

  private init(sources: CarrySources, verdicts: StoredVerdicts) {
    self.sources = sources
    self.verdicts = verdicts
  }

  /// The carry-over for a sweep with `verdictDigest` and allowed locations `allowed` (as the
  /// run options record them); nil when no earlier sweep has verdicts to carry.
  static func load(store: FindingStore, verdictDigest: String, allowed: String) throws -> SweepCarry? {
    let runs = try store.carryOverRuns(verdictDigest: verdictDigest)
    guard !runs.all.isEmpty else { return nil }
    // A base row keeps the `allowed` flag it was written with: when the allowed locations
    // changed since, every carried verdict is written again with the flag worked out anew.
    let base = try runs.completed.flatMap(store.carryBase(carryingFrom:)).flatMap { base in
      try (store.runOption(base, "allowed") ?? "") == allowed ? base : nil
    }
    let sources = CarrySources(
      completed: runs.completed, stopped: Array(runs.all.dropFirst(runs.completed == nil ? 0 : 1)), base: base,
      verdictDigest: verdictDigest)
    return SweepCarry(sources: sources, verdicts: StoredVerdicts(files: try store.priorFiles(sources)))
  }

  /// Records how run `run` holds the base rows it kept: by reference (the base, and the rows
  /// it left out), or — when it kept less than it left out (another config's roots in the
  /// same store, a tree that mostly changed) — as copies of its own, which cost less than
  /// listing most of the base.
  func recordKeptRows(run: Int64, store: FindingStore) throws {
    guard let base = sources.base else { return }
    // Counted first: only the shorter of the two lists is made.
    if verdicts.kept.count < verdicts.excludedBaseRowCount {
      try store.copyRows(verdicts.keptBaseRows, into: run)
      return
    }
    try store.keepByReference(run: run, base: base, excluded: verdicts.excludedBaseRows)
    keptByReference = true
  }

  /// Whether every row this run kept by reference was part of run `sweep`: true when it
  /// carried from `sweep` (its base rows are those of that sweep it matched), so their
  /// findings were in `sweep` too.
  func keptRowsWereIn(_ sweep: Int64?) -> Bool {
    keptByReference && sweep != nil && sources.completed == sweep
  }
}
