// India's Permanent Account Number (INDIA_PERMANENT_ACCOUNT_NUMBER), as the Income Tax
// Department allots it (Income-tax Act 1961, s. 139A; structure described at
// https://incometaxindia.gov.in/Pages/tax-services/apply-for-pan.aspx and
// https://en.wikipedia.org/wiki/Permanent_account_number):
// - ten characters AAAAA9999A: five upper-case letters, four digits, one letter;
// - the fourth letter is the holder type: P person, C company, H Hindu undivided family,
//   F firm, A association of persons, T trust, B body of individuals, L local authority,
//   J artificial juridical person, G government.
// The last letter is a check character, but its algorithm is not published, so only
// the structure is verified. No separators. No allocation.

public enum IndiaPermanentAccountNumber {
    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let c = TaxpayerCharacters(bytes), c.count == 10, bytes.count == 10,
              c.allUpper(0, 5), c.allDigits(5, 9), c.allUpper(9, 10) else { return false }
        switch c[3] {
        case UInt8(ascii: "P"), UInt8(ascii: "C"), UInt8(ascii: "H"), UInt8(ascii: "F"), UInt8(ascii: "A"),
             UInt8(ascii: "T"), UInt8(ascii: "B"), UInt8(ascii: "L"), UInt8(ascii: "J"), UInt8(ascii: "G"):
            return true
        default:
            return false
        }
    }
}
