// The JSON writer and the RFC 3339 timestamps, against values worked out by hand
// (dates checked with `date -u -d @SECONDS`).

import Foundation
import Testing
@testable import TrawlFindings

@Suite struct JSONWriterTests {
    @Test func timestampsAreRFC3339UTCWithMilliseconds() {
        #expect(RFC3339.string(secondsSince1970: 0) == "1970-01-01T00:00:00.000Z")
        #expect(RFC3339.string(secondsSince1970: 951_782_400) == "2000-02-29T00:00:00.000Z")   // leap day
        #expect(RFC3339.string(secondsSince1970: 1_700_000_000.123) == "2023-11-14T22:13:20.123Z")
        #expect(RFC3339.string(secondsSince1970: 4_102_444_799.999) == "2099-12-31T23:59:59.999Z")
        #expect(RFC3339.string(secondsSince1970: -1.5) == "1969-12-31T23:59:58.500Z")
        #expect(RFC3339.string(secondsSince1970: .nan) == "1970-01-01T00:00:00.000Z")
        // Out-of-range dates clamp to the four-digit years RFC 3339 can write.
        #expect(RFC3339.string(secondsSince1970: 1e300) == "9999-12-31T23:59:59.999Z")
        #expect(RFC3339.string(secondsSince1970: -1e300) == "0000-01-01T00:00:00.000Z")
    }

    @Test func writesCommasOnlyBetweenValues() {
        var w = JSONWriter()
        w.beginObject()
        w.member("a", 1)
        w.key("b")
        w.beginArray()
        w.int(Int64.min)
        w.bool(true)
        w.beginObject()
        w.endObject()
        w.beginArray()
        w.endArray()
        w.string("")
        w.endArray()
        w.member("c", ifPresent: nil)
        w.member("d", ifNonEmpty: " \t")
        w.member("e", ifNonEmpty: "x")
        w.key("dynamic \"key\"")
        w.bool(false)
        w.endObject()
        #expect(String(decoding: w.bytes, as: UTF8.self)
                == #"{"a":1,"b":[-9223372036854775808,true,{},[],""],"e":"x","dynamic \"key\"":false}"#)
    }

    @Test func nonEmptyMeansAScalarOutsideUnicodesWhiteSpace() {
        // Unicode's White_Space property (PropList.txt): U+0009-000D, U+0020, U+0085,
        // U+00A0, U+1680, U+2000-200A, U+2028, U+2029, U+202F, U+205F, U+3000. U+001C-001F
        // are separators but not White_Space.
        #expect(!JSONWriter.hasNonWhitespace(""))
        #expect(!JSONWriter.hasNonWhitespace("\t\n\u{0B}\u{0C}\r "))
        #expect(!JSONWriter.hasNonWhitespace(" \u{85}\u{A0}\u{1680}\u{2000}\u{200A}\u{2028}\u{2029}\u{202F}\u{205F}\u{3000}"))
        #expect(JSONWriter.hasNonWhitespace("\u{1C}"))
        #expect(JSONWriter.hasNonWhitespace("  x"))
        #expect(JSONWriter.hasNonWhitespace(" \u{A0}\u{E9}"))
        #expect(JSONWriter.hasNonWhitespace("\u{3000}x"))
    }

    @Test func escapesEveryControlCharacter() throws {
        let all = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init))) + "\"\\/\u{7F}\u{2028}"
        var w = JSONWriter()
        w.string(all)
        let text = String(decoding: w.bytes, as: UTF8.self)
        #expect(text.hasPrefix(#""\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e"#))
        #expect(text.hasSuffix(#"\u001f\"\\/"# + "\u{7F}\u{2028}\""))
        let decoded = try JSONSerialization.jsonObject(with: Data(w.bytes), options: [.fragmentsAllowed]) as? String
        #expect(decoded == all)
    }

    /// Strings are checked eight bytes at a time: each character that needs escaping, at
    /// every place of two 8-byte words and the tail, among plain ASCII and multi-byte
    /// text, comes back whole through JSONSerialization, escaped as written out here.
    @Test func escapesAtEveryPlaceOfAWord() throws {
        let escapes: [(Character, String)] = [("\"", #"\""#), ("\\", #"\\"#), ("\n", #"\n"#), ("\u{1}", #"\u0001"#),
                                              ("\u{1F}", #"\u001f"#)]
        for filler in ["abcdefghijklmnopqrstuvwx", "é€😀abcdefghijklmn"] {
            for (c, escaped) in escapes {
                for at in 0...filler.count {
                    var s = filler
                    s.insert(c, at: s.index(s.startIndex, offsetBy: at))
                    var w = JSONWriter()
                    w.string(s)
                    let text = String(decoding: w.bytes, as: UTF8.self)
                    var expected = filler
                    expected.insert(contentsOf: "\u{0}", at: expected.index(expected.startIndex, offsetBy: at))
                    #expect(text == "\"" + expected.replacingOccurrences(of: "\u{0}", with: escaped) + "\"", "\(escaped) at \(at)")
                    let decoded = try JSONSerialization.jsonObject(with: Data(w.bytes), options: [.fragmentsAllowed]) as? String
                    #expect(decoded == s)
                }
            }
        }
        // Bytes of 0x80 and above (the high bit the tests look at) pass unescaped.
        var w = JSONWriter()
        w.string("\u{80}\u{FF}\u{7FF}\u{FFFF}")
        #expect(w.bytes == [0x22, 0xC2, 0x80, 0xC3, 0xBF, 0xDF, 0xBF, 0xEF, 0xBF, 0xBF, 0x22])
    }
}
