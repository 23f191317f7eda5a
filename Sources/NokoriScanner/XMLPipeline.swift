import Foundation
import LibXML
import NokoriCore
import NokoriExtract
import Synchronization

/// Text blocks with their recorded values, handed from the thread that parses an XML file to
/// the thread that runs the detector over it. Bounded: the parser waits when it is
/// ``capacity`` blocks ahead, so memory stays a few blocks whatever the file's size.
final class TextPipe: @unchecked Sendable {
  struct Block {
    var text: [UInt8]
    var spans: SpanBatch
  }

  static let capacity = 4
  private let condition = NSCondition()
  private var queue: [Block] = []
  private var closed = false
  private var cancelled = false

  /// Queues `block`; false when the reader has given up (stop producing).
  func put(_ block: Block) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while queue.count >= Self.capacity, !cancelled { condition.wait() }
    guard !cancelled else { return false }
    queue.append(block)
    condition.broadcast()
    return true
  }

  /// No more blocks will come.
  func close() {
    condition.lock()
    closed = true
    condition.broadcast()
    condition.unlock()
  }

  /// The reader gives up: a waiting or later `put` returns false.
  func cancel() {
    condition.lock()
    cancelled = true
    queue.removeAll()
    condition.broadcast()
    condition.unlock()
  }

  /// The next block, or nil once the pipe is closed and empty.
  func take() -> Block? {
    condition.lock()
    defer { condition.unlock() }
    while queue.isEmpty, !closed { condition.wait() }
    guard !queue.isEmpty else { return nil }
    let block = queue.removeFirst()
    condition.broadcast()
    return block
  }
}

/// What the parsing thread hands back when it is done. Written by that thread before it
/// signals `done`, read by the scanning thread after waiting for it.
private final class ParseResult: @unchecked Sendable {
  var summary: XMLParseSummary?
  var invalidSequences = 0
  var error: (any Error)?
  var bytesRead: Int64 = 0
  /// The file's SHA-256, when the parsing thread hashed all of it (see ``hashWanted``).
  var digest: String?
  let done = DispatchSemaphore(value: 0)
  /// Set by the detecting thread at the first finding: from then on the parsing thread hashes
  /// what it reads (after catching up on what it already read), so a flagged export is not
  /// read and hashed a second time on the detecting thread once both are done.
  let hashWanted = Atomic<Bool>(false)
}

/// The parsing side's inputs, moved to its thread whole (the file and extractor are used by
/// that thread alone until it signals `done`).
private struct ParseJob: @unchecked Sendable {
  let file: ReadOnlyFile
  let sample: [UInt8]
  let complete: Bool
  let extractor: XMLExtractor
  let pipe: TextPipe
  let result: ParseResult
  let progress: ProgressCounters?
}

private struct PipeCancelled: Error {}

extension FileScanner {
  /// Files at least this big are parsed on a second thread while this one detects: libxml2
  /// and the detector each take about half the time of a dense export, and a scan of one big
  /// file otherwise leaves the machine's other core idle.
  public static let pipelineThreshold: Int64 = 8 << 20

  /// Scans a large XML file with parsing and detection on two threads.
  func scanXMLFilePipelined(_ file: ReadOnlyFile, sample: [UInt8], complete: Bool, into report: inout FileReport) {
    report.format = "xml"
    file.adviseSequential()
    progress?.addBytes(sample.count)
    let extractor = XMLExtractor()
    let replay = extractor.makeReplayTracker()
    let pipe = TextPipe()
    let result = ParseResult()
    let job = ParseJob(
      file: file, sample: sample, complete: complete, extractor: extractor, pipe: pipe, result: result,
      progress: progress)
    let thread = Thread { Self.parse(job) }
    thread.stackSize = 8 << 20
    thread.start()

    var notes = ContainerNotes()
    do {
      try detect(member: nil, locator: replay, structured: true, into: &report) { feed in
        while let block = pipe.take() {
          replay.append(block.spans)
          try block.text.withUnsafeBytes { try feed($0) }
          if detector.hasRecorded { result.hashWanted.store(true, ordering: .relaxed) }
        }
      }
    } catch {
      notes.raise(.unreadable, "detection stopped: \(error)")
    }
    pipe.cancel()
    result.done.wait()
    report.bytesRead = result.bytesRead
    streamedDigest = result.digest
    report.encoding = extractor.encodingName
    if let error = result.error, !(error is PipeCancelled) {
      notes.raise(.unreadable, "read stopped: \(error)")
    }
    if let summary = result.summary {
      note(summary, invalid: result.invalidSequences, extractor: extractor, label: "", notes: &notes)
    }
    report.outcome = notes.outcome
    report.detail = notes.detail
  }

  /// The parsing thread: reads the file, runs libxml2 and the extractor, queues the text.
  private static func parse(_ job: ParseJob) {
    let extractor = job.extractor
    let result = job.result
    defer {
      job.pipe.close()
      result.done.signal()
    }
    let sink: (UnsafeRawBufferPointer) throws -> Void = { bytes in
      guard job.pipe.put(TextPipe.Block(text: Array(bytes), spans: extractor.tracker.drain())) else {
        throw PipeCancelled()
      }
    }
    var offset = Int64(job.sample.count)
    var buffer = [UInt8](repeating: 0, count: structuredChunk)
    let hash = StreamedFileHash(sampleCount: job.sample.count)
    do {
      try job.sample.withUnsafeBytes { try extractor.feed($0, sink: sink) }
      while !job.complete, !extractor.isStopped {
        if !hash.started, result.hashWanted.load(ordering: .relaxed) { hash.start(file: job.file, buffer: &buffer) }
        let count = try buffer.withUnsafeMutableBytes { try job.file.read(into: $0, at: offset) }
        if count == 0 {
          // Read to its end: the digest is of the whole file (a parse stopped early is not).
          result.digest = hash.digest(total: offset)
          break
        }
        offset += Int64(count)
        job.progress?.addBytes(count)
        try buffer.withUnsafeBytes {
          let block = UnsafeRawBufferPointer(rebasing: $0[0..<count])
          hash.add(block)
          try extractor.feed(block, sink: sink)
        }
      }
      let (summary, invalid) = try extractor.finish(sink: sink)
      result.summary = summary
      result.invalidSequences = invalid
    } catch {
      result.error = error
    }
    result.bytesRead = offset
  }
}
