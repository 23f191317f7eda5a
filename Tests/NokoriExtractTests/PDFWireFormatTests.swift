import NokoriExtract
import Testing

/// The messages between a scanner and its PDF worker survive the trip unchanged.
@Suite struct PDFWireFormatTests {
  func payload(_ message: [UInt8]) -> [UInt8] {
    let length = Int(message[0]) | Int(message[1]) << 8 | Int(message[2]) << 16 | Int(message[3]) << 24
    #expect(length == message.count - 4)
    return Array(message[4...])
  }

  @Test func requestRoundTrips() {
    var limits = PDFLimits()
    limits.maxPages = 7
    limits.timeBudget = 2.5
    limits.textOrder = .reading
    let request = PDFWireFormat.Request(path: "/共有/顧客 一覧.pdf", limits: limits)
    #expect(PDFWireFormat.decodeRequest(payload(PDFWireFormat.encode(request))) == request)
  }

  @Test func answersRoundTrip() {
    var summary = PDFSummary()
    summary.pageCount = 12
    summary.pagesRead = 10
    summary.pagesNeedingOCR = 1
    summary.problem = .tooManyPages(declared: 12, read: 10)
    let answers: [PDFWireFormat.Answer] = [
      .event(.page(number: 3, text: "氏名：山田 太郎\n", ocr: false)),
      .event(.field(name: "氏名", value: "山田 太郎", page: 2)),
      .event(.field(name: "title", value: "台帳", page: nil)),
      .event(.attachment(name: "list.csv", data: [0, 1, 2, 255], truncated: true)),
      .summary(summary),
      .summary(PDFSummary()),
    ]
    for answer in answers {
      #expect(PDFWireFormat.decodeAnswer(payload(PDFWireFormat.encode(answer))) == answer)
    }
    #expect(PDFWireFormat.decodeAnswer([0x58]) == nil)
  }
}
