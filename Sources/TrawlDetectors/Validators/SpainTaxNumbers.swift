// Spain's tax identification numbers (Real Decreto 1065/2007, arts. 18-21; Orden
// EHA/451/2008 for entities; Ministerio del Interior for the DNI/NIE letter,
// https://www.interior.gob.es/opencms/es/servicios-al-ciudadano/tramites-y-gestiones/dni/calculo-del-digito-de-control-del-nif-nie/):
//
// - NIE (Número de Identidad de Extranjero, SPAIN_NIE_NUMBER): X, Y or Z, seven digits,
//   a control letter. X, Y, Z stand for 0, 1, 2 in front of the seven digits; the letter
//   is TRWAGMYFPDXBNJZSQVHLCKE[number mod 23] (NationalNumbers.SpainDNI.controlLetter).
// - NIF of individuals (SPAIN_NIF_NUMBER): the eight DNI digits and the same control
//   letter (12345678Z), or K, L or M (Spaniards without a DNI: minors, non-residents,
//   foreigners without a NIE) with seven digits and the letter of those seven digits.
// - NIF of entities, formerly CIF (SPAIN_TAX_IDENTIFICATION_NUMBER): an entity letter
//   (A B C D E F G H J N P Q R S U V W), seven digits, a control character. Control: sum
//   the digits in positions 2, 4, 6 (of the seven) and, for positions 1, 3, 5, 7, the
//   digit sum of twice the digit; n = (10 - sum mod 10) mod 10. The control is the letter
//   JABCDEFGHI[n] for entity letters N P Q R S W and for non-resident numbers (first two
//   digits 00), the digit n for A B E H, and either for the other letters.
//
// Spaces, dashes and dots between the parts are skipped. No allocation.

public enum SpainTaxNumbers {
    static let entityLetters: [UInt8] = Array("JABCDEFGHI".utf8)

    @Sendable
    public static func isValidNIE(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let c = TaxpayerCharacters(bytes), c.count == 9, c.allDigits(1, 8) else { return false }
        let prefix: Int
        switch c[0] {
        case UInt8(ascii: "X"): prefix = 0
        case UInt8(ascii: "Y"): prefix = 1
        case UInt8(ascii: "Z"): prefix = 2
        default: return false
        }
        return NationalNumbers.SpainDNI.controlLetter(prefix * 10_000_000 + c.number(1, 8)) == c[8]
    }

    @Sendable
    public static func isValidNIF(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let c = TaxpayerCharacters(bytes), c.count == 9 else { return false }
        switch c[0] {
        case UInt8(ascii: "K"), UInt8(ascii: "L"), UInt8(ascii: "M"):
            guard c.allDigits(1, 8) else { return false }
            return NationalNumbers.SpainDNI.controlLetter(c.number(1, 8)) == c[8]
        default:
            guard c.allDigits(0, 8) else { return false }
            return NationalNumbers.SpainDNI.controlLetter(c.number(0, 8)) == c[8]
        }
    }

    @Sendable
    public static func isValidCIF(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let c = TaxpayerCharacters(bytes), c.count == 9, c.allDigits(1, 8) else { return false }
        var sum = 0
        for i in 1...7 {
            let d = Int(c[i] &- 48)
            if i % 2 == 1 {
                let twice = d * 2
                sum += twice / 10 + twice % 10
            } else {
                sum += d
            }
        }
        let n = (10 - sum % 10) % 10
        let letter = entityLetters[n]
        let digit = UInt8(48 + n)
        let nonResident = c[1] == UInt8(ascii: "0") && c[2] == UInt8(ascii: "0")
        switch c[0] {
        case UInt8(ascii: "N"), UInt8(ascii: "P"), UInt8(ascii: "Q"), UInt8(ascii: "R"), UInt8(ascii: "S"),
             UInt8(ascii: "W"):
            return c[8] == letter
        case UInt8(ascii: "A"), UInt8(ascii: "B"), UInt8(ascii: "E"), UInt8(ascii: "H"):
            return nonResident ? c[8] == letter : c[8] == digit
        case UInt8(ascii: "C"), UInt8(ascii: "D"), UInt8(ascii: "F"), UInt8(ascii: "G"), UInt8(ascii: "J"),
             UInt8(ascii: "U"), UInt8(ascii: "V"):
            return nonResident ? c[8] == letter : (c[8] == letter || c[8] == digit)
        default:
            return false
        }
    }
}
