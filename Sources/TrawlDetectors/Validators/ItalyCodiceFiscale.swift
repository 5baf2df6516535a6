// Italy: codice fiscale of a natural person, 16 characters (Macie's
// ITALY_NATIONAL_IDENTIFICATION_NUMBER).
//
// Specification: Decreto del Ministero delle Finanze 23 dicembre 1976, "Sistemi di
// codificazione dei soggetti da iscrivere all'anagrafe tributaria" (and DM 12 marzo 1974):
// - 6 letters (surname, first name), 2 digits (year), 1 month letter
//   (A B C D E H L M P R S T), 2 digits (day; +40 for women: 01-31 or 41-71), 1 letter
//   and 3 digits (the Belfiore code of the place of birth), 1 check letter;
// - "omocodia": when two people would share a code, digits are replaced from the right
//   by the letters L M N P Q R S T U V (0-9), so each of the 7 digit positions may hold
//   one of those letters;
// - the check letter: characters in odd positions (1st, 3rd, ... 15th) map through the
//   decree's table (0/A=1, 1/B=0, 2/C=5, 3/D=7, 4/E=9, 5/F=13, 6/G=15, 7/H=17, 8/I=19,
//   9/J=21, K=2, L=4, M=18, N=20, O=11, P=3, Q=6, R=8, S=12, T=14, U=16, V=10, W=22,
//   X=25, Y=24, Z=23), characters in even positions count 0-9 / A=0 ... Z=25; the sum
//   mod 26 is the check letter (0 = A).
// Lower-case input is accepted (compared upper-cased). Published examples
// (RSSMRA85T10A562S, Wikipedia's) are the detector file's deny values.

extension NationalNumbers {
    public enum ItalyCodiceFiscale {
        /// Odd-position values for A...Z (digits use the first ten entries).
        static let oddValues: [UInt8] = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8,
                                         12, 14, 16, 10, 22, 25, 24, 23]
        /// Omocodia letters by the digit they replace: L M N P Q R S T U V.
        static let omocodia: [UInt8] = Array("LMNPQRSTUV".utf8)
        /// Positions (0-based) that hold digits, or their omocodia letters: 6, 7, 9, 10,
        /// 12, 13, 14, one bit each.
        static let digitPositions: UInt16 = 1 << 6 | 1 << 7 | 1 << 9 | 1 << 10 | 1 << 12 | 1 << 13 | 1 << 14

        @Sendable
        public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
            withCompacted(bytes, capacity: 16) { c in
                guard c.count == 16 else { return false }
                var day = 0
                for i in 0..<15 {
                    let b = c[i]
                    if digitPositions & (1 << i) != 0 {
                        let d: Int
                        if isDigit(b) {
                            d = Int(b &- 48)
                        } else if let k = omocodia.firstIndex(of: b) {
                            d = k
                        } else {
                            return false
                        }
                        if i == 9 || i == 10 { day = day * 10 + d }
                    } else if i == 8 {
                        guard "ABCDEHLMPRST".utf8.contains(b) else { return false }
                    } else {
                        guard isUpper(b) else { return false }
                    }
                }
                guard (1...31).contains(day) || (41...71).contains(day) else { return false }
                var sum = 0
                for i in 0..<15 {
                    let b = c[i]
                    let index = isDigit(b) ? Int(b &- 48) : Int(b &- 65)
                    sum &+= i & 1 == 0 ? Int(oddValues[index]) : index
                }
                return c[15] == UInt8(65 + sum % 26)
            }
        }
    }
}
