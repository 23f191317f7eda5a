/// Bounds on what one saved mail may make the scanner do: past them the rest is not read and
/// the outcome says so.
public struct MailLimits: Sendable {
  /// Messages and multiparts nested inside one another (forwarded mails in forwarded mails).
  public var maxDepth = 32
  /// Parts read per file, across every nested message.
  public var maxParts = 10_000
  /// Decoded bytes read from one attachment or body part; the rest of it is not read.
  public var maxPartBytes: Int64 = 1 << 30

  public init() {}
}

/// Where the scanner is inside the mails of the file being scanned: shared by the mail walk
/// and by attachments that are mails themselves, however they were reached (a zip member).
final class MailNesting {
  var depth = 0
  var parts = 0
  var depthReported = false
  var messages = 0
  var attachments = 0

  /// Enters one level; counters start over when a new file's first mail is entered.
  func enter() {
    if depth == 0 {
      parts = 0
      messages = 0
      attachments = 0
      depthReported = false
    }
    depth += 1
  }

  func leave() { depth -= 1 }
}
