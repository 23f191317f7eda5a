import Testing

@testable import NokoriReports

@Suite struct DisplayWidthTests {
  @Test func wideCharactersTakeTwoColumns() {
    #expect(DisplayWidth.of("abc") == 3)
    #expect(DisplayWidth.of("山田 太郎") == 9)
    #expect(DisplayWidth.of("ｶﾀｶﾅ") == 4, "half-width katakana is narrow")
    #expect(DisplayWidth.of("") == 0)
  }

  @Test func rowsPadEachCellToItsWidthAndCutLongOnes() {
    #expect(DisplayWidth.row(["high", "pii.email", "/a"], widths: [6, 10]) == "high    pii.email   /a")
    #expect(DisplayWidth.row(["氏名", "x"], widths: [6]) == "氏名    x")
    #expect(DisplayWidth.row(["abcdefgh", "x"], widths: [5]) == "abcd…  x")
    #expect(DisplayWidth.row(["山田太郎", "x"], widths: [5]) == "山田…  x")
    #expect(DisplayWidth.row(["山田太郎", "x"], widths: [4]) == "山…   x", "a wide character that would cross the edge is cut")
    #expect(DisplayWidth.row(["last"], widths: []) == "last")
  }
}
