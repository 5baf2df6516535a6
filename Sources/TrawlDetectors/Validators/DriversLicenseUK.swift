// UK (Great Britain) driving licence numbers: the structure the DVLA gives the 16
// characters of field 5 of the photocard licence.
//
// Sources:
// - DVLA (GOV.UK): the meaning of each part of the driver number printed in field 5.
// - Wikipedia, "Driving licence in the United Kingdom", section "Driver number", which
//   lays the same rules out with the specimen licence's number.
//
// Positions (1-based):
//  1-5   the first five letters of the surname, padded with 9 when the surname is shorter
//        (letters first, then only 9s; at least one letter);
//  6     the decade digit of the year of birth;
//  7-8   the month of birth, 01-12, plus 50 for a woman (51-62);
//  9-10  the day of birth, valid for the month (29 February only when the two-digit year
//        is a multiple of 4: the century is not encoded);
//  11    the last digit of the year of birth;
//  12-13 the first two initials, 9 in place of a missing second initial;
//  14    an arbitrary digit (usually 9);
//  15-16 two computer check characters (letters or digits).
// The printed number may carry single spaces between the surname, date and initials
// groups; the detector's regex allows them and this check skips spaces. The issue
// number printed after the licence number (" 35") is not part of it. No allocation.

public enum DriversLicenseUK {
    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var position = 0
        var surnameLetters = 0
        var padded = false
        var decade = 0, month = 0, day = 0, year = 0
        for byte in bytes {
            if byte == UInt8(ascii: " ") { continue }
            let digit = byte &- 48 < 10
            let upper = byte &- 65 < 26
            switch position {
            case 0..<5:
                if upper {
                    if padded { return false }
                    surnameLetters += 1
                } else if byte == UInt8(ascii: "9") {
                    padded = true
                } else {
                    return false
                }
            case 5:
                guard digit else { return false }
                decade = Int(byte &- 48)
            case 6, 7:
                guard digit else { return false }
                month = month * 10 + Int(byte &- 48)
            case 8, 9:
                guard digit else { return false }
                day = day * 10 + Int(byte &- 48)
            case 10:
                guard digit else { return false }
                year = Int(byte &- 48)
            case 11:
                guard upper else { return false }
            case 12:
                guard upper || byte == UInt8(ascii: "9") else { return false }
            case 13:
                guard digit else { return false }
            case 14, 15:
                guard upper || digit else { return false }
            default:
                return false
            }
            position += 1
        }
        guard position == 16, surnameLetters > 0 else { return false }
        if month > 50 { month -= 50 }
        guard month >= 1, month <= 12, day >= 1 else { return false }
        return day <= DateOfBirth.daysIn(month: month, leap: (decade * 10 + year) % 4 == 0)
    }
}
