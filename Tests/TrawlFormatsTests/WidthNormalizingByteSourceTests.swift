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
}
