// Germany: Personalausweis (identity card) number (Macie's
// GERMANY_NATIONAL_IDENTIFICATION_NUMBER, "German National Identity Card numbers").
//
// Specification:
// - ICAO Doc 9303 part 3, 4.9 (check digits in the machine readable zone): character
//   values 0-9 for digits and A=10 ... Z=35, weights 7, 3, 1 repeating, sum mod 10
//   (PassportNumber.hasICAOCheckDigit, shared with the German passport validator).
// - Cards issued since 1 November 2010 (Personalausweisverordnung, PAuswV, Anlage 1):
//   the document number has 9 characters, a letter from L M N P R T V W X Y followed by
//   8 characters from 0-9 and C F G H J K L M N P R T V W X Y Z (no vowels, no B D Q S);
//   the MRZ and many records append its ICAO check digit (T22000129 -> T220001293).
//   The 9-character form printed on the card carries no check digit; it is accepted on
//   its structure (and must hold a digit).
// - Cards issued until October 2010: 9 digits (4-digit authority code and 5-digit serial)
//   and the ICAO check digit, 10 digits.
// The Bundesinnenministerium's specimen numbers (Erika Mustermann) are the detector
// file's deny values.

extension NationalNumbers {
    public enum GermanyIdentityCard {
        @Sendable
        public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
            let n = bytes.count
            guard n == 9 || n == 10 else { return false }
            if isDigit(bytes[0]) {
                // Old card: 10 digits with the check digit.
                guard n == 10 else { return false }
                for b in bytes where !isDigit(b) { return false }
                return PassportNumber.hasICAOCheckDigit(bytes, at: 9)
            }
            guard "LMNPRTVWXY".utf8.contains(bytes[0]) else { return false }
            var sawDigit = false
            for i in 1..<9 {
                let b = bytes[i]
                if isDigit(b) {
                    sawDigit = true
                } else if !"CFGHJKLMNPRTVWXYZ".utf8.contains(b) {
                    return false
                }
            }
            guard sawDigit else { return false }
            return n == 9 || PassportNumber.hasICAOCheckDigit(bytes, at: 9)
        }
    }
}
