// Mexico: Clave Única de Registro de Población (CURP), 18 characters (Macie's
// MEXICO_CURP_NUMBER).
//
// Specification: Secretaría de Gobernación / RENAPO, "Instructivo Normativo para la
// Asignación de la Clave Única de Registro de Población" (DOF 18-10-2021):
// - 4 letters (first surname's initial and first inner vowel, second surname's initial,
//   first name's initial), 6 digits (date of birth YYMMDD), sex (H, M; X since 2022),
//   2 letters (state of birth, or NE born abroad), 3 consonants (inner consonants of the
//   surnames and name), 1 character assigned by RENAPO to tell homonyms apart (a digit
//   for births before 2000, a letter after), 1 check digit;
// - the check digit: each of the first 17 characters takes its index in
//   "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ" (so O-Z count one more than their alphabet
//   position), multiplied by 18, 17, ... 2; the check digit is 10 minus the sum mod 10,
//   mod 10.
// The regex of the detector file checks the layout (dates, state codes); this function
// re-checks the character classes and the check digit.

extension NationalNumbers {
    public enum MexicoCURP {
        /// Index of a CURP character in RENAPO's 37-character dictionary.
        @inline(__always)
        static func dictionaryValue(_ b: UInt8) -> Int? {
            if isDigit(b) { return Int(b &- 48) }
            if b >= UInt8(ascii: "A") && b <= UInt8(ascii: "N") { return Int(b &- 65) + 10 }
            if b >= UInt8(ascii: "O") && b <= UInt8(ascii: "Z") { return Int(b &- 65) + 11 }
            return nil
        }

        @Sendable
        public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
            guard bytes.count == 18 else { return false }
            var sum = 0
            for i in 0..<17 {
                let b = bytes[i]
                let letterPosition = i < 4 || i == 10 || (i >= 11 && i <= 15)
                let digitPosition = i >= 4 && i <= 9
                if letterPosition && !isUpper(b) { return false }
                if digitPosition && !isDigit(b) { return false }
                guard let v = dictionaryValue(b) else { return false }
                sum &+= v &* (18 - i)
            }
            let month = Int(bytes[6] &- 48) * 10 + Int(bytes[7] &- 48)
            let day = Int(bytes[8] &- 48) * 10 + Int(bytes[9] &- 48)
            guard (1...12).contains(month), (1...31).contains(day) else { return false }
            let sex = bytes[10]
            guard sex == UInt8(ascii: "H") || sex == UInt8(ascii: "M") || sex == UInt8(ascii: "X") else { return false }
            let check = bytes[17]
            guard isDigit(check) else { return false }
            return Int(check &- 48) == (10 - sum % 10) % 10
        }
    }
}
