// French health insurance numbers (FRANCE_HEALTH_INSURANCE_NUMBER): the NIR (numéro
// d'inscription au répertoire, the "numéro de sécurité sociale" printed on the carte
// Vitale) with its control key.
//
// Sources:
// - INSEE, the NIR's structure (décret n° 82-103 and the RNIPP documentation): 13
//   characters, then a 2-digit key. Sex (1 or 2; 7 and 8 for temporary numbers; 3 and
//   4, seen on some older registrations, are accepted too), year of birth, month (01-12, or
//   20-42 and 50-99 for records with an incomplete date), département (01-99, 2A or 2B
//   for Corsica), commune (3 digits), order number in the register (3 digits, 001-999).
// - The key, as the Assurance Maladie and INSEE define it: 97 minus the remainder of the
//   13-digit number divided by 97 (01-97). For Corsica, 2A counts as 19 and 2B as 18.
//
// Spaces, dots and dashes between groups are skipped. No allocation.

public enum FranceHealthInsuranceNumber {
    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0         // characters of the 15 seen so far
        var remainder = 0     // of the first 13 characters, mod 97
        var key = 0
        var sex = 0, month = 0, department = 0, order = 0
        for byte in bytes {
            if byte == 32 || byte == 46 || byte == 45 { continue }
            guard index < 15 else { return false }
            let value: Int
            if byte >= 48 && byte <= 57 {
                value = Int(byte &- 48)
            } else if index == 6 && department == 2 && (byte == UInt8(ascii: "A") || byte == UInt8(ascii: "B")) {
                // Corsica: "2A" counts as 19 and "2B" as 18. The 2 is already in the
                // remainder; 19 and 18 both have the tens digit 1, so take 1 off, then
                // append the units digit.
                remainder = ((remainder + 96) % 97 * 10 + (byte == UInt8(ascii: "A") ? 9 : 8)) % 97
                index += 1
                continue
            } else {
                return false
            }
            switch index {
            case 0: sex = value
            case 3, 4: month = month * 10 + value
            case 5, 6: department = department * 10 + value
            case 10, 11, 12: order = order * 10 + value
            default: break
            }
            if index < 13 {
                remainder = (remainder * 10 + value) % 97
            } else {
                key = key * 10 + value
            }
            index += 1
        }
        guard index == 15 else { return false }
        switch sex {
        case 1, 2, 3, 4, 7, 8: break
        default: return false
        }
        guard (1...12).contains(month) || (20...42).contains(month) || (50...99).contains(month),
              department != 0, order != 0, key >= 1, key <= 97 else { return false }
        return 97 - remainder == key
    }
}
