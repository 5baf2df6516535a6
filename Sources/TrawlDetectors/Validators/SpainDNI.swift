// Spain: Documento Nacional de Identidad (DNI) number, 8 digits and a control letter
// (Macie's SPAIN_DNI_NUMBER; the same number is a Spanish person's NIF).
//
// Specification: Real Decreto 1553/2005 (DNI) and Real Decreto 1065/2007 art. 22 (NIF);
// Ministerio del Interior, "Cálculo del dígito de control del NIF/NIE"
// (https://www.interior.gob.es/opencms/es/servicios-al-ciudadano/tramites-y-gestiones/dni/calculo-del-digito-de-control-del-nif-nie/):
// the letter is "TRWAGMYFPDXBNJZSQVHLCKE"[number mod 23].
// Accepted text: 12345678Z, 12345678-Z, 12.345.678-Z (dots and hyphen skipped; a
// lower-case letter is compared upper-cased). The all-zero number is rejected.
// The control letter is computed here for every Spanish validator that has one (NIE and
// NIF in SpainTaxNumbers.swift, the driving licence in DriversLicenseSpain.swift).

extension NationalNumbers {
    public enum SpainDNI {
        static let letters: [UInt8] = Array("TRWAGMYFPDXBNJZSQVHLCKE".utf8)

        /// The DNI / NIE / NIF control letter of `number` (an NIE's X, Y, Z counted as
        /// its leading digit 0, 1, 2).
        @inline(__always)
        static func controlLetter(_ number: Int) -> UInt8 {
            letters[number % 23]
        }

        @Sendable
        public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
            withCompacted(bytes, capacity: 9) { c in
                guard c.count == 9, allDigits(UnsafeBufferPointer(rebasing: c[0..<8])) else { return false }
                let number = value(c, 0, 8)
                guard number != 0 else { return false }
                return c[8] == controlLetter(number)
            }
        }
    }
}
