import Foundation
import Testing

import NokoriReports

@Suite struct JSONFieldsTests {
  @Test func handBuiltLinesParseBackExactly() throws {
    let tricky = "a\"b\\c\nd\re\tf\u{1}g/h 日本語 😀"
    var inner = JSONFields()
    inner.add("line", 3)
    var fields = JSONFields()
    fields.add("text", tricky)
    fields.add("absent", nil as String?)
    fields.add("size", Int64(1) << 40)
    fields.add("mtime", 1_780_000_000.123456)
    fields.add("flag", false)
    fields.add("list", ["x", "y\"z"])
    fields.add("location", object: inner)
    let text = fields.text
    #expect(text.hasPrefix("{\"flag\":false,\"list\":"))  // keys sorted
    let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(parsed["text"] as? String == tricky)
    #expect(parsed["absent"] == nil)
    #expect((parsed["size"] as? NSNumber)?.int64Value == Int64(1) << 40)
    #expect((parsed["mtime"] as? NSNumber)?.doubleValue == 1_780_000_000.123456)
    #expect(parsed["list"] as? [String] == ["x", "y\"z"])
    #expect((parsed["location"] as? [String: Any])?["line"] as? Int == 3)
  }
}
