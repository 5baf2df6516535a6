// India: Aadhaar number, 12 digits (Macie's INDIA_AADHAAR_NUMBER).
//
// Specification: UIDAI, "Aadhaar number" structure: 11 digits and a Verhoeff check digit
// (J. Verhoeff, "Error Detecting Decimal Codes", Mathematical Centre Tracts 29, 1969;
// the dihedral-group D5 multiplication, permutation and inverse tables below); the first
// digit is never 0 or 1. Printed as 4-4-4 groups separated by spaces (or hyphens), or
// compact.

extension NationalNumbers {
    public enum IndiaAadhaar {
        /// d(j, k): multiplication in D5.
        static let multiplication: [[UInt8]] = [
            [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
            [2, 3, 4, 0, 1, 7, 8, 9, 5, 6], [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
            [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
            [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
            [8, 7, 6, 5, 9, 3, 2, 1, 0, 4], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
        ]
        /// p(i mod 8, digit): the position permutation.
        static let permutation: [[UInt8]] = [
            [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
            [5, 8, 0, 3, 7, 9, 6, 1, 4, 2], [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
            [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
            [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
        ]

        /// The Verhoeff check over the digits of `c` (check digit last).
        static func verhoeff(_ c: UnsafeBufferPointer<UInt8>) -> Bool {
            var check = 0
            var position = 0
            var i = c.count
            while i > 0 {
                i -= 1
                let d = Int(c[i] &- 48)
                check = Int(multiplication[check][Int(permutation[position & 7][d])])
                position += 1
            }
            return check == 0
        }

        @Sendable
        public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
            withCompacted(bytes, capacity: 12) { c in
                guard c.count == 12, allDigits(c), c[0] >= UInt8(ascii: "2") else { return false }
                return verhoeff(c)
            }
        }
    }
}
