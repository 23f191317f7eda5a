/// Decides, as the stream goes by, which values below the minimum confidence stand in a record
/// (other kinds of personal data nearby), among every value seen and not only those kept.
///
/// The detector holds a bounded number of such values per category until the end (their
/// strings, for findings); past that bound they used to be dropped uncounted, so an export of a
/// million addresses reported 256 at `medium`, and those it held looked for neighbours among
/// kept hits only, so whether they counted depended on the per-category cap. Here each waits
/// with its offset, category and signals only, and is decided as soon as every value within the
/// record radius has been seen: memory is bounded by the text that may still hold its
/// neighbours, not by the file.
struct RecordWindow {
  struct Waiting {
    var offset: Int
    /// Where the value ends: two patterns' values overlapping are counted once.
    var end: Int
    var category: Int
    var pattern: Int
    var signals: SignalSet
    /// The value's entry in the detector's `recorded` when it is kept there for the end of the
    /// file (it then gains the signal, and is counted, with the rest of the file's evidence).
    var recordedIndex = -1
  }

  /// Values that have a confidence of their own (record evidence), sorted by offset.
  private var evidence: [(offset: Int, category: Int)] = []
  private var evidenceHead = 0
  private var waiting: [Waiting] = []
  private var waitingHead = 0

  mutating func reset() {
    evidence.removeAll(keepingCapacity: true)
    waiting.removeAll(keepingCapacity: true)
    evidenceHead = 0
    waitingHead = 0
  }

  mutating func noteEvidence(offset: Int, category: Int) {
    // Values come nearly in order (a window's are sorted; the next window's may start a little
    // before its last): kept sorted by a short step back from the end.
    var index = evidence.count
    while index > evidenceHead, evidence[index - 1].offset > offset { index -= 1 }
    if index == evidence.count { evidence.append((offset, category)) } else { evidence.insert((offset, category), at: index) }
  }

  mutating func wait(_ value: Waiting) { waiting.append(value) }

  /// Decides every waiting value whose neighbourhood (`radius` bytes either side) lies before
  /// `frontier` (no value seen later can start before it): `decide` gets the value and whether
  /// at least `kinds` kinds of personal data, its own included, stand within the radius.
  mutating func resolve(before frontier: Int, radius: Int, kinds: Int, _ decide: (Waiting, Bool) -> Void) {
    while waitingHead < waiting.count, waiting[waitingHead].offset + radius < frontier {
      let value = waiting[waitingHead]
      waitingHead += 1
      decide(value, distinctKinds(around: value, radius: radius) >= kinds)
    }
    // Evidence older than any value still to decide (or to come) can no longer matter.
    let cutoff = (waitingHead < waiting.count ? min(waiting[waitingHead].offset, frontier) : frontier) - radius
    while evidenceHead < evidence.count, evidence[evidenceHead].offset < cutoff { evidenceHead += 1 }
    if evidenceHead > 4096, evidenceHead * 2 > evidence.count {
      evidence.removeFirst(evidenceHead)
      evidenceHead = 0
    }
    if waitingHead > 4096, waitingHead * 2 > waiting.count {
      waiting.removeFirst(waitingHead)
      waitingHead = 0
    }
  }

  /// Distinct categories among the evidence within `radius` of `value`, its own included.
  private func distinctKinds(around value: Waiting, radius: Int) -> Int {
    // A bit per category (a catalogue has a few dozen); a list for any beyond 64.
    var seen: UInt64 = 0
    var others: [Int] = []
    func add(_ category: Int) {
      if category < 64 { seen |= 1 << UInt64(category) } else if !others.contains(category) { others.append(category) }
    }
    add(value.category)
    // The first evidence within the radius, then on until past it: a few values, not the window.
    var low = evidenceHead
    var high = evidence.count
    while low < high {
      let middle = (low + high) / 2
      if evidence[middle].offset < value.offset - radius { low = middle + 1 } else { high = middle }
    }
    var index = low
    while index < evidence.count, evidence[index].offset <= value.offset + radius {
      add(evidence[index].category)
      index += 1
    }
    return seen.nonzeroBitCount + others.count
  }
}
