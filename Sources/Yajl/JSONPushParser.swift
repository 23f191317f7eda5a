import CYajl

/// What kind of scalar a JSON value is.
public enum JSONScalarKind: Sendable {
  case string
  case number
  case boolean
  case null
}

/// Receives a JSON text's structure and values as the parser meets them. Returning false
/// from any call stops the parse.
public protocol JSONEventHandler: AnyObject {
  func startObject() -> Bool
  /// An object key (UTF-8, escapes decoded), valid only during the call.
  func key(_ bytes: UnsafeRawBufferPointer) -> Bool
  func endObject() -> Bool
  func startArray() -> Bool
  func endArray() -> Bool
  /// A scalar: strings with escapes decoded, numbers exactly as written (`123456789018`,
  /// never a double), valid only during the call.
  func scalar(_ bytes: UnsafeRawBufferPointer, kind: JSONScalarKind) -> Bool
}

/// How a parse ended.
public enum JSONParseResult: Sendable, Equatable {
  case complete
  /// The handler stopped it.
  case stopped
  /// Not well-formed JSON; what came before the error was delivered.
  case malformed
}

/// yajl's streaming JSON parser: bytes go in chunk by chunk, events come out, no tree is
/// built. Several top-level values in a row (JSON Lines) are accepted.
/// The corresponding C functions are `yajl_alloc`, `yajl_parse`, `yajl_complete_parse` and `yajl_free`.
public final class JSONPushParser {
  private let handle: yajl_handle
  private let events: EventBox
  private let callbacks: UnsafeMutablePointer<yajl_callbacks>
  public private(set) var result: JSONParseResult?

  public init(handler: any JSONEventHandler) throws(JSONParserSetupError) {
    events = EventBox(handler)
    callbacks = .allocate(capacity: 1)
    callbacks.initialize(to: yajl_callbacks())
    callbacks.pointee.yajl_null = { context in EventBox.owner(context)?.scalar(nil, 0, .null) ?? 0 }
    callbacks.pointee.yajl_boolean = { context, value in
      let text: StaticString = value != 0 ? "true" : "false"
      return EventBox.owner(context)?.scalar(text.utf8Start, text.utf8CodeUnitCount, .boolean) ?? 0
    }
    callbacks.pointee.yajl_number = { context, bytes, count in
      EventBox.owner(context)?.scalar(UnsafeRawPointer(bytes).map { $0.assumingMemoryBound(to: UInt8.self) }, Int(count), .number) ?? 0
    }
    callbacks.pointee.yajl_string = { context, bytes, count in EventBox.owner(context)?.scalar(bytes, Int(count), .string) ?? 0 }
    callbacks.pointee.yajl_start_map = { context in EventBox.owner(context)?.handler.startObject() == true ? 1 : 0 }
    callbacks.pointee.yajl_end_map = { context in EventBox.owner(context)?.handler.endObject() == true ? 1 : 0 }
    callbacks.pointee.yajl_start_array = { context in EventBox.owner(context)?.handler.startArray() == true ? 1 : 0 }
    callbacks.pointee.yajl_end_array = { context in EventBox.owner(context)?.handler.endArray() == true ? 1 : 0 }
    callbacks.pointee.yajl_map_key = { context, bytes, count in
      EventBox.owner(context)?.handler.key(UnsafeRawBufferPointer(start: bytes, count: Int(count))) == true ? 1 : 0
    }
    guard let handle = yajl_alloc(callbacks, nil, Unmanaged.passUnretained(events).toOpaque()) else {
      callbacks.deallocate()
      throw JSONParserSetupError.outOfMemory
    }
    self.handle = handle
    _ = nokori_yajl_enable(handle, yajl_allow_multiple_values)
    _ = nokori_yajl_enable(handle, yajl_allow_comments)
    // Text is decoded to UTF-8 before it reaches yajl; a stray byte is the decoder's to count.
    _ = nokori_yajl_enable(handle, yajl_dont_validate_strings)
  }

  deinit {
    yajl_free(handle)
    callbacks.deallocate()
  }

  /// Parses the next chunk; false once the parse has ended (stopped or malformed).
  @discardableResult
  public func feed(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard result == nil, let base = bytes.baseAddress, bytes.count > 0 else { return result == nil }
    record(yajl_parse(handle, base.assumingMemoryBound(to: UInt8.self), bytes.count))
    return result == nil
  }

  /// Ends the input; returns how the parse ended.
  public func finish() -> JSONParseResult {
    if result == nil { record(yajl_complete_parse(handle)) }
    return result ?? .complete
  }

  private func record(_ status: yajl_status) {
    switch status {
    case yajl_status_ok: break
    case yajl_status_client_canceled: result = .stopped
    default: result = .malformed
    }
  }
}

/// The handler, reachable from yajl's context pointer (the parser owns it; the handler owns the parser).
private final class EventBox {
  unowned(unsafe) let handler: any JSONEventHandler

  init(_ handler: any JSONEventHandler) { self.handler = handler }

  func scalar(_ bytes: UnsafePointer<UInt8>?, _ count: Int, _ kind: JSONScalarKind) -> Int32 {
    handler.scalar(UnsafeRawBufferPointer(start: bytes, count: count), kind: kind) ? 1 : 0
  }

  static func owner(_ context: UnsafeMutableRawPointer?) -> EventBox? {
    context.map { Unmanaged<EventBox>.fromOpaque($0).takeUnretainedValue() }
  }
}

/// Why a parser could not be created.
public enum JSONParserSetupError: Error, Sendable {
  case outOfMemory
}
