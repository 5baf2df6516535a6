// AnchorIndex: every occurrence of every anchor, in position order, handed to each
// detector that declared it; caseless anchors in any ASCII case; anchors shorter than
// three bytes left to the memchr search; anchors across the masks' 64-byte words.
// Expected positions are counted by hand in the fixtures below.

import XCTest
import TrawlTestSupport
@testable import TrawlDetectors

final class AnchorIndexTests: XCTestCase {
    func hits(_ index: AnchorIndex, _ text: String) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        let candidates = index.makeCandidateMask()
        Array(text.utf8).withUnsafeBytes { buf in
            index.forEachHit(in: buf, candidates: candidates) { out.append(($0, $1)) }
        }
        return out
    }

    func testEveryAnchorOfEveryDetectorInOrder() {
        // Detector 0: ghp_ and gho_; detector 1: none; detector 2: caseless "basic";
        // detector 3: '@' (too short: not indexed); detector 4 shares ghp_ with 0.
        let index = AnchorIndex(detectors: [
            (anchors: [Array("ghp_".utf8), Array("gho_".utf8)], caseless: false),
            nil,
            (anchors: [Array("basic".utf8)], caseless: true),
            (anchors: [Array("@".utf8)], caseless: false),
            (anchors: [Array("ghp_".utf8)], caseless: false),
        ])
        XCTAssertEqual(index.indexed, [true, false, true, false, true])
        //           0         1         2         3         4
        //           0123456789012345678901234567890123456789012345
        let text = "x ghp_aa BASIC gho_ ghp Basic x@y ghp_"
        let found = hits(index, text).map { "\($0.0)@\($0.1)" }
        // ghp_ at 2 (detectors 0 and 4), BASIC at 9, gho_ at 15, "ghp " is not an anchor,
        // Basic at 24, ghp_ at 34 (ends the text).
        XCTAssertEqual(found, ["0@2", "4@2", "2@9", "0@15", "2@24", "0@34", "4@34"])
    }

    func testAnchorsAcrossMaskWords() {
        // 300 anchors "key-" four bytes apart (crossing every 64-byte word boundary of the
        // masks), and one at each offset 61..64 of a word, where its second and third
        // bytes fall in the next word.
        let index = AnchorIndex(detectors: [(anchors: [Array("key-".utf8)], caseless: false)])
        let text = String(repeating: "key-", count: 300)
        XCTAssertEqual(hits(index, text).map(\.1), Array(stride(from: 0, to: 1200, by: 4)))
        for offset in 60...65 {
            let padded = String(repeating: ".", count: offset) + "key-" + String(repeating: ".", count: 10)
            XCTAssertEqual(hits(index, padded).map(\.1), [offset], "at \(offset)")
        }
    }

    func testAnchorEndingTheTextAtEveryWordOffset() {
        // The last trigram start of the text falls in the last mask word or the one before.
        let index = AnchorIndex(detectors: [(anchors: [Array("SG.".utf8)], caseless: false)])
        InstructionSets.forEach { _ in
        for length in 60...132 {
            let whole = String(repeating: ".", count: length - 3) + "SG."
            XCTAssertEqual(hits(index, whole).map(\.1), [length - 3], "whole anchor, \(length) bytes")
            let cut = String(repeating: ".", count: length - 2) + "SG"
            XCTAssertTrue(hits(index, cut).isEmpty, "cut anchor, \(length) bytes")
        }
        }
    }

    func testAnchorsInARunOfTheirFirstByte() {
        // A rule of dashes: every position is a candidate of the anchors starting "-----"
        // (compared from their first other byte, 'B'); the key starts 5 dashes before it.
        let index = AnchorIndex(detectors: [(anchors: [Array("-----BEGIN ".utf8),
                                                       Array("-----BEGIN OPENSSH PRIVATE KEY-----".utf8)], caseless: false),
                                            (anchors: [Array("aaab".utf8)], caseless: true)])
        let text = String(repeating: "-", count: 200) + "BEGIN OPENSSH PRIVATE KEY-----" + String(repeating: "-", count: 70)
            + " AAAAAAAB aaaa"
        // "-----BEGIN " and the key at 195 (both detector 0); "aaab" (caseless) at 305: the
        // dashes end at 299, then a space, seven A (301-307) and B (308).
        XCTAssertEqual(hits(index, text).map { "\($0.0)@\($0.1)" }, ["0@195", "0@195", "1@305"])
    }

    func testThreeByteAnchorsBeforeAnyByte() {
        // An anchor of three bytes followed by a byte from 0x80, an ASCII byte no other
        // anchor has fourth, and the text's end; a four-byte anchor's trigram followed by
        // other fourth bytes is no hit.
        let index = AnchorIndex(detectors: [(anchors: [Array("eyJ".utf8)], caseless: false),
                                            (anchors: [Array("post".utf8)], caseless: false)])
        let head = "..........eyJé......eyJ~....posé....posT....post........................"
        let text = head + String(repeating: ".", count: 80) + "eyJ"
        // Byte offsets (é is two bytes, 0xC3 0xA9, at 13 and 14): eyJ at 10 (then 0xC3)
        // and 21 (then '~'), "posé" at 29 and "posT" at 38 are not hits, post at 46; the
        // head is 74 bytes, so the last eyJ is at 74 + 80 = 154.
        XCTAssertEqual(Array(head.utf8).count, 74)
        InstructionSets.forEach { isa in
            XCTAssertEqual(hits(index, text).map { "\($0.0)@\($0.1)" }, ["0@10", "0@21", "1@46", "0@154"], isa)
        }
    }

    func testTextShorterThanATrigram() {
        let index = AnchorIndex(detectors: [(anchors: [Array("SG.".utf8)], caseless: false)])
        XCTAssertTrue(hits(index, "SG").isEmpty)
        XCTAssertEqual(hits(index, "SG.").map(\.1), [0])
    }

    func testManyAnchorsAgainstANaiveSearch() {
        // More trigrams than buckets (they share buckets), caseless and not, in random
        // text of their own letters: every position of every anchor, as a plain
        // comparison at each position finds them; texts of every length up to 200 bytes
        // (the vector pass's full words and the byte loop's tail) and one of 20,000.
        let specs: [(String, Bool)] = [("ghp_", false), ("gho_", false), ("glpat-", false), ("xoxb-", false),
                                       ("sk-ant-", false), ("postgres", false), ("redis", false), ("key-", false),
                                       ("AKIA", false), ("eyJ", false), ("SG.", false), ("hvs.", false),
                                       ("basic", true), ("cookie", true), ("AccountKey=", false), ("-----BEGIN ", false)]
        let index = AnchorIndex(detectors: specs.map { (anchors: [Array($0.0.utf8)], caseless: $0.1) })
        let alphabet = Array(Set(specs.flatMap { Array($0.0.utf8) } + Array("BCKOPSX .\n".utf8)))
        var rng = SplitMix64(seed: 7)
        func naive(_ text: [UInt8]) -> [String] {
            var out: [String] = []
            for at in text.indices {
                for (d, (anchor, caseless)) in specs.enumerated() {
                    let a = Array(anchor.utf8)
                    guard at + a.count <= text.count else { continue }
                    let piece = text[at..<at + a.count]
                    if caseless ? piece.map(ASCII.lower) == a : Array(piece) == a { out.append("\(d)@\(at)") }
                }
            }
            return out
        }
        InstructionSets.forEach { isa in
        for length in Array(0...200) + [20_000] {
            var text: [UInt8] = []
            while text.count < length {
                if rng.next() % 6 == 0 {
                    let (a, caseless) = specs[Int(rng.next() % UInt64(specs.count))]
                    text += caseless && rng.next() % 2 == 0 ? Array(a.uppercased().utf8) : Array(a.utf8)
                } else if rng.next() % 12 == 0 {
                    // A byte from 0x80 after an anchor of three ("eyJ", "SG.") still lets
                    // it through (the fourth place of the exact classes).
                    text += Array("é".utf8)
                } else {
                    text.append(alphabet[Int(rng.next() % UInt64(alphabet.count))])
                }
            }
            text = Array(text.prefix(length))
            let found = hits(index, String(decoding: text, as: UTF8.self)).map { "\($0.0)@\($0.1)" }
            XCTAssertEqual(found, naive(text), "\(length) bytes, \(isa)")
        }
        }
    }
}
