// Spain: número de la Seguridad Social (número de afiliación, NAF / NUSS), 12 digits
// (Macie's SPAIN_SOCIAL_SECURITY_NUMBER).
//
// Specification: Tesorería General de la Seguridad Social (Orden de 12 de mayo de 1992
// and the RED system's "dígitos de control"): 2 digits of province (01-53; 66 and up
// for special codes), an 8-digit number and 2 control digits. With A the province and B
// the number, the control digits are (A * 10^7 + B) mod 97 when B < 10^7 (the number's
// leading zero is dropped: the 11-digit numbers issued before the 8-digit series), and
// (A * 10^8 + B) mod 97 otherwise.
// Written 28/12345678/40, 28 12345678 40, 28-12345678-40 or compact.

extension NationalNumbers {
    public enum SpainSocialSecurityNumber {
        @Sendable
        public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
            withCompacted(bytes, capacity: 12) { c in
                guard c.count == 12, allDigits(c) else { return false }
                let province = value(c, 0, 2)
                guard (1...53).contains(province) || province >= 66 else { return false }
                let number = value(c, 2, 10)
                guard number != 0 else { return false }
                let control = value(c, 10, 12)
                let n = number < 10_000_000 ? province * 10_000_000 + number : province * 100_000_000 + number
                return n % 97 == control
            }
        }
    }
}
