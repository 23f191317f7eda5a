import Gsf

/// An Outlook .msg message read from its compound-file storage: the MAPI properties that hold
/// people (subject, sender, recipients), its body in the forms it has, and its attachments.
/// Property streams are named `__substg1.0_IIIITTTT` (property id, type); strings are
/// PT_UNICODE (UTF-16LE, type 001F) or PT_STRING8 (type 001E, in the message's code page).
public final class OutlookMessage {
  /// A header-like property, named as a mail header would be.
  public struct Field: Sendable {
    public var name: String
    public var value: String
  }

  /// One attachment: its file data as a stream, or an embedded message.
  public final class Attachment {
    public let name: String?
    public let data: CompoundStream?
    public let embedded: OutlookMessage?

    init(name: String?, data: CompoundStream?, embedded: OutlookMessage?) {
      self.name = name
      self.data = data
      self.embedded = embedded
    }
  }

  /// The body in the best form it was found in.
  public enum Body {
    case text(String)
    case html([UInt8], declaredCharset: String?)
    case rtf(String)
  }

  private let storage: CompoundStorage
  private let names: Set<String>
  /// The encoding of PT_STRING8 values (from PR_MESSAGE_CODEPAGE / PR_INTERNET_CPID).
  public let codePage: TextEncoding?
  /// Body forms present but not decodable, said plainly (`RTF body: CRC mismatch`).
  public private(set) var problems: [String] = []

  /// Bytes read from one property at most (bodies are bounded here, attachments are streamed).
  static let maxPropertyBytes = 64 << 20

  /// True when `storage` holds an Outlook message rather than another OLE2 document.
  public static func isMessage(_ storage: CompoundStorage) -> Bool {
    let names = storage.childNames
    return names.contains("__properties_version1.0") && names.contains { $0.hasPrefix("__substg1.0_") }
  }

  /// The message in `storage`: the file's root, or an embedded message (`embedded`).
  public convenience init(storage: CompoundStorage, embedded: Bool) {
    self.init(storage: storage, headerSize: embedded ? 24 : 32, inherited: nil)
  }

  /// `headerSize` is the properties stream's header: 32 bytes for the top message, 24 for an
  /// embedded one, 8 for an attachment's or recipient's storage (which inherit the code page).
  private init(storage: CompoundStorage, headerSize: Int, inherited: TextEncoding?) {
    self.storage = storage
    names = Set(storage.childNames)
    let header = headerSize
    let properties = storage.stream(named: "__properties_version1.0")?.readAll(limit: 1 << 20) ?? []
    var page: TextEncoding? = inherited
    var offset = header
    while offset + 16 <= properties.count {
      let tag = UInt32(properties[offset]) | UInt32(properties[offset + 1]) << 8 | UInt32(properties[offset + 2]) << 16
        | UInt32(properties[offset + 3]) << 24
      let value = Int(properties[offset + 8]) | Int(properties[offset + 9]) << 8 | Int(properties[offset + 10]) << 16
      // PR_INTERNET_CPID (3FDE) says how the text was sent; PR_MESSAGE_CODEPAGE (3FFD) how it is stored.
      if tag == 0x3FFD_0003 || (tag == 0x3FDE_0003 && page == nil) { page = RTFText.encoding(codePage: value) ?? page }
      offset += 16
    }
    codePage = page
  }

  /// A string property, whichever string type it was stored as.
  public func string(_ id: UInt16) -> String? {
    let hex = Self.hex(id)
    if let unicode = bytes("__substg1.0_\(hex)001F") {
      return MailTextDecoder.decode(unicode, encoding: .utf16LE).text.trimmingNULs()
    }
    if let ansi = bytes("__substg1.0_\(hex)001E") {
      let encoding = codePage ?? EncodingDetector.detect(ansi, isComplete: true)?.0 ?? .utf8
      return MailTextDecoder.decode(ansi, encoding: encoding).text.trimmingNULs()
    }
    return nil
  }

  private func bytes(_ name: String) -> [UInt8]? {
    guard names.contains(name) else { return nil }
    return storage.stream(named: name)?.readAll(limit: Self.maxPropertyBytes)
  }

  /// Subject, sender and recipients, named as mail headers.
  public var fields: [Field] {
    var fields: [Field] = []
    func add(_ name: String, _ value: String?) {
      if let value, !value.isEmpty { fields.append(Field(name: name, value: value)) }
    }
    add("Subject", string(0x0037))
    let senderAddress = string(0x5D01) ?? string(0x0C1F) ?? string(0x0065)
    let senderName = string(0x0C1A) ?? string(0x0042)
    add("From", [senderName, senderAddress.map { "<\($0)>" }].compactMap { $0 }.joined(separator: " "))
    add("To", string(0x0E04))
    add("Cc", string(0x0E03))
    for name in names.sorted() where name.hasPrefix("__recip_version1.0_") {
      guard let recipient = storage.storage(named: name) else { continue }
      let message = OutlookMessage(storage: recipient, headerSize: 8, inherited: codePage)
      let address = message.string(0x39FE) ?? message.string(0x3003)
      add("Recipient", [message.string(0x3001), address.map { "<\($0)>" }].compactMap { $0 }.joined(separator: " "))
    }
    return fields
  }

  /// The body: plain text if present, else HTML, else RTF decompressed and reduced to text.
  /// Forms that are present but cannot be decoded are added to ``problems``.
  public func body() -> Body? {
    if let text = string(0x1000) { return .text(text) }
    if let html = bytes("__substg1.0_10130102") { return .html(html, declaredCharset: nil) }
    if let html = string(0x1013) { return .html(Array(html.utf8), declaredCharset: "utf-8") }
    if let compressed = bytes("__substg1.0_10090102") {
      do {
        let rtf = try CompressedRTF.decompress(compressed)
        return .rtf(RTFText.text(rtf).text)
      } catch {
        problems.append("RTF body: \(error); not read")
      }
    }
    return nil
  }

  /// The attachments, in order.
  public var attachments: [Attachment] {
    names.sorted().filter { $0.hasPrefix("__attach_version1.0_") }.compactMap { name in
      guard let storage = storage.storage(named: name) else { return nil }
      let properties = OutlookMessage(storage: storage, headerSize: 8, inherited: codePage)
      let fileName = properties.string(0x3707) ?? properties.string(0x3704) ?? properties.string(0x3001)
      if let inner = storage.storage(named: "__substg1.0_3701000D") {
        return Attachment(name: fileName, data: nil, embedded: OutlookMessage(storage: inner, headerSize: 24, inherited: codePage))
      }
      return Attachment(name: fileName, data: storage.stream(named: "__substg1.0_37010102"), embedded: nil)
    }
  }

  private static func hex(_ id: UInt16) -> String {
    let digits = String(id, radix: 16, uppercase: true)
    return String(repeating: "0", count: 4 - digits.count) + digits
  }
}

extension String {
  /// PT_STRING8 and PT_UNICODE values end in a NUL character.
  fileprivate func trimmingNULs() -> String {
    var copy = self
    while copy.last == "\0" { copy.removeLast() }
    return copy
  }
}
