// Australian Tax File Numbers (AUSTRALIA_TAX_FILE_NUMBER): nine digits, written compact
// or in groups of three, whose weighted sum is a multiple of 11. The check the Australian
// Taxation Office applies to TFNs (https://en.wikipedia.org/wiki/Tax_file_number, "Check
// digit"; the ATO issues them, https://www.ato.gov.au/individuals-and-families/tax-file-number):
//   weights 1, 4, 3, 7, 5, 8, 6, 9, 10 on digits 1-9; sum mod 11 must be 0.
// Older eight-digit TFNs exist, but their weights are not published consistently: only
// nine-digit numbers are accepted. Spaces and dashes between the groups are skipped.

public enum AustraliaTaxFileNumber {
    static let weights = [1, 4, 3, 7, 5, 8, 6, 9, 10]

    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let c = TaxpayerCharacters(bytes), c.count == 9, c.allDigits(0, 9) else { return false }
        var sum = 0
        for i in 0..<9 { sum &+= Int(c[i] &- 48) &* weights[i] }
        return sum % 11 == 0
    }
}
