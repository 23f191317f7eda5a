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

  /// Era names as scalar pairs (明治 大正 昭和 平成 令和), in the order of ``eras``.
  static let eraKanji: [(UInt32, UInt32)] = [(0x660E, 0x6CBB), (0x5927, 0x6B63), (0x662D, 0x548C), (0x5E73, 0x6210), (0x4EE4, 0x548C)]
  static let eraLetters: [UInt32] = [0x4D, 0x54, 0x53, 0x48, 0x52]  // M T S H R
  /// 〇 一 二 三 四 五 六 七 八 九 as scalars; 十 is handled apart.
  static let kanjiDigits: [UInt32] = [0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D]

  /// Parses `text`, or nil when it is not one real date. Works on Unicode scalars in one pass:
  /// it runs for every labelled date and every value of a birth-date column.
  static func parse(_ text: String) -> JapaneseDate? {
    let scalars = Array(text.unicodeScalars)
    var numbers: [(value: Int, digits: Int)] = []
    var era: Int?
    var monthName: Int?
    var index = 0
    while index < scalars.count {
      let code = scalars[index].value
      if (0x30...0x39).contains(code) {
        var value = 0
        var digits = 0
        while index < scalars.count, (0x30...0x39).contains(scalars[index].value), digits < 9 {
          value = value * 10 + Int(scalars[index].value - 0x30)
          digits += 1
          index += 1
        }
        numbers.append((value, digits))
        continue
      }
      if code == 0x5341 || kanjiDigits.contains(code) {
        // 六十三 → 63, 十二 → 12, 一九九〇 → 1990.
        var run: [UInt32] = []
        while index < scalars.count, scalars[index].value == 0x5341 || kanjiDigits.contains(scalars[index].value) {
          run.append(scalars[index].value)
          index += 1
        }
        guard let value = kanjiNumber(run) else { return nil }
        numbers.append((value, run.contains(0x5341) ? 2 : run.count))
        continue
      }
      if code == 0x5143 {  // 元 (the first year of an era)
        numbers.append((1, 1))
        index += 1
        continue
      }
      if index + 1 < scalars.count, let found = eraKanji.firstIndex(where: { $0.0 == code && $0.1 == scalars[index + 1].value }) {
        guard era == nil, numbers.isEmpty else { return nil }
        era = found
        index += 2
        continue
      }
      if (0x41...0x5A).contains(code) || (0x61...0x7A).contains(code) {
        var word: [UInt8] = []
        while index < scalars.count, let letter = asciiLetter(scalars[index]) {
          word.append(letter & 0xDF)
          index += 1
        }
        if word.count == 1, let found = eraLetters.firstIndex(of: UInt32(word[0])), era == nil, numbers.isEmpty,
          index < scalars.count, (0x30...0x39).contains(scalars[index].value)
        {
          era = found
        } else if word.count >= 3, let found = months.firstIndex(of: String(decoding: word.prefix(3), as: UTF8.self)) {
          monthName = found + 1
        } else {
          return nil
        }
        continue
      }
      index += 1  // 年 月 日 / . - , and spaces separate the numbers
    }
    var date: JapaneseDate?
    if let era {
      guard numbers.count == 3, (1...99).contains(numbers[0].value) else { return nil }
      let start = eras[era].start
      date = JapaneseDate(year: start.0 + numbers[0].value - 1, month: numbers[1].value, day: numbers[2].value)
      guard let date, date.isReal, date >= start, date <= eras[era].end else { return nil }
      return date
    }
    if let monthName {
      guard numbers.count == 2, numbers[0].digits <= 2, numbers[1].digits == 4 else { return nil }
      date = JapaneseDate(year: numbers[1].value, month: monthName, day: numbers[0].value)
    } else if numbers.count == 3, numbers[0].digits == 4, numbers[1].digits <= 2, numbers[2].digits <= 2 {
      date = JapaneseDate(year: numbers[0].value, month: numbers[1].value, day: numbers[2].value)
    } else if numbers.count == 3, numbers[2].digits == 4, numbers[0].digits <= 2, numbers[1].digits <= 2 {
      // 14/07/1985 (day first, as most of the world writes it) or 07/14/1985 (month first, when
      // the day gives it away).
      let (first, second) = (numbers[0].value, numbers[1].value)
      date = second > 12 && first <= 12
        ? JapaneseDate(year: numbers[2].value, month: first, day: second)
        : JapaneseDate(year: numbers[2].value, month: second, day: first)
    } else if numbers.count == 1, numbers[0].digits == 8 {
      let all = numbers[0].value
      date = JapaneseDate(year: all / 10000, month: all / 100 % 100, day: all % 100)
    }
    guard let date, date.isReal else { return nil }
    return date
  }

  static func asciiLetter(_ scalar: Unicode.Scalar) -> UInt8? {
    let value = scalar.value
    return (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) ? UInt8(value) : nil
  }

  /// The value of a run of kanji numerals: positional (一九九〇) or with 十 (三十一).
  static func kanjiNumber(_ run: [UInt32]) -> Int? {
    if let ten = run.firstIndex(of: 0x5341) {
      guard run.count <= 3, run.lastIndex(of: 0x5341) == ten else { return nil }
      let high = ten > 0 ? (kanjiDigits.firstIndex(of: run[ten - 1]) ?? 1) : 1
      let low = ten + 1 < run.count ? (kanjiDigits.firstIndex(of: run[ten + 1]) ?? 0) : 0
      return high * 10 + low
    }
    guard run.count <= 4 else { return nil }
    return run.reduce(0) { $0 * 10 + (kanjiDigits.firstIndex(of: $1) ?? 0) }
  }

  var isReal: Bool {
    guard (1...12).contains(month), day >= 1 else { return false }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return day <= lengths[month - 1]
  }

  static func >= (lhs: JapaneseDate, rhs: (Int, Int, Int)) -> Bool { (lhs.year, lhs.month, lhs.day) >= rhs }
  static func <= (lhs: JapaneseDate, rhs: (Int, Int, Int)) -> Bool { (lhs.year, lhs.month, lhs.day) <= rhs }

}
