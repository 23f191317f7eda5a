/// Unicode scalars of UTF-8 bytes, decoded onto the stack with the standard library's UTF-8
/// decoder: validators that read characters (dates, addresses) work on a candidate's bytes
/// without building a String first.
enum UTF8Scalars {
  /// Calls `body` with the scalar values of `bytes`; nil (and `body` is not called) when the
  /// bytes are not valid UTF-8, so that callers go through `String(decoding:)`, whose repair
  /// of bad sequences they then share.
  static func withScalars<Result>(
    of bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt32>) -> Result
  ) -> Result? {
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: max(1, bytes.count)) { buffer -> Result? in
      var count = 0
      var iterator = bytes.makeIterator()
      var decoder = UTF8()
      while true {
        switch decoder.decode(&iterator) {
        case .scalarValue(let scalar):
          buffer[count] = scalar.value
          count += 1
        case .emptyInput:
          return body(UnsafeBufferPointer(rebasing: buffer[0..<count]))
        case .error:
          return nil
        }
      }
    }
  }

  /// True when `bytes` are valid UTF-8.
  static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    // Most candidates are ASCII (numbers, addresses in mail): passed over byte by byte first.
    var start = 0
    while start < bytes.count, bytes[start] < 0x80 { start += 1 }
    guard start < bytes.count else { return true }
    var iterator = UnsafeBufferPointer(rebasing: bytes[start...]).makeIterator()
    var decoder = UTF8()
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue: continue
      case .emptyInput: return true
      case .error: return false
      }
    }
  }
}
