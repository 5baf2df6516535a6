// Swedish driving licences (körkort) identify the holder by the personal identity number
// (personnummer) or coordination number (samordningsnummer).
//
// Sources:
// - Folkbokföringslagen (1991:481) 18 § and Skatteverket's brochure "Personnummer":
//   YYMMDD-NNNC, the birth date, the separator '-' (or '+' from the year the holder
//   turns 100), a three-digit birth number and a Luhn check digit (weights 2, 1, 2, ...
//   over YYMMDDNNN, the digits of each product added; with the check digit the total is
//   a multiple of 10).
// - Folkbokföringslagen 18 a § and Skatteverket, "Samordningsnummer": the same form
//   with 60 added to the day of birth.
//
// Accepted: the ten-digit form (with '-', '+' or no separator) and the twelve-digit form
// with the century (18, 19 or 20) in front, with or without '-'. The date must exist (29
// February in leap years only; a two-digit year counts as leap when divisible by 4);
// the Luhn check (Luhn.swift's sum) runs over the last ten digits. No allocation.

public enum DriversLicenseSweden {
    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        // First pass: count the digits; only separators may be between them.
        var count = 0
        for byte in bytes {
            if byte &- 48 < 10 {
                count += 1
            } else if byte != UInt8(ascii: "-") && byte != UInt8(ascii: "+") {
                return false
            }
        }
        guard count == 10 || count == 12 else { return false }
        let skip = count - 10
        var index = 0
        var century = 0, year = 0, month = 0, day = 0
        for byte in bytes where byte &- 48 < 10 {
            let d = Int(byte &- 48)
            if index < skip {
                century = century * 10 + d
            } else {
                let k = index - skip             // 0...9 within YYMMDDNNNC
                switch k {
                case 0, 1: year = year * 10 + d
                case 2, 3: month = month * 10 + d
                case 4, 5: day = day * 10 + d
                default: break
                }
            }
            index += 1
        }
        if skip == 2, century < 18 || century > 20 { return false }
        if day > 60 { day -= 60 }                 // samordningsnummer
        guard month >= 1, month <= 12, day >= 1 else { return false }
        let leap = skip == 2 ? DateOfBirth.isLeapYear(century * 100 + year) : year % 4 == 0
        guard day <= DateOfBirth.daysIn(month: month, leap: leap) else { return false }
        return Luhn.sum(bytes.lazy.filter { $0 &- 48 < 10 }.dropFirst(skip)) % 10 == 0
    }
}
