// Canadian provincial health numbers (CANADA_HEALTH_NUMBER). Macie documents the
// identifier by its keywords only (personal health number, MSP number, soins de santé);
// the forms checked here are the ones whose structure or check digit is published:
//
// - British Columbia Personal Health Number (PHN, the MSP number): 10 digits, the first
//   always 9, the last a MOD 11 check digit over digits 2-9 with weights 2, 4, 8, 5, 10,
//   9, 7, 3 (each product taken mod 11; check = (11 - sum mod 11) mod 11; a result of 10
//   means the number is not a PHN). BC Ministry of Health, "PHN check digit routine"
//   (Professional and Software Conformance Standards, Appendix D; Volume 4B, Client
//   Registry application rules), printed 9999 999 999.
// - Ontario Health Insurance Plan health number: 10 digits whose last digit is a
//   Luhn (mod 10) check digit over the first nine (Ontario Ministry of Health, Health Card
//   Validation reference manual), printed 1234-567-890 with an optional 1-2 letter
//   version code (matched outside the value).
// - Quebec Numéro d'assurance maladie (RAMQ): 4 letters (3 of the surname, 1 of the given
//   name) and 8 digits: year, month (+50 for women) and day of birth, and 2 administrative
//   digits (Régie de l'assurance maladie du Québec). No check digit is published; the
//   month (01-12 or 51-62) and day (01-31) are checked.
//
// Spaces and dashes between groups are skipped; the Luhn sum is Luhn.swift's. No
// allocation.

public enum CanadaHealthNumber {
    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let first = bytes.first else { return false }
        return isUpper(first) ? isQuebec(bytes) : isTenDigit(bytes)
    }

    /// A BC PHN or an Ontario health number.
    static func isTenDigit(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var d = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        for byte in bytes {
            if isSeparator(byte) { continue }
            guard byte >= 48, byte <= 57, count < 10 else { return false }
            let v = Int(byte &- 48)
            switch count {
            case 0: d.0 = v
            case 1: d.1 = v
            case 2: d.2 = v
            case 3: d.3 = v
            case 4: d.4 = v
            case 5: d.5 = v
            case 6: d.6 = v
            case 7: d.7 = v
            case 8: d.8 = v
            default: d.9 = v
            }
            count += 1
        }
        guard count == 10 else { return false }
        if d.0 == 9 {
            let sum = (2 * d.1) % 11 + (4 * d.2) % 11 + (8 * d.3) % 11 + (5 * d.4) % 11
                + (10 * d.5) % 11 + (9 * d.6) % 11 + (7 * d.7) % 11 + (3 * d.8) % 11
            let check = (11 - sum % 11) % 11
            if check == d.9 { return true }
        }
        // Ontario: Luhn over all ten digits.
        return Luhn.sum(bytes.lazy.filter { !isSeparator($0) }) % 10 == 0
    }

    /// A Quebec NAM: AAAA YYMM DDNN.
    static func isQuebec(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var letters = 0
        var digits = 0
        var month = 0
        var day = 0
        for byte in bytes {
            if isSeparator(byte) { continue }
            if letters < 4 {
                guard isUpper(byte) else { return false }
                letters += 1
                continue
            }
            guard byte >= 48, byte <= 57, digits < 8 else { return false }
            let v = Int(byte &- 48)
            switch digits {
            case 2, 3: month = month * 10 + v
            case 4, 5: day = day * 10 + v
            default: break
            }
            digits += 1
        }
        guard letters == 4, digits == 8 else { return false }
        let m = month > 50 ? month - 50 : month
        return m >= 1 && m <= 12 && day >= 1 && day <= 31
    }

    @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }
    @inline(__always) static func isSeparator(_ b: UInt8) -> Bool { b == 32 || b == 45 }
}
