import NokoriCore
import NokoriWalk

/// A directory's listing with the files an earlier verdict covers taken out, worked out on
/// the listing's own task: a sweep of unchanged files is then as parallel as its walk, not
/// held up by look-ups on the coordinator. Files that may repeat (hard links, followed
/// links) are left for the coordinator, which matches them up before carrying them.
struct CarriedListing: Sendable {
  var listing: DirectoryLister.Listing
  /// Verdicts copied into the run as its own rows.
  var carried: [FileReport] = []
  /// Files the base run's rows stand for.
  var kept = 0

  /// Lists `directory`, leaving out while listing the files whose base rows stand for them:
  /// no path or entry is made for those (most files, on a night when little changed).
  init(listing directory: PendingDirectory, with lister: RootLister, carrying: (any PriorVerdicts)?) {
    guard let carrying else {
      self.init(lister.list(directory), carrying: nil)
      return
    }
    var keptFiles: [KeptFile] = []
    let listing = lister.list(directory) { files in
      let kept = carrying.keptFiles(for: files)
      keptFiles += kept.compactMap { $0 }
      return kept.map { $0 != nil }
    }
    self.init(listing, carrying: carrying, alreadyKept: keptFiles)
  }

  init(_ listing: DirectoryLister.Listing, carrying: (any PriorVerdicts)?, alreadyKept: [KeptFile] = []) {
    self.listing = listing
    guard let carrying else { return }
    var remaining: [WalkEntry] = []
    var keptFiles = alreadyKept
    for entry in listing.files {
      if entry.mayRepeat {
        remaining.append(entry)
        continue
      }
      switch carrying.verdict(for: entry) {
      case .kept(let file)?: keptFiles.append(file)
      case .report(let report)?: carried.append(report)
      case nil: remaining.append(entry)
      }
    }
    // One lock per directory, not per file.
    carrying.recordKept(keptFiles)
    kept = keptFiles.count
    self.listing.files = remaining
  }
}
