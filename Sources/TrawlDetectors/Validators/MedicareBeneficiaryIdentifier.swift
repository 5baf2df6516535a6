// Medicare Beneficiary Identifiers (MBI, USA_MEDICARE_BENEFICIARY_IDENTIFIER).
//
// Source: CMS, "Understanding the Medicare Beneficiary Identifier (MBI) Format"
// (https://www.cms.gov/medicare/new-medicare-card/understanding-the-mbi.pdf): 11
// characters, position by position
//   1: numeric 1-9          2: alphabetic         3: alphanumeric   4: numeric
//   5: alphabetic           6: alphanumeric       7: numeric        8: alphabetic
//   9: alphabetic           10: numeric           11: numeric
// where alphabetic is A-Z without S, L, O, I, B and Z, and numeric is 0-9. Upper case;
// printed with dashes after positions 4 and 7 (1EG4-TE5-MK73, CMS's own example, which
// the detector file denies). No check digit is defined. Dashes and spaces are skipped.
// No allocation.

public enum MedicareBeneficiaryIdentifier {
    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var position = 0
        for byte in bytes {
            if byte == 32 || byte == 45 { continue }
            position += 1
            switch position {
            case 1: guard byte >= 49, byte <= 57 else { return false }
            case 4, 7, 10, 11: guard byte >= 48, byte <= 57 else { return false }
            case 2, 5, 8, 9: guard isLetter(byte) else { return false }
            case 3, 6: guard isLetter(byte) || (byte >= 48 && byte <= 57) else { return false }
            default: return false
            }
        }
        return position == 11
    }

    /// A-Z except S, L, O, I, B, Z.
    @inline(__always)
    static func isLetter(_ byte: UInt8) -> Bool {
        guard byte >= 65, byte <= 90 else { return false }
        switch byte {
        case UInt8(ascii: "S"), UInt8(ascii: "L"), UInt8(ascii: "O"), UInt8(ascii: "I"), UInt8(ascii: "B"),
             UInt8(ascii: "Z"):
            return false
        default:
            return true
        }
    }
}
