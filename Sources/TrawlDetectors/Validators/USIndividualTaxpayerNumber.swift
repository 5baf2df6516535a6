// US Individual Taxpayer Identification Numbers (USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER),
// as the IRS assigns them: nine digits 9XX-GG-XXXX, written compact, with dashes or with
// spaces; the first digit is 9 and the group (digits 4-5) lies in 50-65, 70-88, 90-92
// or 94-99 (https://www.irs.gov/individuals/individual-taxpayer-identification-number,
// IRS Publication 1915; the ranges 50-65 and 83-99 less 89 and 93 were added in 2011).
// There is no check digit. Spaces and dashes are skipped. No allocation.

public enum USIndividualTaxpayerNumber {
    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let c = TaxpayerCharacters(bytes), c.count == 9, c.allDigits(0, 9),
              c[0] == UInt8(ascii: "9") else { return false }
        let group = c.number(3, 5)
        return (50...65).contains(group) || (70...88).contains(group) || (90...92).contains(group)
            || (94...99).contains(group)
    }
}
