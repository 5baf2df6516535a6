// Germany's steuerliche Identifikationsnummer (Steuer-ID, GERMANY_TAX_IDENTIFICATION_NUMBER),
// § 139b Abgabenordnung, as the Bundeszentralamt für Steuern specifies it:
// - 11 digits, printed compact or as NN NNN NNN NNN; the first digit is not 0;
// - in the first ten digits exactly one digit occurs more than once: twice, or (for
//   numbers issued since 2016) three times, but then never three times in a row; every
//   other digit occurs at most once;
// - digit 11 is a check digit by ISO/IEC 7064 MOD 11,10 (hybrid system): start with
//   product 10; for each digit, sum = (digit + product) mod 10 (10 when 0), product =
//   (2 * sum) mod 11; the check digit is 11 - product (0 when that is 10).
// Sources: https://www.bzst.de/DE/Privatpersonen/SteuerlicheIdentifikationsnummer/steuerlicheidentifikationsnummer_node.html,
// ISO/IEC 7064:2003, https://de.wikipedia.org/wiki/Steuerliche_Identifikationsnummer.
// Spaces are skipped. No allocation.

public enum GermanyTaxIdentificationNumber {
    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let c = TaxpayerCharacters(bytes), c.count == 11, c.allDigits(0, 11),
              c[0] != UInt8(ascii: "0") else { return false }
        // Digit counts in the first ten digits, packed 4 bits per digit.
        var counts: UInt64 = 0
        for i in 0..<10 { counts &+= 1 << (UInt64(c[i] &- 48) * 4) }
        var repeatedDigit = -1
        for d in 0..<10 {
            let n = Int((counts >> (UInt64(d) * 4)) & 0xF)
            if n > 1 {
                guard repeatedDigit < 0, n <= 3 else { return false }
                repeatedDigit = d
                if n == 3 {
                    for i in 0..<8 where Int(c[i] &- 48) == d && c[i + 1] == c[i] && c[i + 2] == c[i] {
                        return false
                    }
                }
            }
        }
        guard repeatedDigit >= 0 else { return false }
        return checkDigit(c) == Int(c[10] &- 48)
    }

    /// ISO/IEC 7064 MOD 11,10 over the first ten digits.
    static func checkDigit(_ c: TaxpayerCharacters) -> Int {
        var product = 10
        for i in 0..<10 {
            var sum = (Int(c[i] &- 48) + product) % 10
            if sum == 0 { sum = 10 }
            product = (sum * 2) % 11
        }
        let check = 11 - product
        return check == 10 ? 0 : check
    }
}
