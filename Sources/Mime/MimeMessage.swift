import CGMime

#if canImport(Glibc)
  import Glibc
#endif

/// One header as it stands in the message: its name and its raw (still encoded) value bytes.
public struct MimeHeader: Sendable, Equatable {
  public var name: String
  public var rawValue: [UInt8]
}

/// Something the MIME parser met that makes the message damaged or hostile.
public enum MimeParserIssue: Sendable, Equatable {
  /// Parts nested past GMime's own limit (a deliberate parser attack).
  case nestingOverflow
  /// A multipart without its boundary, or with no parts found inside it.
  case brokenMultipart
  /// The message ends before its parts do.
  case truncated
  /// Other damage GMime reports (invalid header names, parts with neither headers nor content…).
  case malformed
}

/// Why a message could not be parsed at all.
public enum MimeError: Error, Sendable, Equatable {
  case notAMessage
  case descriptor(Int32)
}

/// A parsed RFC 5322 message: its headers and its body tree.
///
/// Parsed by GMime with a persistent stream, so part contents are not copied into memory:
/// each part refers to its byte range of the file and is decoded only when read.
/// The corresponding C functions are `g_mime_parser_construct_message` and `g_object_unref`.
public final class MimeMessage {
  let message: UnsafeMutablePointer<GMimeMessage>
  /// What the parser met on the way (at most a few of each kind are kept).
  public let issues: [MimeParserIssue]

  /// GMime decodes ISO-2022-JP header words itself while it parses (subject, addresses) and
  /// closes its converter after each; glibc then unloads the gconv module and loads it again
  /// for the next mail (a fifth of a mail's scan time). One converter held open keeps it loaded.
  private static let initialized: Int = {
    g_mime_init()
    let charsets: [String] = ["ISO-2022-JP", "CP932", "EUC-JP", "SHIFT_JIS"]
    return charsets.filter { iconv_open("UTF-8", $0) != iconv_t(bitPattern: -1) }.count
  }()

  /// Parses the message in the file open at `descriptor` (read-only; duplicated, not taken over).
  public convenience init(descriptor: Int32) throws(MimeError) {
    _ = Self.initialized
    let copy = dup(descriptor)
    guard copy >= 0 else { throw MimeError.descriptor(errno) }
    // The copy shares the file offset, and GMime reads from wherever it stands: a file that
    // was written before (a share's file copied into memory) must be read from its start.
    _ = lseek(copy, 0, SEEK_SET)
    guard let stream = g_mime_stream_fs_new(copy) else {
      close(copy)
      throw MimeError.descriptor(ENOMEM)
    }
    try self.init(stream: stream)
  }

  /// Parses a message held in memory (a message attached to another, a zip member).
  public convenience init(bytes: [UInt8]) throws(MimeError) {
    _ = Self.initialized
    let stream = bytes.withUnsafeBytes { raw in
      g_mime_stream_mem_new_with_buffer(raw.baseAddress?.assumingMemoryBound(to: CChar.self), raw.count)
    }
    guard let stream else { throw MimeError.notAMessage }
    try self.init(stream: stream)
  }

  /// Takes over `stream` (one reference).
  private init(stream: UnsafeMutablePointer<GMimeStream>) throws(MimeError) {
    defer { nokori_mime_unref(stream) }
    let collector = IssueCollector()
    let options = g_mime_parser_options_new()
    defer { g_mime_parser_options_free(options) }
    g_mime_parser_options_set_warning_callback(
      options,
      { _, code, _, context in
        guard let context else { return }
        Unmanaged<IssueCollector>.fromOpaque(context).takeUnretainedValue().add(code)
      }, Unmanaged.passUnretained(collector).toOpaque())
    guard let parser = g_mime_parser_new_with_stream(stream) else { throw MimeError.notAMessage }
    defer { nokori_mime_unref(parser) }
    g_mime_parser_set_persist_stream(parser, 1)
    let parsed = withExtendedLifetime(collector) { g_mime_parser_construct_message(parser, options) }
    guard let parsed else { throw MimeError.notAMessage }
    message = parsed
    issues = collector.issues
  }

  /// A message parsed as part of another (a message/rfc822 part): one more reference taken.
  init(borrowing message: UnsafeMutablePointer<GMimeMessage>) {
    nokori_mime_ref(message)
    self.message = message
    issues = []
  }

  deinit { nokori_mime_unref(message) }

  /// Every header of the message, in order, raw.
  public var headers: [MimeHeader] {
    message.withMemoryRebound(to: GMimeObject.self, capacity: 1) { MimeEntity.headers(of: $0) }
  }

  /// The top MIME part (a leaf or a multipart), if the message has a body.
  public var body: MimeEntity? {
    g_mime_message_get_mime_part(message).map { MimeEntity(borrowing: $0) }
  }
}

/// Gathers parser warnings during one parse.
private final class IssueCollector {
  var issues: [MimeParserIssue] = []

  func add(_ code: GMimeParserWarning) {
    let issue: MimeParserIssue? =
      switch code {
      case GMIME_CRIT_NESTING_OVERFLOW: .nestingOverflow
      case GMIME_WARN_MALFORMED_MULTIPART, GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY: .brokenMultipart
      case GMIME_WARN_TRUNCATED_MESSAGE: .truncated
      case GMIME_WARN_MALFORMED_MESSAGE, GMIME_CRIT_INVALID_HEADER_NAME, GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT:
        .malformed
      default: nil
      }
    guard let issue, issues.count < 64, !issues.contains(issue) else { return }
    issues.append(issue)
  }
}
