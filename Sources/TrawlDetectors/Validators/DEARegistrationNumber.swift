// US Drug Enforcement Administration (DEA) registration numbers
// (US_DRUG_ENFORCEMENT_AGENCY_NUMBER).
//
// Sources:
// - DEA Diversion Control Division, registration number format: a registrant-type letter,
//   the initial of the registrant's last name (or '9' for registrations under a business
//   name), and seven digits, the last a check digit
//   (https://www.deadiversion.usdoj.gov/drugreg/reg_apps/new_reg_number110906.html and the
//   registrant types of 21 CFR 1301.13).
// - The check digit, as pharmacy references document it: (d1 + d3 + d5) + 2 x (d2 + d4 +
//   d6); the last digit of that sum is d7 (https://en.wikipedia.org/wiki/DEA_number).
//
// Registrant-type letters accepted: A B C D E F G H J K L M N P R S T U X (I, O, Q, V, W,
// Y and Z are not assigned). Exactly nine characters, upper case, no separators. No
// allocation.

public enum DEARegistrationNumber {
    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count == 9, isRegistrantType(bytes[0]) else { return false }
        let initial = bytes[1]
        guard (initial >= 65 && initial <= 90) || initial == UInt8(ascii: "9") else { return false }
        var odd = 0
        var even = 0
        for i in 0..<7 {
            let byte = bytes[2 + i]
            guard byte >= 48, byte <= 57 else { return false }
            let digit = Int(byte &- 48)
            if i == 6 { return (odd + 2 * even) % 10 == digit }
            if i & 1 == 0 { odd += digit } else { even += digit }
        }
        return false
    }

    @inline(__always)
    static func isRegistrantType(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "H"), UInt8(ascii: "J")...UInt8(ascii: "N"),
             UInt8(ascii: "P"), UInt8(ascii: "R")...UInt8(ascii: "U"), UInt8(ascii: "X"):
            return true
        default:
            return false
        }
    }
}
