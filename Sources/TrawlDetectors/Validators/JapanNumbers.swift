// Japan: My Number (individual number), corporate number, driver's license number and
// phone numbers (JAPAN_MY_NUMBER, JAPAN_CORPORATE_NUMBER, JAPAN_DRIVERS_LICENSE,
// JAPAN_PHONE_NUMBER).
//
// Specifications:
// - My Number (個人番号): 12 digits, the last a check digit. 行政手続における特定の個人を
//   識別するための番号の利用等に関する法律施行令第八条に規定する総務省令 (総務省令第85号,
//   2014), 第五条: with Pn the n-th digit from the right of the 11 base digits and
//   Qn = n + 1 (1 <= n <= 6), n - 5 (7 <= n <= 11), r = (sum Pn x Qn) mod 11, the check
//   digit is 0 when r <= 1, else 11 - r. Read from the left: weights 6,5,4,3,2,7,6,5,4,3,2.
// - Corporate number (法人番号): 13 digits, the first a check digit over the 12 that
//   follow. 行政手続における特定の個人を識別するための番号の利用等に関する法律施行令第三十八条
//   に規定する財務省令 (財務省令第70号, 2014), 第二条: with Pn the n-th base digit from the
//   right and Qn = 1 (n odd), 2 (n even), the check digit is 9 - ((sum Pn x Qn) mod 9).
//   Published example: 国税庁's own number 7000012050002.
// - Driver's license number (運転免許証番号): 12 digits: the prefectural public safety
//   commission code (2), the year of first issue (2), a serial (6), a check digit over
//   the first 10 and the reissue count. The National Police Agency does not publish the
//   check digit rule; the rule used here is the one documented consistently by several
//   independent public write-ups (e.g. jiko0.com/bangou.html, kojima-yutaka.main.jp
//   "免許証番号の秘密", be_happy.chu.jp/menkyo) and reproducing their worked examples
//   (30 90 123456 -> check 2; 4598033587 -> 2): weights 5,4,3,2,7,6,5,4,3,2 from the left,
//   check = (11 - sum mod 11) mod 10. The commission codes are those of the same
//   sources (10-14 Hokkaido areas, 20-25, 30, 40-49, 50-55, 60-65, 70-74, 80-83, 90-97).
// - Phone numbers (総務省 電気通信番号計画): with the trunk 0, geographic numbers have 10
//   digits (0 + area code + exchange + subscriber, the digit after the area code's 0 not
//   0); 0120 and 0570 numbers 10; 0800 numbers 11; IP phones (050) and mobiles (070,
//   080, 090) 11. After +81 the trunk 0 is dropped (a "(0)" kept by habit is skipped).

extension NationalNumbers {
    public enum Japan {
        /// Weighted sum over the first `weights.count` digits of `c`.
        @inline(__always)
        static func weightedSum(_ c: UnsafeBufferPointer<UInt8>, _ weights: [Int]) -> Int {
            var s = 0
            for (i, w) in weights.enumerated() { s &+= Int(c[i] &- 48) &* w }
            return s
        }

        static let myNumberWeights = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
        static let licenseWeights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]

        /// My Number: 12 digits (spaces or hyphens between groups skipped), the last the
        /// 総務省令 check digit; all-same-digit values rejected.
        @Sendable
        public static func myNumber(_ bytes: UnsafeRawBufferPointer) -> Bool {
            withCompacted(bytes, capacity: 12) { c in
                guard c.count == 12, allDigits(c), !isRepeatedDigit(c) else { return false }
                let r = weightedSum(c, myNumberWeights) % 11
                let check = r <= 1 ? 0 : 11 - r
                return Int(c[11] &- 48) == check
            }
        }

        /// Corporate number: 13 digits, the first the 財務省令 check digit of the 12 after it.
        @Sendable
        public static func corporateNumber(_ bytes: UnsafeRawBufferPointer) -> Bool {
            withCompacted(bytes, capacity: 13) { c in
                guard c.count == 13, allDigits(c), !isRepeatedDigit(c) else { return false }
                var s = 0
                for i in 1...12 {
                    // Base digit i (1...12 from the left) is digit 13 - i from the right.
                    let n = 13 - i
                    s &+= Int(c[i] &- 48) &* (n & 1 == 1 ? 1 : 2)
                }
                return Int(c[0] &- 48) == 9 - s % 9
            }
        }

        /// The public safety commission codes a license number starts with.
        static func isCommissionCode(_ code: Int) -> Bool {
            switch code {
            case 10...14, 20...25, 30, 40...49, 50...55, 60...65, 70...74, 80...83, 90...97: return true
            default: return false
            }
        }

        /// Driver's license: 12 digits, a commission code, the 11th digit the check digit
        /// of the first 10.
        @Sendable
        public static func driversLicense(_ bytes: UnsafeRawBufferPointer) -> Bool {
            withCompacted(bytes, capacity: 12) { c in
                guard c.count == 12, allDigits(c), isCommissionCode(value(c, 0, 2)) else { return false }
                let check = (11 - weightedSum(c, licenseWeights) % 11) % 10
                return Int(c[10] &- 48) == check
            }
        }

        /// Phone numbers: the number of digits the numbering plan gives the number's prefix.
        @Sendable
        public static func phone(_ bytes: UnsafeRawBufferPointer) -> Bool {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { buf in
                var n = 0
                var plus = false
                var i = 0
                let count = bytes.count
                while i < count {
                    let b = bytes[i]
                    if b == UInt8(ascii: "(") && i + 2 < count && bytes[i + 1] == UInt8(ascii: "0")
                        && bytes[i + 2] == UInt8(ascii: ")") && plus {
                        i &+= 3      // +81 (0)3-...: the kept trunk 0
                        continue
                    }
                    if isDigit(b) {
                        guard n < 16 else { return false }
                        buf[n] = b
                        n &+= 1
                    } else if b == UInt8(ascii: "+") {
                        guard n == 0, !plus else { return false }
                        plus = true
                    } else if !(b == 32 || b == 45 || b == 40 || b == 41) {
                        return false
                    }
                    i &+= 1
                }
                // The national form: trunk 0 and the national significant number.
                var start = 0
                if plus {
                    guard n >= 3, buf[0] == UInt8(ascii: "8"), buf[1] == UInt8(ascii: "1"),
                          buf[2] != UInt8(ascii: "0") else { return false }
                    start = 2
                } else {
                    guard n >= 1, buf[0] == UInt8(ascii: "0") else { return false }
                    start = 1
                }
                let nsn = UnsafeBufferPointer(rebasing: buf[start..<n])
                guard nsn.count >= 9, nsn[0] != UInt8(ascii: "0") else { return false }
                if isRepeatedDigit(UnsafeBufferPointer(rebasing: nsn[1...])) && nsn.count > 2 {
                    return false
                }
                let p2 = value(nsn, 0, 2), p3 = value(nsn, 0, 3)
                if p3 == 800 { return nsn.count == 10 }                   // 0800 toll-free
                switch p2 {
                case 50, 70, 80, 90:                 // IP phone, mobile: 0X0 + 8 digits
                    return nsn.count == 10 && nsn[2] != UInt8(ascii: "0")
                case 10, 20, 30, 40, 60:             // 010 international prefix, M2M, FMC
                    return false
                default:
                    if p3 == 120 || p3 == 570 { return nsn.count == 9 }   // 0120, 0570
                    if p3 == 990 { return false }                          // premium-rate 0990
                    return nsn.count == 9                                  // geographic
                }
            }
        }
    }
}
