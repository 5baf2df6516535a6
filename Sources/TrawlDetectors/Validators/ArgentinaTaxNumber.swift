// Argentina's Clave Única de Identificación Tributaria / Laboral (CUIT, CUIL), as AFIP
// (now ARCA) assigns them: 11 digits TT-NNNNNNNN-D, written compact or with dashes or
// spaces. TT is the type: 20, 23, 24, 27 for people
// (ARGENTINA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER), 30, 33, 34 for organizations
// (ARGENTINA_ORGANIZATION_TAX_IDENTIFICATION_NUMBER); the detector files' patterns pick
// the type, this check accepts any of the seven. D is a check digit: weights 5, 4, 3,
// 2, 7, 6, 5, 4, 3, 2 on the first ten digits, D = 11 - (sum mod 11), 0 when that is 11.
// When it would be 10 AFIP assigns the number under type 23 or 33 instead, so a
// result of 10 means the number is not valid.
// Sources: AFIP, "Código Único de Identificación Tributaria" (https://www.afip.gob.ar/),
// https://es.wikipedia.org/wiki/Clave_Única_de_Identificación_Tributaria.
// Spaces and dashes are skipped. No allocation.

public enum ArgentinaTaxNumber {
    static let weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]

    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let c = TaxpayerCharacters(bytes), c.count == 11, c.allDigits(0, 11) else { return false }
        switch c.number(0, 2) {
        case 20, 23, 24, 27, 30, 33, 34: break
        default: return false
        }
        var sum = 0
        for i in 0..<10 { sum &+= Int(c[i] &- 48) &* weights[i] }
        var check = 11 - sum % 11
        if check == 11 { check = 0 }
        return check != 10 && check == Int(c[10] &- 48)
    }
}
