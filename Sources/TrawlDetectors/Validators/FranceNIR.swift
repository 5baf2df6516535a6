// France: numéro d'inscription au répertoire (NIR, the "numéro de sécurité sociale"
// INSEE assigns), 13 characters and a 2-digit key (Macie's
// FRANCE_NATIONAL_IDENTIFICATION_NUMBER, "INSEE codes").
//
// Specification: INSEE, "Répertoire national d'identification des personnes physiques
// (RNIPP)" and décret n° 82-103 du 22 janvier 1982; CNAV / ameli "clé de contrôle":
// - sex (1 or 2; 3, 4, 7, 8 for provisional numbers), year of birth (2 digits), month
//   (01-12; 20-42 and 50-99 are used when the month is unknown), department (2 digits,
//   2A or 2B for Corsica, 97x/98x overseas with a 2-digit commune), commune (3 digits),
//   order number (3 digits), key (2 digits);
// - the key is 97 minus the 13-character number mod 97, where 2A counts as 19 and 2B as
//   18.
// Written compact (184127645108946) or in groups (1 84 12 76 451 089 46). Published
// examples are the detector file's deny values. The structure and key check is also the
// health group's (FranceHealthInsuranceNumber.swift: the same number on the carte Vitale).

extension NationalNumbers {
    public enum FranceNIR {
        /// What the health insurance validator checks beyond the key: the department (2A
        /// and 2B as 20) and the order number.
        struct Parts {
            let department: Int
            let order: Int
        }

        /// The parts of a NIR whose structure and key are right, or nil. `c` holds the
        /// candidate as `withCompacted` gives it (separators dropped, letters upper-cased).
        static func parts(_ c: UnsafeBufferPointer<UInt8>) -> Parts? {
            guard c.count == 15 else { return nil }
            guard "123478".utf8.contains(c[0]) else { return nil }
            let corsica = c[5] == UInt8(ascii: "2") && (c[6] == UInt8(ascii: "A") || c[6] == UInt8(ascii: "B"))
            var remainder = 0
            for i in 0..<13 {
                let b = c[i]
                let d: Int
                if corsica && i == 5 {
                    d = 1                                   // 2A -> 19, 2B -> 18
                } else if corsica && i == 6 {
                    d = b == UInt8(ascii: "A") ? 9 : 8
                } else {
                    guard isDigit(b) else { return nil }
                    d = Int(b &- 48)
                }
                remainder = (remainder &* 10 &+ d) % 97
            }
            let month = value(c, 3, 5)
            guard (1...12).contains(month) || (20...42).contains(month) || (50...99).contains(month) else {
                return nil
            }
            guard isDigit(c[13]), isDigit(c[14]) else { return nil }
            let key = value(c, 13, 15)
            guard key >= 1 && key <= 97 && key == 97 - remainder else { return nil }
            return Parts(department: corsica ? 20 : value(c, 5, 7), order: value(c, 10, 13))
        }

        @Sendable
        public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
            withCompacted(bytes, capacity: 15) { parts($0) != nil }
        }
    }
}
