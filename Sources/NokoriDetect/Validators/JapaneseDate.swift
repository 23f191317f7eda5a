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

  /// `YYYY-MM-DD`, written into one small string (it is the canonical value of every
  /// birth date a catalogue scan validates).
  var iso: String {
    guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
      func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
      }
      return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
    return String(unsafeUninitializedCapacity: 10) { buffer in
      func put(_ value: Int, width: Int, at start: Int) {
        var rest = value
        for position in stride(from: start + width - 1, through: start, by: -1) {
          buffer[position] = UInt8(0x30 + rest % 10)
          rest /= 10
        }
      }
      put(year, width: 4, at: 0)
      buffer[4] = 0x2D
      put(month, width: 2, at: 5)
      buffer[7] = 0x2D
      put(day, width: 2, at: 8)
      return 10
    }
  }

  /// Era names as scalar pairs (明治 大正 昭和 平成 令和), in the order of ``eras``.
  static let eraKanji: [(UInt32, UInt32)] = [(0x660E, 0x6CBB), (0x5927, 0x6B63), (0x662D, 0x548C), (0x5E73, 0x6210), (0x4EE4, 0x548C)]
  static let eraLetters: [UInt32] = [0x4D, 0x54, 0x53, 0x48, 0x52]  // M T S H R
  /// 〇 一 二 三 四 五 六 七 八 九 as scalars; 十 is handled apart.
  static let kanjiDigits: [UInt32] = [0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D]

  /// Parses `text`, or nil when it is not one real date. Works on Unicode scalars in one pass
  /// over a stack buffer, allocating nothing: it runs for every labelled date and every value
  /// of a birth-date column.
  static func parse(_ text: String) -> JapaneseDate? {
    let capacity = text.utf8.count
    guard capacity > 0 else { return nil }
    return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: capacity) { buffer in
      var count = 0
      for scalar in text.unicodeScalars {
        buffer[count] = scalar.value
        count += 1
      }
      return parse(scalars: UnsafeBufferPointer(rebasing: buffer[0..<count]))
    }
  }

  /// Up to three numbers of a date, with how many digits each was written with; a fourth
  /// means the text is not one date.
  private struct Numbers {
    var values: (Int, Int, Int) = (0, 0, 0)
    var digits: (Int, Int, Int) = (0, 0, 0)
    var count = 0

    /// Adds a number; false when there were already three.
    mutating func append(_ value: Int, digits width: Int) -> Bool {
      switch count {
      case 0: (values.0, digits.0) = (value, width)
      case 1: (values.1, digits.1) = (value, width)
      case 2: (values.2, digits.2) = (value, width)
      default: return false
      }
      count += 1
      return true
    }

    subscript(position: Int) -> (value: Int, digits: Int) {
      switch position {
      case 0: (values.0, digits.0)
      case 1: (values.1, digits.1)
      default: (values.2, digits.2)
      }
    }
  }

  /// Parses a date from Unicode scalar values (see ``parse(_:)``).
  static func parse(scalars: UnsafeBufferPointer<UInt32>) -> JapaneseDate? {
    var numbers = Numbers()
    var era: Int?
    var monthName: Int?
    var index = 0
    while index < scalars.count {
      let code = scalars[index]
      if (0x30...0x39).contains(code) {
        var value = 0
        var digits = 0
        while index < scalars.count, (0x30...0x39).contains(scalars[index]), digits < 9 {
          value = value * 10 + Int(scalars[index] - 0x30)
          digits += 1
          index += 1
        }
        guard numbers.append(value, digits: digits) else { return nil }
        continue
      }
      if code == 0x5341 || kanjiDigits.contains(code) {
        // 六十三 → 63, 十二 → 12, 一九九〇 → 1990.
        let start = index
        while index < scalars.count, scalars[index] == 0x5341 || kanjiDigits.contains(scalars[index]) { index += 1 }
        let run = UnsafeBufferPointer(rebasing: scalars[start..<index])
        guard let value = kanjiNumber(run), numbers.append(value, digits: run.contains(0x5341) ? 2 : run.count) else {
          return nil
        }
        continue
      }
      if code == 0x5143 {  // 元 (the first year of an era)
        guard numbers.append(1, digits: 1) else { return nil }
        index += 1
        continue
      }
      if index + 1 < scalars.count, let found = eraKanji.firstIndex(where: { $0.0 == code && $0.1 == scalars[index + 1] }) {
        guard era == nil, numbers.count == 0 else { return nil }
        era = found
        index += 2
        continue
      }
      if let first = asciiLetter(code) {
        // Up to three letters are kept: an era letter is one, a month's name is known by three.
        var word: (UInt8, UInt8, UInt8) = (first & 0xDF, 0, 0)
        var length = 1
        index += 1
        while index < scalars.count, let letter = asciiLetter(scalars[index]) {
          if length == 1 { word.1 = letter & 0xDF } else if length == 2 { word.2 = letter & 0xDF }
          length += 1
          index += 1
        }
        if length == 1, let found = eraLetters.firstIndex(of: UInt32(word.0)), era == nil, numbers.count == 0,
          index < scalars.count, (0x30...0x39).contains(scalars[index])
        {
          era = found
        } else if length >= 3, let found = monthCodes.firstIndex(of: packed(word)) {
          monthName = found + 1
        } else {
          return nil
        }
        continue
      }
      index += 1  // 年 月 日 / . - , and spaces separate the numbers
    }
    return date(numbers: numbers, era: era, monthName: monthName)
  }

  /// Month names' first three letters, upper case, packed as in ``packed(_:)``.
  private static let monthCodes: [UInt32] = months.map {
    let bytes = Array($0.utf8)
    return packed((bytes[0], bytes[1], bytes[2]))
  }

  private static func packed(_ letters: (UInt8, UInt8, UInt8)) -> UInt32 {
    UInt32(letters.0) << 16 | UInt32(letters.1) << 8 | UInt32(letters.2)
  }

  private static func date(numbers: Numbers, era: Int?, monthName: Int?) -> JapaneseDate? {
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

  static func asciiLetter(_ value: UInt32) -> UInt8? {
    return (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) ? UInt8(value) : nil
  }

  /// The value of a run of kanji numerals: positional (一九九〇) or with 十 (三十一).
  static func kanjiNumber(_ run: UnsafeBufferPointer<UInt32>) -> Int? {
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
    let length =
      switch month {
      case 2: leap ? 29 : 28
      case 4, 6, 9, 11: 30
      default: 31
      }
    return day <= length
  }

  static func >= (lhs: JapaneseDate, rhs: (Int, Int, Int)) -> Bool { (lhs.year, lhs.month, lhs.day) >= rhs }
  static func <= (lhs: JapaneseDate, rhs: (Int, Int, Int)) -> Bool { (lhs.year, lhs.month, lhs.day) <= rhs }

}
