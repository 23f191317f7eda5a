/// A field of a CSV stream as ``CSVFieldTracker`` keeps it while the detector may still ask
/// about it: plain integers, no strings.
struct FieldSpan {
  /// Where the field starts (an opening quote or leading spaces included).
  var start: Int
  var valueStart: Int
  var valueEnd: Int
  var column: Int
  /// Non-empty values of the column up to and including this one.
  var ordinal: Int
}

/// The fields a tracker keeps, oldest first: appended at the back once per field and
/// dropped from the front once per block.
///
/// Manually managed memory: a table of short fields appends millions, and two Swift arrays
/// cost a uniqueness check per append and moved every kept field on each drop.
final class FieldSpanQueue {
  private var storage: UnsafeMutablePointer<FieldSpan>
  private var capacity: Int
  private var head = 0
  private var tail = 0

  init(capacity: Int = 4096) {
    self.capacity = capacity
    storage = .allocate(capacity: capacity)
  }

  deinit { storage.deallocate() }

  var count: Int { tail &- head }

  subscript(index: Int) -> FieldSpan {
    precondition(index >= 0 && index < count, "field index out of range")
    return storage[head &+ index]
  }

  func append(_ span: FieldSpan) {
    if tail == capacity { makeRoom() }
    (storage + tail).initialize(to: span)
    tail &+= 1
  }

  /// Forgets the `count` oldest fields.
  func removeFirst(_ count: Int) {
    head = min(tail, head &+ count)
    if head == tail {
      head = 0
      tail = 0
    }
  }

  /// Moves the live fields to the front, or doubles the storage when they fill over half of it.
  private func makeRoom() {
    let live = count
    if live * 2 > capacity {
      let grown = UnsafeMutablePointer<FieldSpan>.allocate(capacity: capacity * 2)
      grown.moveInitialize(from: storage + head, count: live)
      storage.deallocate()
      storage = grown
      capacity *= 2
    } else {
      storage.moveInitialize(from: storage + head, count: live)
    }
    head = 0
    tail = live
  }
}
