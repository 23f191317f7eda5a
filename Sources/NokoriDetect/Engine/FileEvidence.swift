import NokoriCore

/// A hit on its way out: kept until the end of the stream, when evidence about the whole
/// file (an identity document, a record of one person) can still raise its confidence.
struct Recorded {
  var draft: StreamDetector.Draft
  var category: Int
  /// Nil while no rule accepts it.
  var level: Confidence?
  /// Already in the category counts.
  var counted: Bool
  /// Not to be counted: a value of its category counted during the stream covers it.
  var covered = false
}

extension StreamDetector {
  /// Bytes around a value in which other kinds of personal data make it part of a record.
  static let recordRadius = 300
  /// Distinct kinds of personal data (the value's own included) that make a record.
  static let recordKinds = 3

  /// Notes a classifier's title or anchor at absolute offset `offset`.
  func noteAnchor(_ anchor: Int, of pattern: Int, at offset: Int, length: Int) {
    let bit: UInt64 = anchor < 64 ? 1 << UInt64(anchor) : 0
    classifierAnchors[pattern, default: 0] |= bit
    // The first title decides the location; of titles starting there (住民票, 住民票の写し) the longest.
    if anchor < patterns[pattern].titleCount,
      classifierTitle[pattern].map({ $0.range.lowerBound == offset && $0.range.count < length }) ?? true
    {
      let (line, column) = locateForAnchor(offset)
      classifierTitle[pattern] = (offset..<(offset + length), line, column)
    }
  }

  /// Decides what only the whole file can tell, then turns what was recorded into ``hits``:
  /// which identity documents the file is a copy of, which values belong to them or to a
  /// record of one person, and the confidence each ends with.
  func settle() {
    let documents = classifiedDocuments()
    let isDocument = !documents.isEmpty || documentFromImage
    let mrzNumbers = Set(
      recorded.filter { patterns[$0.draft.pattern].isMRZ && $0.level != nil }
        .map(\.draft.canonical))
    if isDocument || !mrzNumbers.isEmpty {
      for index in recorded.indices {
        let isMRZNumber = mrzNumbers.contains(recorded[index].draft.canonical)
        if isDocument || isMRZNumber {
          recorded[index].draft.signals.insert(.document)
          if explain {
            recorded[index].draft.notes.append(isMRZNumber ? "the document number of an MRZ in this file" : documents.isEmpty ? "image is an identity document" : "file is \(documents.map(\.category.rawValue).joined(separator: ", "))")
          }
        }
      }
    }
    markRecords()
    var settled: [Hit] = []
    for var entry in recorded {
      let pattern = patterns[entry.draft.pattern]
      let level = pattern.level(for: entry.draft.signals)
      let final = [entry.level, level].compactMap { $0 }.max()
      guard let final, final >= minimumConfidence else {
        if explain {
          rejections.append(
            Rejection(
              patternID: pattern.id, range: entry.draft.range, line: entry.draft.line,
              masked: pattern.mask.mask(entry.draft.value),
              reason: "no rule reaches \(minimumConfidence) with signals [\(entry.draft.signals.names.joined(separator: ","))]"))
        }
        continue
      }
      if !entry.counted {
        if !entry.covered { countValue(entry.draft.range, category: entry.category) }
        guard keptByCategory[entry.category] < maxHitsPerCategory else { continue }
        keptByCategory[entry.category] += 1
        entry.counted = true
      }
      settled.append(hit(entry.draft, level: final))
    }
    // After the values above: one of them covering a value only the document counts takes its place.
    if isDocument {
      for index in documentCounts.indices { countsByCategory[index] += documentCounts[index] }
    }
    for document in documents { settled.append(document) }
    hits = mergesOverlaps ? Self.withoutOverlaps(settled) : settled.sorted { $0.range.lowerBound < $1.range.lowerBound }
  }

  /// One hit per value: where two patterns of one category cover overlapping text (a labelled
  /// address and the same address found from its prefecture), the more confident, then longer, stays.
  static func withoutOverlaps(_ hits: [Hit]) -> [Hit] {
    let sorted = hits.sorted {
      ($0.range.lowerBound, $0.category.rawValue, $1.range.upperBound) < ($1.range.lowerBound, $1.category.rawValue, $0.range.upperBound)
    }
    var kept: [Hit] = []
    kept.reserveCapacity(sorted.count)
    // Categories seen so far with the index of their last kept hit: a handful, so a linear
    // search beats hashing the category's string for every hit.
    var last: [(category: Category, index: Int)] = []
    for hit in sorted {
      if let slot = last.firstIndex(where: { $0.category == hit.category }) {
        let index = last[slot].index
        if kept[index].range.overlaps(hit.range) {
          if (hit.confidence, hit.range.count) > (kept[index].confidence, kept[index].range.count) { kept[index] = hit }
          continue
        }
        last[slot].index = kept.count
      } else {
        last.append((hit.category, kept.count))
      }
      kept.append(hit)
    }
    return kept
  }

  func hit(_ draft: Draft, level: Confidence) -> Hit {
    let pattern = patterns[draft.pattern]
    return Hit(
      patternID: pattern.id, category: pattern.category, confidence: level, range: draft.range, line: draft.line,
      column: draft.column, field: draft.field, place: draft.place, masked: pattern.mask.mask(draft.value),
      fingerprint: fingerprint(category: pattern.category, canonical: draft.canonical),
      signals: Set(draft.signals.members), explanation: draft.notes.joined(separator: "; "))
  }

  /// Classifiers whose title and enough anchors occurred, as document hits.
  private func classifiedDocuments() -> [Hit] {
    var documents: [Hit] = []
    for (index, bits) in classifierAnchors.sorted(by: { $0.key < $1.key }) {
      let pattern = patterns[index]
      guard let classifier = pattern.definition.classifier, let title = classifierTitle[index] else { continue }
      let titleMask: UInt64 = pattern.titleCount >= 64 ? .max : (1 << UInt64(pattern.titleCount)) - 1
      let anchors = (bits & ~titleMask).nonzeroBitCount
      let level: Confidence? = anchors >= classifier.high ? .high : (anchors >= classifier.medium ? .medium : nil)
      guard let level, level >= minimumConfidence else {
        if explain {
          rejections.append(
            Rejection(
              patternID: pattern.id, range: title.range, line: title.line, masked: pattern.definition.name,
              reason: "title but only \(anchors) of the \(classifier.medium) anchors needed"))
        }
        continue
      }
      countsByCategory[categoryIndex[index]] += 1
      documents.append(
        Hit(
          patternID: pattern.id, category: pattern.category, confidence: level, range: title.range, line: title.line,
          column: title.column, field: nil, masked: pattern.definition.name,
          fingerprint: fingerprint(category: pattern.category, canonical: pattern.category.rawValue),
          signals: [.format], explanation: explain ? "title and \(anchors) anchors" : ""))
    }
    return documents
  }

  /// Adds `record` to every value with at least ``recordKinds`` kinds of personal data
  /// (its own included) within ``recordRadius`` bytes.
  private func markRecords() {
    guard recorded.count >= Self.recordKinds else { return }
    let order = recorded.indices.sorted { recorded[$0].draft.range.lowerBound < recorded[$1].draft.range.lowerBound }
    var low = 0
    var high = 0
    var kinds: [Int: Int] = [:]
    for position in order.indices {
      let center = recorded[order[position]].draft.range.lowerBound
      while high < order.count, recorded[order[high]].draft.range.lowerBound <= center + Self.recordRadius {
        if recorded[order[high]].level != nil { kinds[recorded[order[high]].category, default: 0] += 1 }
        high += 1
      }
      while recorded[order[low]].draft.range.lowerBound < center - Self.recordRadius {
        if recorded[order[low]].level != nil {
          let category = recorded[order[low]].category
          kinds[category, default: 0] -= 1
          if kinds[category] == 0 { kinds[category] = nil }
        }
        low += 1
      }
      var distinct = kinds.count
      if recorded[order[position]].level == nil, kinds[recorded[order[position]].category] == nil { distinct += 1 }
      if distinct >= Self.recordKinds {
        recorded[order[position]].draft.signals.insert(.record)
        if explain { recorded[order[position]].draft.notes.append("\(distinct) kinds of personal data nearby") }
      }
    }
  }
}
