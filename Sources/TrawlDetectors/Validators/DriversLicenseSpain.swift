// Spanish driving licence numbers: the permiso de conducción carries the holder's DNI
// number (Spanish nationals) or NIE (foreign residents), with its control letter.
//
// Sources:
// - Real Decreto 818/2009, Reglamento General de Conductores (the licence number, field
//   5 of the EU model licence, is the holder's DNI or NIE).
// - Ministerio del Interior (interior.gob.es, DNI pages), "Cálculo del dígito de control
//   del NIF/NIE": the letter is TRWAGMYFPDXBNJZSQVHLCKE[number mod 23]; for an NIE the
//   leading X, Y or Z counts as the digit 0, 1 or 2 in front of its seven digits.
//
// Accepted: 8 digits + letter (DNI) or X/Y/Z + 7 digits + letter (NIE); the regex may
// allow a '-', '.' or ' ' between the parts, which this check skips. The control letter
// may be written in either case; it is computed by NationalNumbers.SpainDNI
// (SpainDNI.swift). No allocation.

public enum DriversLicenseSpain {
    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var number = 0
        var digits = 0
        var characters = 0
        var nie = false
        var control: UInt8 = 0
        for byte in bytes {
            if byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: " ") { continue }
            if control != 0 { return false }            // nothing may follow the letter
            let upper = byte & 0xDF
            if characters == 0 && upper >= UInt8(ascii: "X") && upper <= UInt8(ascii: "Z") {
                nie = true
                number = Int(upper &- UInt8(ascii: "X"))
            } else if byte &- 48 < 10 {
                number = number &* 10 &+ Int(byte &- 48)
                digits += 1
                if digits > 8 { return false }
            } else if upper &- 65 < 26 {
                control = upper
            } else {
                return false
            }
            characters += 1
        }
        guard control != 0, digits == (nie ? 7 : 8) else { return false }
        return NationalNumbers.SpainDNI.controlLetter(number) == control
    }
}
