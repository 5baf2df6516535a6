// Colombia's Número de Identificación Tributaria (NIT), as the DIAN assigns it: a base
// number and a verification digit (dígito de verificación, DV), printed 900.123.456-7,
// 900123456-7 or 9001234567. DV: the base's digits, from the right, are weighted 3, 7,
// 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71; r = sum mod 11; DV = r when r is 0
// or 1, else 11 - r. (DIAN, Orden Administrativa 4/1989; Estatuto Tributario art. 555-1;
// https://es.wikipedia.org/wiki/Número_de_Identificación_Tributaria_(Colombia)).
//
// Organizations (COLOMBIA_ORGANIZATION_NIT_NUMBER) have nine-digit bases from 800000000
// up; a person's NIT (COLOMBIA_INDIVIDUAL_NIT_NUMBER) is their cédula number, 6 to 10
// digits, with its DV. Dots and the dash are skipped. No allocation.

public enum ColombiaNIT {
    static let weights = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71]

    @Sendable
    public static func isValidIndividual(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let c = TaxpayerCharacters(bytes), c.count >= 7, c.count <= 11, hasValidDV(c) else { return false }
        return !isOrganizationBase(c)
    }

    @Sendable
    public static func isValidOrganization(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let c = TaxpayerCharacters(bytes), hasValidDV(c) else { return false }
        return isOrganizationBase(c)
    }

    /// A nine-digit base starting with 8 or 9.
    private static func isOrganizationBase(_ c: TaxpayerCharacters) -> Bool {
        c.count == 10 && (c[0] == UInt8(ascii: "8") || c[0] == UInt8(ascii: "9"))
    }

    private static func hasValidDV(_ c: TaxpayerCharacters) -> Bool {
        let baseLength = c.count - 1
        guard baseLength >= 1, baseLength <= weights.count, c.allDigits(0, c.count) else { return false }
        var sum = 0
        for i in 0..<baseLength { sum &+= Int(c[baseLength - 1 - i] &- 48) &* weights[i] }
        let r = sum % 11
        return (r < 2 ? r : 11 - r) == Int(c[baseLength] &- 48)
    }
}
