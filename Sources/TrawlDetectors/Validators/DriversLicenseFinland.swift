// Finnish driving licences (ajokortti) identify the holder by the personal identity code
// (henkilötunnus, HETU).
//
// Sources:
// - Digital and Population Data Services Agency (DVV), "The personal identity code"
//   (dvv.fi), with the century signs added from 1 January 2023: DDMMYYCNNNQ where
//   DDMMYY is the date of birth, C the century sign ('+' 1800s; '-', Y, X, W, V, U
//   1900s; A, B, C, D, E, F 2000s), NNN the individual number (002-899, 900-999 for
//   temporary codes), and Q the control character: the nine digits DDMMYYNNN read as one
//   number, mod 31, indexing 0123456789ABCDEFHJKLMNPRSTUVWXY.
// - Wikipedia, "National identification number", section Finland (same rules and
//   DVV's example code 131052-308T).
//
// The date must exist in the century the sign gives. No allocation.

public enum DriversLicenseFinland {
    static let controlCharacters: [UInt8] = Array("0123456789ABCDEFHJKLMNPRSTUVWXY".utf8)

    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count == 11 else { return false }
        var number = 0
        for i in 0..<10 where i != 6 {
            let byte = bytes[i]
            guard byte &- 48 < 10 else { return false }
            number = number * 10 + Int(byte &- 48)
        }
        let day = number / 10_000_000
        let month = (number / 100_000) % 100
        let yy = (number / 1_000) % 100
        let individual = number % 1_000
        let century: Int
        switch bytes[6] {
        case UInt8(ascii: "+"): century = 1800
        case UInt8(ascii: "-"), UInt8(ascii: "Y"), UInt8(ascii: "X"), UInt8(ascii: "W"),
             UInt8(ascii: "V"), UInt8(ascii: "U"): century = 1900
        case UInt8(ascii: "A")...UInt8(ascii: "F"): century = 2000
        default: return false
        }
        guard individual >= 2, month >= 1, month <= 12, day >= 1 else { return false }
        guard day <= DateOfBirth.daysIn(month: month, year: century + yy) else { return false }
        return controlCharacters[number % 31] == bytes[10]
    }
}
