// Medicare Health Insurance Claim Numbers (HICN, USA_HEALTH_INSURANCE_CLAIM_NUMBER), the
// beneficiary number Medicare used before the MBI. No check digit is defined; the check
// is structural.
//
// Sources:
// - The Beneficiary Identification Code table CMS and the SSA publish for Medicare
//   claims (CMS Medicare Claims Processing Manual; SSA POMS): a HICN is the 9-digit
//   Social Security number of the wage earner followed by a Beneficiary Identification
//   Code (BIC) of one letter, optionally followed by one digit 1-9 or one letter (A,
//   B, B1...B9, BA...BY, C1...C9, D, D1...D9, E, E1...E9, F1...F8, G, H, HA...HC,
//   J1...J4, K, K1...K9, KA...KL, M, M1, T, TA...TZ, W, W1...W9, WB...WR). The first
//   letter of a BIC is one of A B C D E F G H J K M T W.
// - Railroad Retirement Board HICNs: a prefix of one to three letters (A, MA, WA, WD,
//   CA, JA, PA, PD, JD, H, MH, WH, WCA, WCD, WCH) followed by six digits (numbers issued
//   before 1964) or by a 9-digit Social Security number.
// - The Social Security number part follows the SSA's assignment rules, as
//   USSocialSecurityNumber checks them (USSocialSecurityNumber.isAssignable: area not
//   000, 666 or 900-999; group not 00; serial not 0000; the SSA's published example
//   numbers are not reported).
//
// Matched forms: 123456789A, 123-45-6789A, 123-45-6789-A, 123 45 6789 A1, WA123456,
// MA 123456789. Spaces and dashes inside the SSN part are the regex's concern; this
// skips them. No allocation.

public enum HealthInsuranceClaimNumber {
    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= 7, bytes.count <= 16 else { return false }
        return isDigit(bytes[0]) ? ssnForm(bytes) : railroadForm(bytes)
    }

    /// SSN followed by a Beneficiary Identification Code.
    static func ssnForm(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var value = 0
        var count = 0
        var i = 0
        while i < bytes.count && count < 9 {
            let byte = bytes[i]
            if isDigit(byte) {
                value = value &* 10 &+ Int(byte &- 48)
                count += 1
            } else if !isSeparator(byte) {
                return false
            }
            i += 1
        }
        guard count == 9 else { return false }
        if i < bytes.count && isSeparator(bytes[i]) { i += 1 }
        guard i < bytes.count, isBICLetter(bytes[i]) else { return false }
        i += 1
        if i < bytes.count {
            let second = bytes[i]
            guard (second >= UInt8(ascii: "1") && second <= UInt8(ascii: "9")) || isUpper(second) else { return false }
            i += 1
        }
        return i == bytes.count && USSocialSecurityNumber.isAssignable(value)
    }

    /// Railroad Retirement Board prefix followed by 6 digits or an SSN.
    static func railroadForm(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var prefix = 0
        var letters = 0
        var i = 0
        while i < bytes.count && isUpper(bytes[i]) {
            letters += 1
            if letters > 3 { return false }
            prefix = prefix * 32 + Int(bytes[i] &- 64)
            i += 1
        }
        guard letters > 0, railroadPrefixes.contains(prefix) else { return false }
        if i < bytes.count && isSeparator(bytes[i]) { i += 1 }
        var value = 0
        var count = 0
        while i < bytes.count {
            let byte = bytes[i]
            guard isDigit(byte) else { return false }
            value = value &* 10 &+ Int(byte &- 48)
            count += 1
            i += 1
        }
        switch count {
        case 6: return value != 0
        case 9: return USSocialSecurityNumber.isAssignable(value)
        default: return false
        }
    }

    /// RRB prefixes packed five bits per letter (A = 1).
    static let railroadPrefixes: [Int] = ["A", "MA", "WA", "WD", "CA", "JA", "PA", "PD", "JD", "H", "MH",
                                          "WH", "WCA", "WCD", "WCH"].map { code in
        code.utf8.reduce(0) { $0 * 32 + Int($1 - 64) }
    }

    @inline(__always)
    static func isBICLetter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "H"), UInt8(ascii: "J"), UInt8(ascii: "K"), UInt8(ascii: "M"),
             UInt8(ascii: "T"), UInt8(ascii: "W"):
            return true
        default:
            return false
        }
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }
    @inline(__always) static func isSeparator(_ b: UInt8) -> Bool { b == 32 || b == 45 }
}
