// Phone numbers of the countries Macie reports (PHONE_NUMBER for the US and Canada,
// BRAZIL_, FRANCE_, GERMANY_, ITALY_, SPAIN_, UK_PHONE_NUMBER). Phone numbers carry no
// check digit; these validators check the national numbering plan's lengths and
// leading digits on the national significant number (NSN), which the detector regexes,
// loose about grouping, cannot count, and drop the ranges regulators reserve for fiction.
//
// A match is read as: optional international prefix (+CC or 00CC), optional trunk 0
// ("(0)" after the country code in the UK, German and French habit), then the number;
// spaces, '.', '-', '/' and parentheses are skipped.
//
// Numbering plans (ITU-T E.164 national plans):
// - NANP (North American Numbering Plan Administrator, https://www.nationalnanpa.com/):
//   NPA-NXX-XXXX; the area code (NPA) and the exchange (NXX) start with 2-9 and are not
//   N11 (service codes); 555-0100 to 555-0199 are reserved for fictitious use.
// - UK (Ofcom, National Telephone Numbering Plan): NSN of 10 digits (9 for some 01
//   areas and 0800 numbers), starting 1, 2, 3, 5, 7, 8 or 9. Ofcom's "Telephone numbers
//   for use in TV and radio drama" ranges (020 7946 0xxx, 0113-0161 496 0xxx, 0191 498
//   0xxx, 029 2018 0xxx, 028 9018 0xxx, 01632 960xxx, 07700 900xxx, 08081 570xxx,
//   0909 8790xxx, 03069 990xxx) are never reported.
// - Germany (Bundesnetzagentur, Nummernplan): NSN of up to 11 digits (area code without
//   its 0 plus subscriber number), 9 at least here: the plan still has a few shorter
//   rural numbers, but an 8-digit NSN is also the shape of a US SSN with a leading 0
//   (070708982), so those are not reported; mobile numbers (015x-017x) have 10 or 11.
// - Italy (AGCOM, Piano di numerazione): geographic numbers keep their 0 after +39 and
//   have 6 to 11 digits, 8 at least here (shorter ones are a handful of old rural lines,
//   and 6-7 digit runs are mostly other numbers); mobile numbers start with 3 and have 9
//   or 10 digits.
// - Brazil (ANATEL, Regulamento de Numeração): a 2-digit area code (DDD) of ANATEL's
//   list, then 8 digits (fixed lines, starting 2-5) or 9 (mobile, starting 9); a
//   domestic trunk 0 may precede the DDD.
// - France (ARCEP, plan national de numérotation) and Spain (CNMC, Plan Nacional de
//   Numeración): fixed 9-digit NSNs the detector regexes check on their own.

extension NationalNumbers {
    public enum Phone {
        enum Trunk { case dropped, kept, optional }

        @inline(__always)
        static func isPhoneSeparator(_ b: UInt8) -> Bool {
            b == 32 || b == 45 || b == 46 || b == 47 || b == 40 || b == 41
        }

        /// Calls `body` with the NSN digits of a match whose country code is `countryCode`
        /// (two digits); false when the match carries another country code or no trunk 0
        /// where the national form needs one.
        static func withNationalNumber(_ bytes: UnsafeRawBufferPointer, countryCode: Int, trunk: Trunk,
                                       _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buf in
                var n = 0
                var plus = false
                for b in bytes {
                    if isDigit(b) {
                        guard n < 24 else { return false }
                        buf[n] = b
                        n &+= 1
                    } else if b == UInt8(ascii: "+") {
                        guard n == 0, !plus else { return false }
                        plus = true
                    } else if !isPhoneSeparator(b) {
                        return false
                    }
                }
                let cc1 = UInt8(48 + countryCode / 10), cc2 = UInt8(48 + countryCode % 10)
                var start = 0
                var international = false
                if plus {
                    guard n >= 2, buf[0] == cc1, buf[1] == cc2 else { return false }
                    start = 2
                    international = true
                } else if n >= 4 && buf[0] == UInt8(ascii: "0") && buf[1] == UInt8(ascii: "0") {
                    guard buf[2] == cc1, buf[3] == cc2 else { return false }
                    start = 4
                    international = true
                }
                let zero = UInt8(ascii: "0")
                switch trunk {
                case .dropped:
                    if international {
                        if start < n && buf[start] == zero { start &+= 1 }
                    } else {
                        guard start < n, buf[start] == zero else { return false }
                        start &+= 1
                    }
                case .kept:
                    break
                case .optional:
                    if start < n && buf[start] == zero { start &+= 1 }
                }
                return body(UnsafeBufferPointer(rebasing: buf[start..<n]))
            }
        }

        // MARK: - NANP (PHONE_NUMBER)

        @Sendable
        public static func nanp(_ bytes: UnsafeRawBufferPointer) -> Bool {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 12) { buf in
                var n = 0
                var plus = false
                for b in bytes {
                    if isDigit(b) {
                        guard n < 12 else { return false }
                        buf[n] = b
                        n &+= 1
                    } else if b == UInt8(ascii: "+") {
                        guard n == 0 else { return false }
                        plus = true
                    } else if !isPhoneSeparator(b) {
                        return false
                    }
                }
                var start = 0
                if n == 11 || plus {
                    guard n == 11, buf[0] == UInt8(ascii: "1") else { return false }
                    start = 1
                }
                guard n - start == 10 else { return false }
                let d = UnsafeBufferPointer(rebasing: buf[start..<n])
                let one = UInt8(ascii: "1")
                guard d[0] >= UInt8(ascii: "2"), !(d[1] == one && d[2] == one) else { return false }
                guard d[3] >= UInt8(ascii: "2"), !(d[4] == one && d[5] == one) else { return false }
                let exchange = value(d, 3, 6), line = value(d, 6, 10)
                return !(exchange == 555 && (100...199).contains(line))
            }
        }

        // MARK: - UK

        /// NSN / 1000 of Ofcom's drama ranges (10-digit NSNs).
        static let ukDramaBlocks: Set<Int> = [
            1134960, 1144960, 1154960, 1164960, 1174960, 1184960, 1214960, 1314960, 1414960,
            1514960, 1614960, 1914980, 2079460, 2920180, 2890180, 1632960, 7700900, 8081570,
            9098790, 3069990,
        ]

        @Sendable
        public static func uk(_ bytes: UnsafeRawBufferPointer) -> Bool {
            withNationalNumber(bytes, countryCode: 44, trunk: .dropped) { d in
                guard d.count == 10 || (d.count == 9 && (d[0] == UInt8(ascii: "1") || d[0] == UInt8(ascii: "8"))) else {
                    return false
                }
                guard "1235789".utf8.contains(d[0]) else { return false }
                if d.count == 10 && ukDramaBlocks.contains(value(d, 0, 10) / 1000) { return false }
                return true
            }
        }

        // MARK: - Germany

        @Sendable
        public static func germany(_ bytes: UnsafeRawBufferPointer) -> Bool {
            withNationalNumber(bytes, countryCode: 49, trunk: .dropped) { d in
                guard d.count >= 9, d.count <= 11, d[0] != UInt8(ascii: "0") else { return false }
                if d[0] == UInt8(ascii: "1") && d[1] >= UInt8(ascii: "5") && d[1] <= UInt8(ascii: "7") {
                    return d.count >= 10
                }
                return true
            }
        }

        // MARK: - Italy

        @Sendable
        public static func italy(_ bytes: UnsafeRawBufferPointer) -> Bool {
            withNationalNumber(bytes, countryCode: 39, trunk: .kept) { d in
                guard d.count > 0 else { return false }
                switch d[0] {
                case UInt8(ascii: "0"): return d.count >= 8 && d.count <= 11 && d[1] != UInt8(ascii: "0")
                case UInt8(ascii: "3"): return d.count == 9 || d.count == 10
                default: return false
                }
            }
        }

        // MARK: - Brazil

        /// ANATEL's area codes (DDD).
        static let brazilAreaCodes: Set<Int> = [
            11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38,
            41, 42, 43, 44, 45, 46, 47, 48, 49, 51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68,
            69, 71, 73, 74, 75, 77, 79, 81, 82, 83, 84, 85, 86, 87, 88, 89, 91, 92, 93, 94, 95,
            96, 97, 98, 99,
        ]

        @Sendable
        public static func brazil(_ bytes: UnsafeRawBufferPointer) -> Bool {
            withNationalNumber(bytes, countryCode: 55, trunk: .optional) { d in
                guard d.count == 10 || d.count == 11, brazilAreaCodes.contains(value(d, 0, 2)) else { return false }
                if d.count == 11 { return d[2] == UInt8(ascii: "9") }
                return d[2] >= UInt8(ascii: "2") && d[2] <= UInt8(ascii: "5")
            }
        }
    }
}
