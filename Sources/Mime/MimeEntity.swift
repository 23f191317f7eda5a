import CGMime

#if canImport(Glibc)
  import Glibc
#endif

/// One MIME part of a message: a leaf with content, a multipart holding parts, or a whole
/// message inside (message/rfc822). Holds a reference to its GMime object.
public final class MimeEntity {
  /// What the part holds.
  public enum Kind {
    case leaf
    case multipart
    case message
  }

  let object: UnsafeMutablePointer<GMimeObject>
  public let kind: Kind

  init(borrowing object: UnsafeMutablePointer<GMimeObject>) {
    nokori_mime_ref(object)
    self.object = object
    kind =
      nokori_mime_is_multipart(object) != 0 ? .multipart : nokori_mime_is_message_part(object) != 0 ? .message : .leaf
  }

  deinit { nokori_mime_unref(object) }

  /// `type/subtype`, lower-cased (`text/plain` when the part declares none).
  public var mimeType: String {
    guard let type = g_mime_object_get_content_type(object) else { return "text/plain" }
    let media = g_mime_content_type_get_media_type(type).map { String(cString: $0) } ?? "text"
    let subtype = g_mime_content_type_get_media_subtype(type).map { String(cString: $0) } ?? "plain"
    return (media + "/" + subtype).lowercased()
  }

  /// A Content-Type parameter (`charset`, `name`), as GMime decoded it.
  public func contentTypeParameter(_ name: String) -> String? {
    g_mime_object_get_content_type_parameter(object, name).map { String(cString: $0) }
  }

  /// The attachment's file name (Content-Disposition `filename`, else Content-Type `name`),
  /// RFC 2231 and RFC 2047 decoded by GMime.
  public var fileName: String? {
    guard kind == .leaf else { return nil }
    return object.withMemoryRebound(to: GMimePart.self, capacity: 1) { part in
      g_mime_part_get_filename(part).map { String(cString: $0) }
    }
  }

  /// The file name any part declares (Content-Disposition `filename` or Content-Type `name`),
  /// for parts that are not leaves (a message/rfc822 part saved as `forwarded.eml`).
  public var declaredName: String? {
    if let name = fileName { return name }
    let value = g_mime_object_get_content_disposition_parameter(object, "filename")
      ?? g_mime_object_get_content_type_parameter(object, "name")
    return value.map { String(cString: $0) }
  }

  /// True when the part says it is an attachment (Content-Disposition: attachment).
  public var isAttachment: Bool {
    guard kind == .leaf else { return false }
    return object.withMemoryRebound(to: GMimePart.self, capacity: 1) { g_mime_part_is_attachment($0) != 0 }
  }

  /// The part's own headers, raw.
  public var headers: [MimeHeader] { Self.headers(of: object) }

  /// The parts of a multipart (empty for other kinds).
  public var children: [MimeEntity] {
    guard kind == .multipart else { return [] }
    return object.withMemoryRebound(to: GMimeMultipart.self, capacity: 1) { multipart in
      (0..<max(0, Int(g_mime_multipart_get_count(multipart)))).compactMap { index in
        g_mime_multipart_get_part(multipart, Int32(index)).map { MimeEntity(borrowing: $0) }
      }
    }
  }

  /// The message inside a message/rfc822 part.
  public var message: MimeMessage? {
    guard kind == .message else { return nil }
    return object.withMemoryRebound(to: GMimeMessagePart.self, capacity: 1) { part in
      g_mime_message_part_get_message(part).map { MimeMessage(borrowing: $0) }
    }
  }

  /// The leaf's content with its transfer encoding (base64, quoted-printable, uuencode)
  /// undone, as a stream; nil for a part without content.
  public func openContent() -> MimeContentStream? {
    guard kind == .leaf else { return nil }
    return object.withMemoryRebound(to: GMimePart.self, capacity: 1) { part in
      guard let wrapper = g_mime_part_get_content(part), let raw = g_mime_data_wrapper_get_stream(wrapper) else {
        return nil
      }
      return MimeContentStream(raw: raw, encoding: g_mime_data_wrapper_get_encoding(wrapper))
    }
  }

  /// The transfer encoding the leaf declares (`base64`, `quoted-printable`, `7bit`…).
  public var transferEncoding: String {
    guard kind == .leaf else { return "7bit" }
    return object.withMemoryRebound(to: GMimePart.self, capacity: 1) { part in
      g_mime_content_encoding_to_string(g_mime_part_get_content_encoding(part)).map { String(cString: $0) } ?? "7bit"
    }
  }

  static func headers(of object: UnsafeMutablePointer<GMimeObject>) -> [MimeHeader] {
    guard let list = g_mime_object_get_header_list(object) else { return [] }
    let count = Int(g_mime_header_list_get_count(list))
    var headers: [MimeHeader] = []
    headers.reserveCapacity(count)
    for index in 0..<count {
      guard let header = g_mime_header_list_get_header_at(list, Int32(index)), let name = g_mime_header_get_name(header)
      else { continue }
      let raw = g_mime_header_get_raw_value(header).map { pointer in
        Array(UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)))
      }
      headers.append(MimeHeader(name: String(cString: name), rawValue: raw ?? []))
    }
    return headers
  }
}

/// A part's decoded content, read in chunks: the bytes come from the message's stream
/// through GMime's decoding filter, so a large attachment is never held whole.
/// The corresponding C functions are `g_mime_stream_filter_new` and `g_mime_stream_read`.
public final class MimeContentStream {
  private let stream: UnsafeMutablePointer<GMimeStream>

  init?(raw: UnsafeMutablePointer<GMimeStream>, encoding: GMimeContentEncoding) {
    g_mime_stream_reset(raw)
    guard let filtered = g_mime_stream_filter_new(raw) else { return nil }
    switch encoding {
    case GMIME_CONTENT_ENCODING_BASE64, GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE, GMIME_CONTENT_ENCODING_UUENCODE:
      if let filter = g_mime_filter_basic_new(encoding, 0) {
        filtered.withMemoryRebound(to: GMimeStreamFilter.self, capacity: 1) { _ = g_mime_stream_filter_add($0, filter) }
        nokori_mime_unref(filter)
      }
    default:
      break
    }
    stream = filtered
  }

  deinit { nokori_mime_unref(stream) }

  /// Fills `buffer` with the next decoded bytes; 0 at the end.
  /// - Throws: ``MimeReadError`` when the underlying file cannot be read.
  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(MimeReadError) -> Int {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
    do {
      let count = g_mime_stream_read(stream, base.assumingMemoryBound(to: CChar.self), buffer.count)
      if count >= 0 { return count }
      if g_mime_stream_eos(stream) != 0 { return 0 }
      throw MimeReadError(code: errno)
    }
  }
}

/// The file under a message could not be read.
public struct MimeReadError: Error, Sendable, CustomStringConvertible {
  public var code: Int32
  public var description: String { "read: \(String(cString: strerror(code)))" }
}
