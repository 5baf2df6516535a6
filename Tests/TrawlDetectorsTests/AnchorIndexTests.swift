// AnchorIndex: every occurrence of every anchor, in position order, handed to each
// detector that declared it; caseless anchors in any ASCII case; anchors shorter than
// three bytes left to the memchr search; more candidates than the scratch space holds
// still all found. Expected positions are counted by hand in the fixtures below.

import XCTest
@testable import TrawlDetectors

final class AnchorIndexTests: XCTestCase {
    func hits(_ index: AnchorIndex, _ text: String, scratch: Int = 4096) -> [(Int, Int)] {
        let candidates = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: scratch)
        defer { candidates.deallocate() }
        var out: [(Int, Int)] = []
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

    func testMoreCandidatesThanScratchSpace() {
        // 300 anchors "key-" four bytes apart, with scratch for 16 candidates at a time.
        let index = AnchorIndex(detectors: [(anchors: [Array("key-".utf8)], caseless: false)])
        let text = String(repeating: "key-", count: 300)
        let found = hits(index, text, scratch: 16)
        XCTAssertEqual(found.map(\.1), Array(stride(from: 0, to: 1200, by: 4)))
    }

    func testTextShorterThanATrigram() {
        let index = AnchorIndex(detectors: [(anchors: [Array("SG.".utf8)], caseless: false)])
        XCTAssertTrue(hits(index, "SG").isEmpty)
        XCTAssertEqual(hits(index, "SG.").map(\.1), [0])
    }
}
