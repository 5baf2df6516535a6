// Birth dates: the written forms Macie documents for DATE_OF_BIRTH ("most date formats,
// such as all digits and combinations of digits and names of months"; components
// separated by spaces, slashes or hyphens), checked to be a real calendar date that is
// plausibly someone's birth date: not before 1900-01-01 and not after today (UTC).
//
// Calendar: the Gregorian calendar (ISO 8601:2019, section 4.2.1 and the leap-year rule:
// years divisible by 4, except centuries not divisible by 400). Forms read (the regex in
// Detectors/managed/date-of-birth.yml admits only these):
// - all digits: YYYY-MM-DD; DD-MM-YYYY and MM-DD-YYYY (either reading may make it valid);
//   the same with a two-digit year (19YY or 20YY, whichever is valid); YYYYMMDD,
//   DDMMYYYY or MMDDYYYY written without separators;
// - with an English month name or its abbreviation (Jan, Jan., Sept, ...):
//   "12 May 1980", "12th May, 1980", "May 12, 1980", "1980-May-12", two-digit years too.
// Separators are ' ', '/', '-' (and ',' or '.' after a month abbreviation); an ordinal
// suffix (st, nd, rd, th) after the day is skipped. No allocation.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum DateOfBirth {
    /// Earliest accepted birth date, as YYYYMMDD.
    public static let earliest = 1900_01_01

    /// Today's date (UTC) as YYYYMMDD, read once when first used.
    public static let today: Int = {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        return (Int(parts.tm_year) + 1900) * 10_000 + (Int(parts.tm_mon) + 1) * 100 + Int(parts.tm_mday)
    }()

    /// The `date-of-birth` validator.
    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        isValid(bytes, today: today)
    }

    /// One token of the written date: a number (value and digit count) or a month (1-12).
    private struct Token {
        var number = 0
        var digits = 0
        var month = 0
    }

    /// The validator with an explicit "today" (YYYYMMDD), for tests.
    public static func isValid(_ bytes: UnsafeRawBufferPointer, today: Int) -> Bool {
        var tokens = (Token(), Token(), Token())
        var count = 0
        var inToken = false
        var inSuffix = false
        var letters: (UInt8, UInt8, UInt8) = (0, 0, 0)
        var letterCount = 0
        var current = Token()

        func store(_ token: Token) -> Bool {
            switch count {
            case 0: tokens.0 = token
            case 1: tokens.1 = token
            case 2: tokens.2 = token
            default: return false
            }
            count += 1
            return true
        }

        func finishMonth() -> Bool {
            let month = monthNumber(letters.0, letters.1, letters.2)
            if month == 0 { return false }
            current.month = month
            return true
        }

        var index = 0
        while index <= bytes.count {
            let byte: UInt8 = index < bytes.count ? bytes[index] : UInt8(ascii: " ")
            let isDigit = byte >= 48 && byte <= 57
            let lower = byte | 0x20
            let isLetter = lower >= 97 && lower <= 122
            if isDigit {
                if inToken && (current.month != 0 || letterCount > 0 || inSuffix) { return false }
                if !inToken { current = Token(); inToken = true }
                current.number = current.number &* 10 &+ Int(byte &- 48)
                current.digits &+= 1
                if current.digits > 8 { return false }
            } else if isLetter {
                if inToken && current.digits > 0 {
                    // An ordinal suffix right after the day's digits.
                    inSuffix = true
                } else {
                    if !inToken { current = Token(); inToken = true; letterCount = 0 }
                    switch letterCount {
                    case 0: letters.0 = lower
                    case 1: letters.1 = lower
                    case 2: letters.2 = lower
                    default: break
                    }
                    letterCount &+= 1
                    if letterCount > 9 { return false }
                }
            } else {
                // A separator ends the token.
                if inToken {
                    if letterCount > 0 {
                        if letterCount < 3 || !finishMonth() { return false }
                    }
                    if !store(current) { return false }
                    inToken = false
                    inSuffix = false
                    letterCount = 0
                }
            }
            index += 1
        }

        if count == 1 {
            let t = tokens.0
            guard t.month == 0, t.digits == 8 else { return false }
            let v = t.number
            // YYYYMMDD, DDMMYYYY, MMDDYYYY.
            return isBirthDate(year: v / 10_000, month: (v / 100) % 100, day: v % 100, today: today)
                || isBirthDate(year: v % 10_000, month: (v / 10_000) % 100, day: v / 1_000_000, today: today)
                || isBirthDate(year: v % 10_000, month: v / 1_000_000, day: (v / 10_000) % 100, today: today)
        }
        guard count == 3 else { return false }
        let (a, b, c) = tokens
        switch (a.month != 0, b.month != 0, c.month != 0) {
        case (false, false, false):
            if a.digits == 4 {
                return b.digits <= 2 && c.digits <= 2
                    && isBirthDate(year: a.number, month: b.number, day: c.number, today: today)
            }
            guard a.digits <= 2, b.digits <= 2, c.digits == 2 || c.digits == 4 else { return false }
            return anyYear(c) { isBirthDate(year: $0, month: b.number, day: a.number, today: today) }
                || anyYear(c) { isBirthDate(year: $0, month: a.number, day: b.number, today: today) }
        case (false, true, false):
            if a.digits == 4 {
                return c.digits <= 2 && isBirthDate(year: a.number, month: b.month, day: c.number, today: today)
            }
            guard a.digits <= 2, c.digits == 2 || c.digits == 4 else { return false }
            return anyYear(c) { isBirthDate(year: $0, month: b.month, day: a.number, today: today) }
        case (true, false, false):
            guard b.digits <= 2, c.digits == 2 || c.digits == 4 else { return false }
            return anyYear(c) { isBirthDate(year: $0, month: a.month, day: b.number, today: today) }
        default:
            return false
        }
    }

    /// A four-digit year as written; a two-digit one as 19YY or 20YY.
    @inline(__always)
    private static func anyYear(_ t: Token, _ body: (Int) -> Bool) -> Bool {
        if t.digits == 4 { return body(t.number) }
        return body(1900 + t.number) || body(2000 + t.number)
    }

    /// A real Gregorian date between `earliest` and `today`.
    public static func isBirthDate(year: Int, month: Int, day: Int, today: Int) -> Bool {
        guard month >= 1, month <= 12, day >= 1, day <= daysIn(month: month, year: year) else { return false }
        let value = year * 10_000 + month * 100 + day
        return value >= earliest && value <= today
    }

    /// The Gregorian leap-year rule. Shared with the driving licence validators (Finland,
    /// Sweden, UK), whose numbers carry birth dates.
    @inline(__always)
    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days of `month` (1-12) in a leap year or another.
    @inline(__always)
    static func daysIn(month: Int, leap: Bool) -> Int {
        switch month {
        case 2: return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    @inline(__always)
    static func daysIn(month: Int, year: Int) -> Int {
        daysIn(month: month, leap: isLeapYear(year))
    }

    /// 1-12 for the first three letters (lower case) of an English month name, else 0.
    @inline(__always)
    static func monthNumber(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int {
        switch (a, b, c) {
        case (0x6A, 0x61, 0x6E): return 1   // jan
        case (0x66, 0x65, 0x62): return 2   // feb
        case (0x6D, 0x61, 0x72): return 3   // mar
        case (0x61, 0x70, 0x72): return 4   // apr
        case (0x6D, 0x61, 0x79): return 5   // may
        case (0x6A, 0x75, 0x6E): return 6   // jun
        case (0x6A, 0x75, 0x6C): return 7   // jul
        case (0x61, 0x75, 0x67): return 8   // aug
        case (0x73, 0x65, 0x70): return 9   // sep
        case (0x6F, 0x63, 0x74): return 10  // oct
        case (0x6E, 0x6F, 0x76): return 11  // nov
        case (0x64, 0x65, 0x63): return 12  // dec
        default: return 0
        }
    }
}
