import Foundation
import NokoriCore
import NokoriReports
import NokoriStore

/// Records a confirmation's checks: prints each and writes them to the store in batches.
final class ConfirmationRecorder {
  private let store: FindingStore
  private let run: Int64
  private let session: Int
  private let host: String
  private let user: String
  private let writer: ConfirmationWriter
  private var batch: [ConfirmationRecord] = []
  private(set) var counts: [ConfirmationResult: Int] = [:]
  private(set) var total = 0
  // The ISO 8601 time is to the second: formatted once per second, not once per file.
  private var stampSecond = -1
  private var stamp = ""

  init(store: FindingStore, run: Int64, session: Int, host: String, user: String, writer: ConfirmationWriter) {
    self.store = store
    self.run = run
    self.session = session
    self.host = host
    self.user = user
    self.writer = writer
  }

  func record(
    fileID: Int64?, path: String, checked: String, result: ConfirmationResult, detail: String?,
    newPath: String? = nil, sha256: String?
  ) throws {
    let now = Date()
    let second = Int(now.timeIntervalSince1970)
    if second != stampSecond {
      stampSecond = second
      stamp = now.formatted(.iso8601)
    }
    let record = ConfirmationRecord(
      run: run, session: session, fileID: fileID, checkedAt: stamp, host: host, user: user,
      path: path, checked: checked, result: result, detail: detail, newPath: newPath, sha256: sha256)
    writer.write(record)
    counts[result, default: 0] += 1
    total += 1
    batch.append(record)
    if batch.count >= 2000 { try flush() }
  }

  func flush() throws {
    let records = batch
    batch.removeAll(keepingCapacity: true)
    do { try store.append(records) } catch { throw NokoriUsageError("cannot write the store: \(error)") }
  }

  func finish() throws {
    try flush()
    writer.finish()
  }
}
