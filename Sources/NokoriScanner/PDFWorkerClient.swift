import Foundation
import NokoriExtract

#if canImport(Glibc)
  import Glibc
#endif

/// Parses PDFs in a worker process (`nokori __worker pdf`) so that a crash or a hang inside
/// poppler costs one file: the worker's death makes the file `parser-crashed`, and a file
/// past the time budget gets the worker killed (SIGKILL) and is `timed-out`. The next file
/// starts a fresh worker. Modelled on Apache Tika's forked parser and its watchdog.
///
/// One per ``FileScanner``, used by one thread at a time, so the pool is as wide as `--jobs`.
final class PDFWorkerClient: PDFEventSource {
  private let command: [String]
  let timeout: Double
  private var worker: (pid: pid_t, input: Int32, output: Int32)?
  private var buffer: [UInt8] = []
  /// Where the next unread message starts in `buffer`.
  private var head = 0
  /// What each read fills: made once, not once per message.
  private var chunk = [UInt8](repeating: 0, count: 1 << 16)
  private static let spawnLock = NSLock()

  init(command: [String], timeout: Double) {
    self.command = command
    self.timeout = timeout
    // A worker that dies leaves a pipe with no reader: writing to it must fail, not kill us.
    signal(SIGPIPE, SIG_IGN)
  }

  deinit { stop(kill: false) }

  func extract(path: String, limits: PDFLimits, emit: (PDFEvent) throws -> Void) throws -> PDFSummary {
    try exchange(PDFWireFormat.encode(PDFWireFormat.Request(path: path, limits: limits))) { payload in
      switch PDFWireFormat.decodeAnswer(payload) {
      case .event(let event)?:
        try emit(event)
        return .more
      case .summary(let summary)?: return .done(summary)
      case nil: return .unreadable
      }
    }
  }

  /// What one answer message was: more to come, the last, or not an answer at all.
  enum Step<Summary> {
    case more, done(Summary), unreadable
  }

  /// Sends `request` to the worker and hands each answer to `take` until the last, within the
  /// time budget. - Throws: ``ParserFailure`` when the worker dies, hangs or answers garbage.
  func exchange<Summary>(_ request: [UInt8], take: ([UInt8]) throws -> Step<Summary>) throws -> Summary {
    let worker = try running()
    let deadline = ContinuousClock.now + .milliseconds(Int64(timeout * 1000))
    guard Self.writeAll(worker.input, request) else { throw died() }
    while true {
      switch try take(try nextMessage(from: worker.output, deadline: deadline)) {
      case .more: continue
      case .done(let summary): return summary
      case .unreadable:
        stop(kill: true)
        throw ParserFailure.crashed("unreadable answer")
      }
    }
  }

  /// The live worker, started if there is none.
  func running() throws -> (pid: pid_t, input: Int32, output: Int32) {
    if let worker { return worker }
    // Close-on-exec, set under a lock shared by every scanner: a sibling worker spawned in
    // between must not inherit these pipes (its copy would keep EOF from ever arriving).
    // (Glibc's pipe2 is hidden behind _GNU_SOURCE from Swift.)
    Self.spawnLock.lock()
    defer { Self.spawnLock.unlock() }
    var toChild: [Int32] = [0, 0]
    var fromChild: [Int32] = [0, 0]
    guard pipe(&toChild) == 0 else { throw ParserFailure.crashed("pipe: errno \(errno)") }
    guard pipe(&fromChild) == 0 else {
      close(toChild[0])
      close(toChild[1])
      throw ParserFailure.crashed("pipe: errno \(errno)")
    }
    for fd in toChild + fromChild { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
    posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
    // poppler writes its syntax complaints to stderr; they are noise on a sweep's terminal.
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let status = posix_spawn(&pid, command[0], &actions, nil, argv, environ)
    close(toChild[0])
    close(fromChild[1])
    guard status == 0 else {
      close(toChild[1])
      close(fromChild[0])
      throw ParserFailure.crashed("worker could not be started: errno \(status)")
    }
    buffer.removeAll()
    head = 0
    let started = (pid: pid, input: toChild[1], output: fromChild[0])
    worker = started
    return started
  }

  /// Reads one whole message, waiting at most until `deadline`.
  func nextMessage(from fd: Int32, deadline: ContinuousClock.Instant) throws -> [UInt8] {
    while true {
      if buffer.count - head >= 4 {
        let length =
          Int(buffer[head]) | Int(buffer[head + 1]) << 8 | Int(buffer[head + 2]) << 16 | Int(buffer[head + 3]) << 24
        guard length <= PDFWireFormat.maxMessage else {
          stop(kill: true)
          throw ParserFailure.crashed("oversized answer")
        }
        if buffer.count - head >= 4 + length {
          let payload = Array(buffer[head + 4..<head + 4 + length])
          head += 4 + length
          return payload
        }
      }
      // Messages are taken from the front by moving `head`; the consumed part is dropped only
      // before reading more, so a chunk holding many pages is not shifted once per page.
      if head > 0 {
        buffer.removeFirst(head)
        head = 0
      }
      let left = deadline - ContinuousClock.now
      guard left > .zero else {
        stop(kill: true)
        throw ParserFailure.timedOut(seconds: timeout)
      }
      var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      let milliseconds = Int32(clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1)
      let ready = poll(&poller, 1, milliseconds)
      if ready < 0, errno == EINTR { continue }
      if ready == 0 { continue }
      let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else { throw died() }
      buffer.append(contentsOf: chunk[0..<count])
    }
  }

  /// The worker is gone: reaps it and says how it died.
  func died() -> ParserFailure {
    guard let worker else { return .crashed("worker gone") }
    close(worker.input)
    close(worker.output)
    self.worker = nil
    var status: Int32 = 0
    waitpid(worker.pid, &status, 0)
    // WIFSIGNALED / WTERMSIG are macros Swift cannot see.
    let signalNumber = status & 0x7F
    if signalNumber != 0 { return .crashed("signal \(signalNumber)") }
    return .crashed("exit status \((status >> 8) & 0xFF)")
  }

  /// Ends the worker: SIGKILL when it may be stuck, else closing its input lets it exit.
  func stop(kill force: Bool) {
    guard let worker else { return }
    if force { kill(worker.pid, SIGKILL) }
    close(worker.input)
    close(worker.output)
    var status: Int32 = 0
    waitpid(worker.pid, &status, 0)
    self.worker = nil
  }

  static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes { raw -> Int in
        guard let base = raw.baseAddress else { return -1 }
        return write(fd, base + written, raw.count - written)
      }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else { return false }
      written += count
    }
    return true
  }
}
