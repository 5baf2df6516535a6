// France's numéro fiscal de référence (numéro SPI, FRANCE_TAX_IDENTIFICATION_NUMBER):
// 13 digits, the first 0, 1, 2 or 3, printed compact or as NN NN NNN NNN NNN. The last
// three digits are a key: the number formed by the first ten digits, modulo 511, written
// on three digits. Sources: the European Commission's TIN on the Web service, whose
// validation rules for France apply this key (https://ec.europa.eu/taxation_customs/tin/),
// and the OECD's country sheet for the structure
// (https://www.oecd.org/tax/automatic-exchange/crs-implementation-and-assistance/tax-identification-numbers/France-TIN.pdf).
// Spaces are skipped. No allocation.

public enum FranceTaxNumber {
    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let c = TaxpayerCharacters(bytes), c.count == 13, c.allDigits(0, 13),
              c[0] <= UInt8(ascii: "3") else { return false }
        return c.number(0, 10) % 511 == c.number(10, 13)
    }
}
