// Mexico's Registro Federal de Contribuyentes (RFC), as the SAT assigns it:
// - people (MEXICO_INDIVIDUAL_RFC_NUMBER): 13 characters, four letters from the name,
//   the birth date YYMMDD, a two-character homoclave and a check character;
// - organizations (MEXICO_ORGANIZATION_RFC_NUMBER): 12 characters, three letters, the
//   date of incorporation YYMMDD, homoclave and check character.
// The letters are A-Z, '&' and 'Ñ'; the date must be a calendar date (the century is not
// written, so 29 February is always accepted); the homoclave is letters or digits. The
// check character: pad the first 11 or 12 characters on the left with spaces to 12,
// value each by its index in "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ", weight them 13
// down to 2, r = sum mod 11; the check is 0 when r is 0, A when r is 1, else 11 - r.
// Sources: SAT, "Algoritmo para generar el RFC con homoclave para personas físicas y
// morales" (IFAI 0610100135506 / 0610100162005), https://es.wikipedia.org/wiki/Registro_Federal_de_Contribuyentes_(México).
// Spaces and dashes between the parts are skipped; 'Ñ' arrives as UTF-8 C3 91. No allocation.

public enum MexicoRFC {
    /// The alphabet's values for 'A'...'Z' (ASCII 65...90): A=10 ... N=23, O=25 ... Z=36.
    static func value(_ b: UInt8) -> Int? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(b &- 48)
        case UInt8(ascii: "A")...UInt8(ascii: "N"): return Int(b &- 55)
        case UInt8(ascii: "&"): return 24
        case UInt8(ascii: "O")...UInt8(ascii: "Z"): return Int(b &- 54)
        case TaxpayerCharacters.enye: return 38
        default: return nil
        }
    }

    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let c = TaxpayerCharacters(bytes), c.count == 12 || c.count == 13 else { return false }
        let letters = c.count - 9
        for i in 0..<letters {
            let b = c[i]
            guard NationalNumbers.isUpper(b) || b == UInt8(ascii: "&") || b == TaxpayerCharacters.enye else { return false }
        }
        guard c.allDigits(letters, letters + 6) else { return false }
        let month = c.number(letters + 2, letters + 4)
        let day = c.number(letters + 4, letters + 6)
        guard month >= 1, month <= 12, day >= 1, day <= DateOfBirth.daysIn(month: month, leap: true) else { return false }
        for i in (letters + 6)..<c.count {
            guard c.digit(i) != nil || NationalNumbers.isUpper(c[i]) else { return false }
        }
        // Padding spaces count 37 each, with weights 13 (and 12 for a 12-character RFC).
        var sum = c.count == 12 ? 37 * 13 : 0
        var weight = c.count == 12 ? 12 : 13
        for i in 0..<(c.count - 1) {
            guard let v = value(c[i]) else { return false }
            sum &+= v &* weight
            weight -= 1
        }
        let r = sum % 11
        let expected: UInt8 = r == 0 ? UInt8(ascii: "0") : (r == 1 ? UInt8(ascii: "A") : UInt8(48 + 11 - r))
        return c[c.count - 1] == expected
    }
}
