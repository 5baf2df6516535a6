// WidthNormalizingByteSource: full-width digits, letters, hyphen, plus, parentheses, full
// stop, at sign and the ideographic space become ASCII, one character for one character;
// the full-width comma, colon, quotes, brackets and slash and half-width katakana stay as
// they are; sequences cut by any read size are carried over. The expected output is
// written out by hand below, not computed with the code under test.

import XCTest
@testable import TrawlFormats

final class WidthNormalizingByteSourceTests: XCTestCase {
    let input = "ＴＥＬ：０３－１２３４－５６７８　ｍａｉｌ＠ｅｘａｍｐｌｅ．ｃｏｍ，「引用」（注）＋８１ ＡＢＣ、ｘｙｚ／［｛ｱ\n"
        + "plain ascii 0-9 stays, é and 漢字 too\n"
    let expected = "TEL：03-1234-5678 mail@example.com，「引用」(注)+81 ABC、xyz／［｛ｱ\n"
        + "plain ascii 0-9 stays, é and 漢字 too\n"
    /// Counted by hand: TEL 3, 03 2, － 1, 1234 4, － 1, 5678 4, U+3000 1, mail 4, ＠ 1,
    /// example 7, ． 1, com 3, （ 1, ） 1, ＋ 1, 81 2, ABC 3, xyz 3.
    let mapped = 43

    func testMapsOneCharacterPerCharacterWhateverTheReadSizes() throws {
        let bytes = Array(input.utf8)
        let upstreamSizes: [[Int]] = [[1], [2], [3], [4], [5], [7], [1, 3, 2, 7, 5, 1, 4, 6, 2, 3], [64 * 1024]]
        let callerSizes: [[Int]] = [[1], [2], [3], [4], [1, 2, 3, 5, 8], [64 * 1024]]
        for up in upstreamSizes {
            for caller in callerSizes {
                var source = WidthNormalizingByteSource(upstream: ChunkedByteSource(bytes, sizes: up))
                let out = try drain(&source, bufferSizes: caller)
                XCTAssertEqual(String(decoding: out, as: UTF8.self), expected, "upstream \(up), caller \(caller)")
                XCTAssertEqual(source.mappedCount, mapped, "upstream \(up), caller \(caller)")
            }
        }
        XCTAssertEqual(input.unicodeScalars.count, expected.unicodeScalars.count)
    }

    func testACutSequenceAtTheEndPassesThrough() throws {
        // "１" then the first two bytes of "２" (EF BC 92): the stream ends inside it.
        let bytes: [UInt8] = [0xEF, 0xBC, 0x91, 0x41, 0xEF, 0xBC]
        for size in [1, 2, 3, 6] {
            var source = WidthNormalizingByteSource(upstream: ChunkedByteSource(bytes, sizes: [size]))
            XCTAssertEqual(try drain(&source, bufferSizes: [size == 6 ? 64 : 3]), [0x31, 0x41, 0xEF, 0xBC], "reads of \(size)")
        }
    }

    func testContainsMappedCharacter() {
        XCTAssertTrue(WidthNormalizingByteSource<ChunkedByteSource>.containsMappedCharacter(Array("番号：１".utf8)))
        XCTAssertTrue(WidthNormalizingByteSource<ChunkedByteSource>.containsMappedCharacter(Array("a\u{3000}b".utf8)))
        XCTAssertFalse(WidthNormalizingByteSource<ChunkedByteSource>.containsMappedCharacter(Array("番号：，「」ｱ 123".utf8)))
        // A mapped character cut at the end of the prefix does not count.
        XCTAssertFalse(WidthNormalizingByteSource<ChunkedByteSource>.containsMappedCharacter([0x41, 0xEF, 0xBC]))
    }

    func testOffsetsMapBackToTheDecodedText() throws {
        // (normalised offset, offset in `input`), found by hand: "03" after "TEL：" is 6
        // bytes into the output and 12 into the input (ＴＥＬ 9 bytes, ： 3); "mail" 19 and
        // 51; "(注" 50 and 114; "xyz" 65 and 145; the first line's end 81 and 167.
        let pairs = [(0, 0), (6, 12), (19, 51), (50, 114), (65, 145), (81, 167)]
        for sizes in [[1], [3], [7], [64 * 1024]] {
            var source = WidthNormalizingByteSource(upstream: ChunkedByteSource(Array(input.utf8), sizes: sizes))
            _ = try drain(&source, bufferSizes: [64 * 1024])
            for (out, original) in pairs {
                XCTAssertEqual(source.offsetMap.originalOffset(out), original, "offset \(out), reads of \(sizes)")
            }
        }
    }

    func testOffsetMapKeepsBoundedRunsAndTheRecentOnesExact() {
        // Runs "１" at normalised offsets 0, 2, 4, ... (one mapped character every two
        // bytes); with room for 4 runs the oldest are dropped, the last ones stay exact.
        let map = WidthOffsetMap(maxRuns: 4)
        for k in 0..<10 { map.noteMapped(at: 2 * k) }
        XCTAssertEqual(map.mappedCount, 10)
        // Offset 19 follows all ten: 19 + 2 x 10.
        XCTAssertEqual(map.originalOffset(19), 39)
        // Offset 17 follows nine (the run at 18 is after it).
        XCTAssertEqual(map.originalOffset(17), 35)
        // A run of three consecutive characters is one entry.
        let runs = WidthOffsetMap(maxRuns: 2)
        for p in [5, 6, 7] { runs.noteMapped(at: p) }
        XCTAssertEqual(runs.originalOffset(5), 5)
        XCTAssertEqual(runs.originalOffset(6), 8)
        XCTAssertEqual(runs.originalOffset(8), 14)
    }

    func testWholeValuesAreNormalisedLikeStreams() {
        XCTAssertEqual(fullWidthNormalized("電話：０３－４８３６－３７４５"), "電話：03-4836-3745")
        XCTAssertEqual(fullWidthNormalized("no full width, ｱ，"), "no full width, ｱ，")
        XCTAssertNil(fullWidthNormalized(Array("plain".utf8)))
    }
}
