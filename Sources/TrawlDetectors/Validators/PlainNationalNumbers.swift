// National numbers without a check digit: their validators check the length and drop
// placeholder values (one digit repeated: 99.999.999, 11111111), which Macie lists as
// examples it never reports.
//
// - Argentina, Documento Nacional de Identidad (ARGENTINA_DNI_NUMBER): RENAPER (Ley
//   17.671) assigns a number of up to 8 digits, written 12.345.678 or compact; numbers
//   in use have 7 or 8 digits. No check digit.
// - Brazil, Registro Geral (BRAZIL_RG_NUMBER): issued by each state's identification
//   institute (Lei 7.116/1983); 7 to 9 digits, often with a final check character that
//   some states (São Paulo: mod 11, 10 written X) append, e.g. 12.345.678-9. The check
//   character is state-specific and not defined for all states, so it is not verified.
// - Colombia, cédula de ciudadanía (COLOMBIA_CITIZENSHIP_CARD_NUMBER): Registraduría
//   Nacional del Estado Civil; 6 to 10 digits (the 10-digit series starts at
//   1.000.000.000), written with dots or compact. No check digit.
// - Canada, permanent resident card (CANADA_NATIONAL_IDENTIFICATION_NUMBER, Macie's
//   "permanent residence number"): IRCC prints the card's document number (2 letters and
//   7 digits) and the holder's client ID (UCI, 8 digits, or 10 written 00-0000-0000).
//   Neither has a published check digit.

extension NationalNumbers {
    public enum PlainNumbers {
        /// Digits only (separators skipped), `minimum...maximum` of them, first digit not 0,
        /// not one digit repeated.
        @inline(__always)
        static func digits(_ bytes: UnsafeRawBufferPointer, _ minimum: Int, _ maximum: Int) -> Bool {
            withCompacted(bytes, capacity: maximum) { c in
                c.count >= minimum && allDigits(c) && c[0] != UInt8(ascii: "0") && !isRepeatedDigit(c)
            }
        }

        @Sendable
        public static func argentinaDNI(_ bytes: UnsafeRawBufferPointer) -> Bool {
            digits(bytes, 7, 8)
        }

        @Sendable
        public static func colombiaCedula(_ bytes: UnsafeRawBufferPointer) -> Bool {
            withCompacted(bytes, capacity: 10) { c in
                guard c.count >= 6, allDigits(c), c[0] != UInt8(ascii: "0"), !isRepeatedDigit(c) else { return false }
                return c.count < 10 || c[0] == UInt8(ascii: "1")
            }
        }

        @Sendable
        public static func brazilRG(_ bytes: UnsafeRawBufferPointer) -> Bool {
            withCompacted(bytes, capacity: 10) { c in
                guard c.count >= 7 else { return false }
                let body = c[c.count - 1] == UInt8(ascii: "X") ? UnsafeBufferPointer(rebasing: c[0..<(c.count - 1)]) : c
                guard body.count >= 7, allDigits(body) else { return false }
                return !isRepeatedDigit(c)
            }
        }

        @Sendable
        public static func canadaPermanentResident(_ bytes: UnsafeRawBufferPointer) -> Bool {
            withCompacted(bytes, capacity: 10) { c in
                if c.count == 9 && isUpper(c[0]) && isUpper(c[1]) {
                    let serial = UnsafeBufferPointer(rebasing: c[2..<9])
                    return allDigits(serial) && !isRepeatedDigit(serial)
                }
                return (c.count == 8 || c.count == 10) && allDigits(c) && !isRepeatedDigit(c)
            }
        }
    }
}
