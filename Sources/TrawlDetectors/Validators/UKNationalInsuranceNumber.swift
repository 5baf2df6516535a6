// UK: National Insurance number (NINO), two prefix letters, six digits, a suffix letter
// (Macie's UK_NATIONAL_INSURANCE_NUMBER).
//
// Specification: HMRC National Insurance Manual NIM39110 ("National Insurance number
// format"): the first prefix letter is not D, F, I, Q, U or V; the second is not D, F,
// I, O, Q, U or V; the prefixes BG, GB, KN, NK, NT, TN and ZZ are not allocated; the
// suffix is A, B, C or D. Written compact (AB123456C) or in pairs (AB 12 34 56 C).
// The HMRC and GOV.UK example QQ 12 34 56 C fails the prefix rule; other published
// examples are the detector file's deny values.

extension NationalNumbers {
    public enum UKNationalInsuranceNumber {
        @Sendable
        public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
            withCompacted(bytes, capacity: 9) { c in
                guard c.count == 9 else { return false }
                let first = c[0], second = c[1], suffix = c[8]
                guard isUpper(first), isUpper(second) else { return false }
                guard !"DFIQUV".utf8.contains(first), !"DFIOQUV".utf8.contains(second) else { return false }
                switch (first, second) {
                case (UInt8(ascii: "B"), UInt8(ascii: "G")), (UInt8(ascii: "G"), UInt8(ascii: "B")),
                     (UInt8(ascii: "K"), UInt8(ascii: "N")), (UInt8(ascii: "N"), UInt8(ascii: "K")),
                     (UInt8(ascii: "N"), UInt8(ascii: "T")), (UInt8(ascii: "T"), UInt8(ascii: "N")),
                     (UInt8(ascii: "Z"), UInt8(ascii: "Z")):
                    return false                       // prefixes not allocated
                default:
                    break
                }
                guard allDigits(UnsafeBufferPointer(rebasing: c[2..<8])) else { return false }
                return suffix >= UInt8(ascii: "A") && suffix <= UInt8(ascii: "D")
            }
        }
    }
}
