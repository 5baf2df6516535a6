// Japanese text in Shift_JIS (CP932), EUC-JP and ISO-2022-JP: detected from its bytes
// (uchardet; ISO-2022-JP by its escapes) and decoded to the same UTF-8, whatever the read
// sizes. The encoded fixtures are made by iconv(1) from UTF-8 text written here, so the
// expected decoding is the text itself.

import Foundation
import XCTest
@testable import TrawlFormats

final class JapaneseEncodingTests: XCTestCase {
    let text = """
    株式会社サンプル 人事部
    氏名: 山田太郎 (ヤマダタロウ)
    メール: taro.yamada@example.co.jp
    マイナンバー: １２３４ ５６７８ ９０１２ ①②
    住所: 東京都千代田区丸の内一丁目

    """

    func encoded(_ charset: String) throws -> [UInt8] {
        let iconv = try requireTool("iconv")
        let r = try runTool(iconv, ["-f", "UTF-8", "-t", charset], stdin: Array(text.utf8))
        XCTAssertEqual(r.status, 0, "iconv to \(charset)")
        return r.stdout
    }

    func decode(_ bytes: [UInt8], _ encoding: TextEncoding) throws -> [UInt8] {
        var source = TranscodingByteSource(upstream: ChunkedByteSource(bytes), encoding: encoding)
        return try drain(&source, bufferSizes: [1, 7, 64, 3])
    }

    func testEachEncodingIsDetectedAndDecoded() throws {
        for (charset, encoding) in [("CP932", TextEncoding.shiftJIS), ("EUC-JP-MS", .eucJP), ("ISO-2022-JP-2", .iso2022JP)] {
            let bytes = try encoded(charset)
            XCTAssertNotEqual(bytes, Array(text.utf8))
            XCTAssertEqual(FormatSniffer.sniff(bytes, key: "hr/staff.txt"), .text(encoding, mimeType: "text/plain"), charset)
            XCTAssertEqual(String(decoding: try decode(bytes, encoding), as: UTF8.self), text, charset)
        }
    }

    func testInvalidBytesBecomeReplacementCharacters() throws {
        // 0x81 starts a two-byte CP932 character; 0x20 cannot follow it.
        let bytes: [UInt8] = Array("ab".utf8) + [0x81, 0x20] + Array("cd".utf8)
        var transcoder = TextTranscoder(encoding: .shiftJIS)
        var out: [UInt8] = []
        bytes.withUnsafeBytes { transcoder.transcode($0, isFinal: true, into: &out) }
        XCTAssertEqual(String(decoding: out, as: UTF8.self), "ab\u{FFFD} cd")
        XCTAssertEqual(transcoder.substitutions, 1)
        // A text cut inside a character ends with one replacement character.
        var cut = TextTranscoder(encoding: .eucJP)
        var tail: [UInt8] = []
        try encoded("EUC-JP-MS").prefix(1).withUnsafeBytes { cut.transcode($0, isFinal: true, into: &tail) }
        XCTAssertEqual(String(decoding: tail, as: UTF8.self), "\u{FFFD}")
    }

    func testLatinTextStaysWindows1252() {
        let bytes: [UInt8] = Array("Caf".utf8) + [0xE9] + Array(" cr".utf8) + [0xE8] + Array("me br".utf8) + [0xFB] + Array("l".utf8) + [0xE9, 0x0A]
        XCTAssertEqual(FormatSniffer.sniff(bytes, key: "b/menu.txt"), .text(.windows1252, mimeType: "text/plain"))
    }
}
