// Macie's proximity rule for managed identifiers: the gap between keyword and value,
// before or after, counted in characters, case-insensitive, whole words only.

import Dispatch
import XCTest
@testable import TrawlDetectors

final class KeywordMatcherTests: XCTestCase {
    /// Characters counted eight bytes at a time are Swift's own count of the same bytes'
    /// scalars, for every range of texts mixing 1- to 4-byte characters.
    func testCharactersAreTheCodePointsOfEveryRange() {
        for text in ["plain ASCII text, nothing else", "café naïve Straße", "日本語のテキストと ASCII",
                     "emoji 😀👍🏽 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "é", ""] {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBytes { raw in
                for from in 0...bytes.count {
                    for to in from...bytes.count {
                        // Only ranges that start and end on a character boundary have a
                        // Swift count; the others are counted by the rule (non-continuation bytes).
                        let expected = bytes[from..<to].filter { $0 & 0xC0 != 0x80 }.count
                        XCTAssertEqual(UTF8Count.characters(raw, from, to), expected, "\(text) \(from)..<\(to)")
                    }
                }
                XCTAssertEqual(UTF8Count.characters(raw, 0, bytes.count), text.unicodeScalars.count, text)
            }
        }
    }

    func near(_ text: String, _ value: String, keywords: [String] = ["ssn"], max: Int = 30) -> Bool {
        let bytes = Array(text.utf8)
        let v = Array(value.utf8)
        let start = (0...(bytes.count - v.count)).first { Array(bytes[$0..<$0 + v.count]) == v }!
        return bytes.withUnsafeBytes {
            KeywordMatcher(keywords).hasKeyword(in: $0, valueStart: start, valueEnd: start + v.count, maxChars: max)
        }
    }

    func testALazyMatcherIsBuiltOnceForThreadsAskingAtOnce() {
        // A detector's matcher is built on its first use; 16 threads asking at once all
        // get the same built matcher and its answer (by hand: "ssn" ends 4 characters
        // before the value).
        XCTAssertTrue(LazyKeywordMatcher([]).isEmpty)
        XCTAssertTrue(LazyKeywordMatcher(["", ""]).isEmpty)
        XCTAssertFalse(LazyKeywordMatcher(["", "ssn"]).isEmpty)
        let bytes = Array("ssn: 123-45-6789".utf8)
        for _ in 0..<20 {
            let lazy = LazyKeywordMatcher(["SSN", "social security"])
            let found = UnsafeMutableBufferPointer<Int>.allocate(capacity: 16)
            found.initialize(repeating: -1)
            defer { found.deallocate() }
            nonisolated(unsafe) let slots = found
            DispatchQueue.concurrentPerform(iterations: 16) { i in
                let m = lazy.matcher
                let near = bytes.withUnsafeBytes { m.pointee.hasKeyword(in: $0, valueStart: 5, valueEnd: 16, maxChars: 4) }
                slots[i] = near ? Int(bitPattern: UnsafeRawPointer(m)) : 0
            }
            XCTAssertEqual(Set(found).count, 1, "one matcher, found by every thread")
            XCTAssertNotEqual(found[0], 0, "the keyword is near")
        }
    }

    func testFoldedKeywordBytes() {
        // By hand: ASCII lower-cased, each separator ('-', '_', space) a space; a two-byte
        // capital folded to its small letter (Ú U+00DA -> ú U+00FA: C3 BA); a three-byte
        // character kept as it is (€ E2 82 AC). The ASCII keywords take a path of their own.
        XCTAssertEqual(KeywordFolding.lowered("Secret-Access_KEY id"), Array("secret access key id".utf8))
        XCTAssertEqual(KeywordFolding.lowered("NÚMERO"), [0x6E, 0xC3, 0xBA, 0x6D, 0x65, 0x72, 0x6F])
        XCTAssertEqual(KeywordFolding.lowered("Tax-€"), [0x74, 0x61, 0x78, 0x20, 0xE2, 0x82, 0xAC])
        XCTAssertEqual(KeywordFolding.lowered(""), [])
    }

    func testGapIsCountedInCharactersBeforeAndAfter() {
        let gap30 = String(repeating: "\u{00A0}", count: 30)   // 30 no-break spaces: 30 characters, 60 bytes
        XCTAssertTrue(near("SSN" + gap30 + "VALUE", "VALUE"))
        XCTAssertFalse(near("SSN" + gap30 + "x" + "VALUE", "VALUE"))
        XCTAssertTrue(near("VALUE" + gap30 + "ssn", "VALUE"))
        XCTAssertFalse(near("VALUE" + gap30 + "xssn", "VALUE"))
    }

    func testCaseInsensitiveWholeWords() {
        XCTAssertTrue(near("Employee SsN: VALUE", "VALUE"))
        XCTAssertFalse(near("classnames VALUE", "VALUE"))                     // 'ssn' inside a word
        XCTAssertTrue(near("employee_ssn=VALUE", "VALUE"))                   // '_' is not a letter or digit
        XCTAssertFalse(near("using VALUE", "VALUE", keywords: ["sin"]))
        XCTAssertTrue(near("card number: VALUE", "VALUE", keywords: ["card number"]))
    }

    func testTheLongestKeywordStartingAtAPositionCounts() {
        // Measured from the end of "fuhrerschein republik osterreich" the value is 1
        // character away; from the end of "fuhrerschein", 22. The list order must not matter.
        let text = "fuhrerschein republik osterreich VALUE"
        XCTAssertTrue(near(text, "VALUE", keywords: ["fuhrerschein", "fuhrerschein republik osterreich"], max: 5))
        XCTAssertTrue(near(text, "VALUE", keywords: ["fuhrerschein republik osterreich", "fuhrerschein"], max: 5))
    }

    func testTwoByteLettersFoldAndContinueWords() {
        XCTAssertTrue(near("ŘIDIČSKÝ PRŮKAZ: VALUE", "VALUE", keywords: ["řidičský průkaz"]))
        XCTAssertTrue(near("ΆΔΕΙΑ ΟΔΉΓΗΣΗΣ VALUE", "VALUE", keywords: ["άδεια οδήγησης"]))
        XCTAssertFalse(near("sséé VALUE", "VALUE", keywords: ["ss"]))          // "ss" continues into "éé"
        XCTAssertTrue(near("ss·VALUE", "VALUE", keywords: ["ss"]))               // a middle dot is no letter
    }

    func testNonASCIIKeywords() {
        XCTAssertTrue(near("個人番号：VALUE", "VALUE", keywords: ["個人番号"]))
    }
}
