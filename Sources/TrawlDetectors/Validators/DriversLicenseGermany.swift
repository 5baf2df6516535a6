// German driving licence numbers (Führerscheinnummer, field 5 of the card licence).
//
// Sources:
// - Wikipedia (de), "Führerscheinnummer": eleven characters, the four-character
//   licensing authority key (Behördenschlüssel), a five-character serial number (digits,
//   then capital letters), a check digit and an issue number (Ausfertigungsnummer).
//   The check digit: the nine characters of authority key and serial, digits at their
//   value and letters A = 10 ... Z = 35, are multiplied by 9, 8, ... 1; the sum mod 11
//   is the check digit, written X when it is 10 (the weighting of the vehicle
//   identification number check). The specimen licence's number B072RRE2I55 checks
//   (sum 467, remainder 5).
//
// Accepted: 11 characters, the first nine upper-case letters or digits, the tenth the
// check digit (0-9 or X), the eleventh a letter or digit. No allocation.

public enum DriversLicenseGermany {
    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count == 11 else { return false }
        var sum = 0
        for i in 0..<9 {
            let byte = bytes[i]
            let value: Int
            if byte &- 48 < 10 {
                value = Int(byte &- 48)
            } else if byte &- 65 < 26 {
                value = Int(byte &- 55)
            } else {
                return false
            }
            sum += value * (9 - i)
        }
        let remainder = sum % 11
        let expected = remainder == 10 ? UInt8(ascii: "X") : UInt8(48 + remainder)
        let last = bytes[10]
        guard last &- 48 < 10 || last &- 65 < 26 else { return false }
        return bytes[9] == expected
    }
}
