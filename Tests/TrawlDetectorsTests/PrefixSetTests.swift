// PrefixSet marks where keyword-optional prefixes (country codes) may start in one pass
// per buffer, where they start a token (not after an ASCII letter or digit); a run then
// reads only its marked bytes. Checked against hand-placed prefixes and against a plain
// search over random text.

import XCTest
import TrawlTestSupport
@testable import TrawlDetectors

final class PrefixSetTests: XCTestCase {
    private let prefixes = ["+39", "0039", "1 ", "+1"].map { Array($0.utf8) }

    private func bits(_ text: [UInt8], _ ranges: [Range<Int>], prefixes given: [[UInt8]]? = nil) -> [UInt64] {
        let set = PrefixSet(given ?? prefixes)
        return text.withUnsafeBytes { s in
            var starts: [UInt64] = []
            let alnum = ByteClassMask(ranges: [(48, 57), (65, 90), (97, 122)])
            alnum.build(over: s)
            set.markStarts(s, alnum: alnum, into: &starts)
            return ranges.map { set.startingIn(s, $0.lowerBound, $0.upperBound, starts: starts) }
        }
    }

    func testFindsEachPrefixStartingInARange() {
        // 70 bytes of padding put the later values past the first 64-bit word.
        let padding = String(repeating: "x", count: 70)
        let text = Array("tel +39 06 1234; \(padding) 0039 347; 1 800 555; +1-206; 10.1.1.1; 003 9; 39 0".utf8)
        func range(_ piece: String) -> Range<Int> {
            let p = Array(piece.utf8)
            let start = (0...(text.count - p.count)).first { Array(text[$0..<($0 + p.count)]) == p }!
            return start..<(start + p.count)
        }
        let plus39 = range("+39 06 1234")
        XCTAssertEqual(bits(text, [
            plus39, range("0039 347"), range("1 800 555"), range("+1-206"), range("10.1.1.1"), range("003 9"),
            range("39 0"),
            // A prefix starting on the range's last byte counts though it runs past the end.
            plus39.lowerBound..<(plus39.lowerBound + 1),
            // Every value at once.
            0..<text.count,
        ]), [0b0001, 0b0010, 0b0100, 0b1000, 0, 0, 0, 0b0001, 0b1111])
    }

    func testAPrefixAfterALetterOrDigitDoesNotCount() {
        // Inside an IP address, a word or a longer number; the last two start tokens.
        let text = Array("10.41 800; ab+39 06; 70039 347; x1 800; _+1 206; (+1 206".utf8)
        func range(_ piece: String) -> Range<Int> {
            let p = Array(piece.utf8)
            let start = (0...(text.count - p.count)).first { Array(text[$0..<($0 + p.count)]) == p }!
            return start..<(start + p.count)
        }
        XCTAssertEqual(bits(text, [range("41 800"), range("b+39 06"), range("70039 347"), range("x1 800"),
                                   range("_+1 206"), range("(+1 206")]),
                       // "+1" and, after the '+', "1 ".
                       [0, 0, 0, 0, 0b1100, 0b1100])
    }

    func testAgreesWithAPlainSearchOnRandomText() {
        agreesWithAPlainSearch(prefixes: prefixes, alphabet: Array("+0139 .-x".utf8), seed: 11)
    }

    func testManyFirstBytesShareTheFilterBucketsAndStayExact() {
        // Eleven distinct first bytes for 8 buckets, so some share one ('+' and 'g': after
        // '+' any byte passes the tables, only "+9" the exact check), one-byte prefixes
        // (any next byte, and none at the buffer's end), and texts longer than the vector
        // loop's words: every prefix is found where a plain search finds it, and nowhere
        // else.
        let many = ["13", "+9", "1", "#", "a1", "b2", "c3", "d", "e5", "f6", "g", "h8"].map { Array($0.utf8) }
        agreesWithAPlainSearch(prefixes: many, alphabet: Array("+13#9abcdefgh28 .x".utf8), seed: 29, maxLength: 700)
    }

    private func agreesWithAPlainSearch(prefixes: [[UInt8]], alphabet: [UInt8], seed: UInt64, maxLength: UInt64 = 300) {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<200 {
            let text = (0..<Int(rng.next() % maxLength)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            var ranges: [Range<Int>] = []
            for _ in 0..<20 where !text.isEmpty {
                let a = Int(rng.next() % UInt64(text.count)), b = Int(rng.next() % UInt64(text.count + 1))
                ranges.append(min(a, b)..<max(a, b))
            }
            let expected = ranges.map { r -> UInt64 in
                var found: UInt64 = 0
                for (k, p) in prefixes.enumerated() {
                    for i in r where i + p.count <= text.count && Array(text[i..<(i + p.count)]) == p
                        && (i == 0 || !Self.isLetterOrDigit(text[i - 1])) {
                        found |= 1 << UInt64(k)
                    }
                }
                return found
            }
            XCTAssertEqual(bits(text, ranges, prefixes: prefixes), expected, String(decoding: text, as: UTF8.self))
        }
    }

    private static func isLetterOrDigit(_ b: UInt8) -> Bool {
        (48...57).contains(b) || (65...90).contains(b) || (97...122).contains(b)
    }
}
