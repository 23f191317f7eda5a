/// A calendar date parsed from what Japanese forms print: `1990/01/02`, `1990年1月2日`,
/// `令和5年4月1日`, `平成元年1月8日`, `昭和六十三年十二月三十一日`, `S63.12.31`, `20 FEB 1979`.
struct JapaneseDate: Equatable {
  var year: Int
  var month: Int
  var day: Int

  /// Eras with their first day; a date must not precede its era's start or pass the next one's.
  static let eras: [(names: [String], start: (Int, Int, Int), end: (Int, Int, Int))] = [
    (["明治", "M"], (1868, 1, 1), (1912, 7, 30)),
    (["大正", "T"], (1912, 7, 30), (1926, 12, 25)),
    (["昭和", "S"], (1926, 12, 25), (1989, 1, 7)),
    (["平成", "H"], (1989, 1, 8), (2019, 4, 30)),
    (["令和", "R"], (2019, 5, 1), (9999, 12, 31)),
  ]
  static let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]

  var iso: String {
    func pad(_ value: Int, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }

  /// Parses `text`, or nil when it is not one real date.
  static func parse(_ text: String) -> JapaneseDate? {
    let trimmed = text.trimmingSpacesAndSeparators()
    let numbersText = replacingKanjiNumerals(trimmed)
    var eraIndex: Int?
    var rest = Substring(numbersText)
    for (index, era) in eras.enumerated() {
      for name in era.names where rest.uppercased().hasPrefix(name) {
        // A one-letter era must be followed by a digit (S63), not by a word.
        let after = rest.dropFirst(name.count)
        if name.count == 1, !(after.first?.isASCIIDigit ?? false) { continue }
        eraIndex = index
        rest = after
        break
      }
      if eraIndex != nil { break }
    }
    if rest.hasPrefix("元") { rest = "1" + rest.dropFirst() }
    let numbers = rest.split(whereSeparator: { !$0.isASCIIDigit && !$0.isLetter || $0 == "年" || $0 == "月" || $0 == "日" })
    let monthName = trimmed.uppercased().split(whereSeparator: { !$0.isLetter }).first { months.contains(String($0)) }
    var date: JapaneseDate?
    if let eraIndex {
      guard numbers.count == 3, let year = Int(numbers[0]), let month = Int(numbers[1]), let day = Int(numbers[2]),
        year >= 1, year <= 99
      else { return nil }
      let start = eras[eraIndex].start
      date = JapaneseDate(year: start.0 + year - 1, month: month, day: day)
      guard let date, date.isReal, date >= start, date <= eras[eraIndex].end else { return nil }
      return date
    }
    if let monthName, let month = months.firstIndex(of: String(monthName)) {
      let digits = numbers.filter { $0.allSatisfy(\.isASCIIDigit) }
      guard digits.count == 2, let day = Int(digits[0]), let year = Int(digits[1]), digits[1].count == 4 else {
        return nil
      }
      date = JapaneseDate(year: year, month: month + 1, day: day)
    } else if numbers.count == 3, numbers[0].count == 4, let year = Int(numbers[0]), let month = Int(numbers[1]),
      let day = Int(numbers[2]), numbers[1].count <= 2, numbers[2].count <= 2
    {
      date = JapaneseDate(year: year, month: month, day: day)
    } else if numbers.count == 3, numbers[2].count == 4, let first = Int(numbers[0]), let second = Int(numbers[1]),
      let year = Int(numbers[2]), numbers[0].count <= 2, numbers[1].count <= 2
    {
      // 14/07/1985 (day first, as most of the world writes it) or 07/14/1985 (month first, when
      // the day gives it away).
      date = second > 12 && first <= 12
        ? JapaneseDate(year: year, month: first, day: second) : JapaneseDate(year: year, month: second, day: first)
    } else if numbers.count == 1, numbers[0].count == 8, let all = Int(numbers[0]) {
      date = JapaneseDate(year: all / 10000, month: all / 100 % 100, day: all % 100)
    }
    guard let date, date.isReal else { return nil }
    return date
  }

  var isReal: Bool {
    guard (1...12).contains(month), day >= 1 else { return false }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return day <= lengths[month - 1]
  }

  static func >= (lhs: JapaneseDate, rhs: (Int, Int, Int)) -> Bool { (lhs.year, lhs.month, lhs.day) >= rhs }
  static func <= (lhs: JapaneseDate, rhs: (Int, Int, Int)) -> Bool { (lhs.year, lhs.month, lhs.day) <= rhs }

  /// `六十三` → `63`, `十二` → `12`, `三十一` → `31`, `一九九〇` → `1990`: numerals as dates use them.
  static func replacingKanjiNumerals(_ text: String) -> String {
    let digits: [Character: Int] = [
      "〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]
    var output = ""
    var run: [Character] = []
    func flush() {
      guard !run.isEmpty else { return }
      if let ten = run.firstIndex(of: "十") {
        let high = ten > run.startIndex ? (digits[run[ten - 1]] ?? 1) : 1
        let low = ten + 1 < run.endIndex ? (digits[run[ten + 1]] ?? 0) : 0
        output += String(high * 10 + low)
      } else {
        output += run.compactMap { digits[$0].map(String.init) }.joined()
      }
      run.removeAll()
    }
    for character in text {
      if digits[character] != nil || character == "十" {
        run.append(character)
      } else {
        flush()
        output.append(character)
      }
    }
    flush()
    return output
  }
}

extension Character {
  var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
  func trimmingSpacesAndSeparators() -> String {
    var slice = Substring(self)
    while let last = slice.last, last == " " || last == "." || last == "/" || last == "-" || last == "," {
      slice = slice.dropLast()
    }
    while let first = slice.first, first == " " { slice = slice.dropFirst() }
    return String(slice)
  }
}
