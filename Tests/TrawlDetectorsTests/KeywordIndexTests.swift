// The shared keyword pass must find exactly the whole-word occurrences a naive search
// finds: every keyword at every position, compared case-insensitively, with the
// whole-word rule (letters and digits: ASCII and two-byte alphabetic characters). The
// naive search here is written independently of KeywordFolding (Foundation's
// lowercased() does the folding).

import XCTest
import TrawlTestSupport
@testable import TrawlDetectors

final class KeywordIndexTests: XCTestCase {
    let keywords = ["ssn", "ss#", "1099 form", "aws_secret_access_key", "secret-access", "άδεια οδήγησης", "řidičský průkaz", "průkaz", "шофьорска книжка", "número", "número de cuenta", "führerschein", "dob", "a", "tel.",
                    "#id", "état civil", "date of birth", "de", "nhs", "ée",
                    "account number", "bank card", "discover", "key", "mobile", "visa", "teléfono", "c/c", "cc no"]

    func occurrences(_ text: String, keywords: [String], cache: KeywordLookupCache? = nil) -> [String] {
        occurrences(text, index: KeywordIndex(gates: [(0, keywords)]), cache: cache)
    }

    func occurrences(_ text: String, index: KeywordIndex, cache: KeywordLookupCache?) -> [String] {
        let alnum = ByteClassMask(ranges: [(48, 57), (65, 90), (97, 122)])
        let digits = ByteClassMask(ranges: [(48, 57)])
        let other = index.otherFirstBytes.isEmpty ? nil : ByteClassMask(ranges: index.otherFirstBytes)
        var found: [String] = []
        var starts: [Int] = []
        var t = text
        t.withUTF8 { buf in
            let raw = UnsafeRawBufferPointer(buf)
            alnum.build(over: raw)
            digits.build(over: raw)
            other?.build(over: raw)
            index.forEachOccurrence(in: raw, alnum: alnum, digits: digits, other: other, cache: cache) { _, start, end in
                found.append("\(start):\(end)")
                starts.append(start)
            }
        }
        // The engine merges keyword regions assuming occurrences arrive in start order.
        XCTAssertEqual(starts, starts.sorted(), "occurrences out of order in \(text.debugDescription)")
        return found.sorted()
    }

    /// Reference: every byte position, every keyword, Foundation lower-casing.
    func naive(_ text: String, keywords: [String]) -> [String] {
        let bytes = Array(text.utf8)
        func isAlnum(_ b: UInt8) -> Bool { (48...57).contains(b) || (65...90).contains(b) || (97...122).contains(b) }
        func isWord(_ scalar: Unicode.Scalar) -> Bool {
            if scalar.value < 0x80 { return isAlnum(UInt8(scalar.value)) }
            return scalar.value < 0x800 && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil)
        }
        func scalarBefore(_ p: Int) -> Unicode.Scalar? {
            var q = p - 1
            while q > 0 && bytes[q] & 0xC0 == 0x80 { q -= 1 }
            guard q >= 0 else { return nil }
            return String(decoding: bytes[q..<p], as: UTF8.self).unicodeScalars.first
        }
        func scalarAt(_ p: Int) -> Unicode.Scalar? {
            guard p < bytes.count else { return nil }
            var q = p + 1
            while q < bytes.count && bytes[q] & 0xC0 == 0x80 { q += 1 }
            return String(decoding: bytes[p..<q], as: UTF8.self).unicodeScalars.first
        }
        var found = Set<String>()
        for k in keywords {
            // Final sigma compares as sigma (Unicode case folding; lowercased() keeps it).
            // '_' and '-' are word separators, the same as a space.
            func fold(_ t: String) -> String {
                t.lowercased().replacingOccurrences(of: "ς", with: "σ")
                    .replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
            }
            let kb = Array(fold(k).utf8)
            guard kb.count <= bytes.count else { continue }
            for p in 0...(bytes.count - kb.count) {
                let slice = Array(bytes[p..<p + kb.count])
                guard let s = String(bytes: slice, encoding: .utf8), Array(fold(s).utf8) == kb else { continue }
                if isWord(k.unicodeScalars.first!), p > 0, let before = scalarBefore(p), isWord(before) { continue }
                if isWord(k.unicodeScalars.last!), let after = scalarAt(p + kb.count), isWord(after) { continue }
                found.insert("\(p):\(p + kb.count)")
            }
        }
        return found.sorted()
    }

    func testWordsStartingWithADigitAreSkippedUnlessAKeywordDoes() {
        XCTAssertEqual(occurrences("9ssn ssn", keywords: ["ssn"]), ["5:8"])
        XCTAssertEqual(occurrences("form 1099 FORM", keywords: ["1099 form"]), ["5:14"])
    }

    func testUnderscoresAndHyphensSeparateWordsLikeSpaces() {
        XCTAssertEqual(occurrences("date_of_birth=1 DATE-OF-BIRTH", keywords: ["date of birth"]), ["0:13", "16:29"])
        XCTAssertEqual(occurrences("aws secret access key", keywords: ["aws_secret_access_key"]), ["0:21"])
        XCTAssertEqual(occurrences("date__of birth", keywords: ["date of birth"]), [])
        // The SWAR replacement is exact per byte: only 0x5F and 0x2D change.
        let bytes: [UInt8] = [0x5F, 0x2D, 0x20, 0x5E, 0x2E, 0xDF, 0xAD, 0x7F]
        let x = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        let y = withUnsafeBytes(of: KeywordIndex.separatorsToSpaces(x)) { Array($0) }
        XCTAssertEqual(y, [0x20, 0x20, 0x20, 0x5E, 0x2E, 0xDF, 0xAD, 0x7F])
    }

    func testSeparatorsInTheFirstFourBytes() {
        // The word-start filters see the text's bytes only ORed with 0x20, so a keyword
        // with a space among its first four bytes must also pass as '-' and '_' (0x2D, 0x7F).
        let filler = " xxxxxxxxxx"
        XCTAssertEqual(occurrences("ID-NO id_no Id No" + filler, keywords: ["id no"]), ["0:5", "12:17", "6:11"])   // (sorted as text)
        XCTAssertEqual(occurrences("A_B a-b A B" + filler, keywords: ["a b"]), ["0:3", "4:7", "8:11"])
        XCTAssertEqual(occurrences("CC-#1 cc_#2" + filler, keywords: ["cc #"]), ["0:4", "6:10"])
        XCTAssertEqual(KeywordIndex.separatorVariants(0x6E20_6469, bytes: 4).sorted(),
                       [0x6E20_6469, 0x6E2D_6469, 0x6E7F_6469])
    }

    func testWordsSharingAKeywordsFirstBytes() {
        // The filters read a word's first three, four or eight bytes: a longer word with
        // the same ones is no keyword, the keyword itself is, whatever follows it.
        let keywords = ["key", "ss#", "visa", "account number", "teléfono"]
        XCTAssertEqual(occurrences("keyboard key. keys key", keywords: keywords), ["19:22", "9:12"])
        XCTAssertEqual(occurrences("ss#1 ss#", keywords: keywords), ["0:3", "5:8"])
        XCTAssertEqual(occurrences("visas visa_x visa", keywords: keywords), ["13:17", "6:10"])
        XCTAssertEqual(occurrences("accounts account_number ACCOUNT-NUMBERS", keywords: keywords), ["9:23"])
        XCTAssertEqual(occurrences("TELÉFONO telefono teléfonos", keywords: keywords), ["0:9"])
    }

    func testHandWrittenCases() {
        XCTAssertEqual(occurrences("NÚMERO DE CUENTA 1234", keywords: ["número de cuenta"]), ["0:17"])
        XCTAssertEqual(occurrences("Führerschein-Nr. FÜHRERSCHEIN", keywords: ["führerschein"]), ["0:13", "18:31"])
        XCTAssertEqual(occurrences("classnames using SSN", keywords: ["ssn", "sin"]), ["17:20"])
        XCTAssertEqual(occurrences("employee_ssn=1", keywords: ["ssn"]), ["9:12"])
        XCTAssertEqual(occurrences("x#id #ID", keywords: ["#id"]), ["1:4", "5:8"])
        XCTAssertEqual(occurrences("ÉTAT CIVIL", keywords: ["état civil"]), ["0:11"])
        // Greek and Cyrillic capitals have other lead bytes; Czech carons are Latin Extended-A.
        XCTAssertEqual(occurrences("ΆΔΕΙΑ ΟΔΉΓΗΣΗΣ: 1", keywords: ["άδεια οδήγησης"]), ["0:27"])
        XCTAssertEqual(occurrences("ШОФЬОРСКА КНИЖКА", keywords: ["шофьорска книжка"]), ["0:31"])
        XCTAssertEqual(occurrences("Řidičský průkaz", keywords: ["řidičský průkaz"]), ["0:19"])
        // A two-byte letter continues a word: "průkaz" is not inside "xprůkaz" nor "éprůkaz".
        XCTAssertEqual(occurrences("éprůkaz průkazé průkaz", keywords: ["průkaz"]), ["20:27"])
        XCTAssertEqual(occurrences("nothing here", keywords: ["ssn"]), [])
    }

    func testTheLookupCacheReplaysOnlyWhatTheFirstEightBytesDecide() {
        let keywords = ["ssn", "account number", "phone", "průkaz", "tel."]
        let index = KeywordIndex(gates: [(0, keywords)])
        let cache = KeywordLookupCache()
        // By hand: six times ('-' separates words); the one at 12 has the eight bytes of
        // the one at 0 ("ssn ssn "), and is replayed.
        XCTAssertEqual(occurrences("ssn ssn ssn-ssn ssn ssn x", index: index, cache: cache),
                       ["0:3", "12:15", "16:19", "20:23", "4:7", "8:11"])
        XCTAssertGreaterThan(cache.replays, 0)
        // "account number" is longer than the eight bytes: never replayed, so a word with
        // the same first eight bytes and another ending is judged on its own.
        let before = cache.replays
        XCTAssertEqual(occurrences("account number; account numbers; account number", index: index, cache: cache),
                       ["0:14", "33:47"])
        XCTAssertEqual(cache.replays, before)
        // After a two-byte letter a word start is judged on its own: "xéssn" holds no
        // whole word "ssn" although "ssn" with the same bytes was kept.
        XCTAssertEqual(occurrences("ssn xx x xéssn xx x ssn xx x", index: index, cache: cache), ["0:3", "21:24"])
        // The last seven bytes of a buffer are never kept nor replayed: "phone" at the end.
        XCTAssertEqual(occurrences("phone-in phone-in phone", index: index, cache: cache), ["0:5", "18:23", "9:14"])
    }

    func testALongKeywordThatDiffersInsideTheEightBytesLeavesTheAnswerToThem() {
        // "sécurité sociale" is looked up under "s" alone (one leading ASCII byte): every
        // word starting with "s" compares it. For "ssn" it differs at its second
        // character, inside the eight bytes, so the answer is kept and replayed; for
        // "sécurité socialX" it agrees past them, so that word is judged on its own.
        let index = KeywordIndex(gates: [(0, ["ssn", "sécurité sociale"])])
        let cache = KeywordLookupCache()
        XCTAssertEqual(occurrences("ssn ssn ssn ssn x", index: index, cache: cache), ["0:3", "12:15", "4:7", "8:11"])
        XCTAssertGreaterThan(cache.replays, 0)
        let before = cache.replays
        let text = "sécurité socialX sécurité sociale sécurité socialY x"
        // By hand: the second phrase starts at byte 19 ("sécurité socialX " is 19 bytes).
        XCTAssertEqual(occurrences(text, index: index, cache: cache), ["19:37"])
        XCTAssertEqual(cache.replays, before)
    }

    func testAgreesWithANaiveSearchOnGeneratedText() {
        var rng = SplitMix64(seed: 0x4B45_5957)
        let pieces = keywords.flatMap { [$0, $0.uppercased(), $0.capitalized] }
            + [" ", " ", "_", "-", "x", "date_of birth", "AWS-SECRET", "_access", "9", "é", "É", ":", "\n", "ab", "de", "s", "Ř", "д", "。", "個",
               // Words sharing a keyword's first three, four or eight bytes.
               "discount", "accounts", "account-numbers", "keyboard", "keys", "mobiles", "visas", "tel", "teles", "cc#", "c/cx", "BANK_CARD"]
        // Each text under every instruction-set form of the kernels (the pair filter is
        // AVX-512 VBMI's only), and with a lookup cache kept from text to text, as a
        // worker keeps its own.
        let index = KeywordIndex(gates: [(0, keywords)])
        let cache = KeywordLookupCache()
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<(Int(rng.next() % 40) + 1) { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
            let expected = naive(text, keywords: keywords)
            InstructionSets.forEach { isa in
                XCTAssertEqual(occurrences(text, keywords: keywords), expected, "\(isa): \(text)")
                XCTAssertEqual(occurrences(text, index: index, cache: cache), expected, "cache, \(isa): \(text)")
            }
        }
        XCTAssertGreaterThan(cache.replays, 100)
    }

    func testOwnersAreEveryDetectorSharingAKeyword() {
        let index = KeywordIndex(gates: [(0, ["passport", "dob"]), (3, ["Passport"]), (5, ["nhs"])])
        let i = index.keywords.firstIndex(of: Array("passport".utf8))!
        XCTAssertEqual(index.owners[i], [0, 3])
        XCTAssertEqual(index.keywords.count, 3)
    }
}
