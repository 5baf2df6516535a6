// Chile: Rol Único Nacional (RUN, persons) and Rol Único Tributario (RUT, taxpayers):
// one number, a body of 7 or 8 digits and a check character (Macie's CHILE_RUT_NUMBER).
//
// Specification: the Servicio de Registro Civil e Identificación and the Servicio de
// Impuestos Internos compute the check character "módulo 11": the body's digits, from
// the rightmost, are weighted 2, 3, 4, 5, 6, 7, 2, 3, ...; the check is 11 minus the
// sum's remainder mod 11, with 11 written 0 and 10 written K
// (https://www.sii.cl/, "dígito verificador"; https://es.wikipedia.org/wiki/Rol_Único_Tributario).
//
// Accepted text: 12.345.678-5, 12345678-5, 123456785, 1.234.567-K (dots and the hyphen
// are skipped, k as K). A body of all zeros (00.000.000-0, Macie's example) is rejected.

extension NationalNumbers {
    public enum ChileRUT {
        @Sendable
        public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
            withCompacted(bytes, capacity: 9) { c in
                guard c.count == 8 || c.count == 9 else { return false }
                let last = c.count - 1
                var sum = 0
                var weight = 2
                var nonZero = false
                var i = last
                while i > 0 {
                    i -= 1
                    guard isDigit(c[i]) else { return false }
                    let d = Int(c[i] &- 48)
                    if d != 0 { nonZero = true }
                    sum &+= d &* weight
                    weight = weight == 7 ? 2 : weight + 1
                }
                guard nonZero else { return false }
                let r = 11 - sum % 11
                let expected: UInt8 = r == 11 ? UInt8(ascii: "0") : r == 10 ? UInt8(ascii: "K") : UInt8(48 + r)
                return c[last] == expected
            }
        }
    }
}
