// TextTranscoder / TranscodingByteSource. Expected UTF-8 comes from hand-written
// bytes, from the Swift standard library's own UTF-8/UTF-16 views, and from
// iconv(1) for the Windows-1252 table; never from the code under test.

import Foundation
import XCTest
@testable import TrawlFormats

final class TextTranscoderTests: XCTestCase {

    /// Transcodes `input` in one call.
    func convert(_ input: [UInt8], _ encoding: TextEncoding) -> [UInt8] {
        var t = TextTranscoder(encoding: encoding)
        var out: [UInt8] = []
        input.withUnsafeBytes { t.transcode($0, isFinal: true, into: &out) }
        return out
    }

    /// Transcodes `input` through TranscodingByteSource over an upstream that
    /// returns 1...7 bytes per read, with the given caller buffer sizes.
    func convertStreaming(_ input: [UInt8], _ encoding: TextEncoding, bufferSizes: [Int],
                          inputBufferSize: Int = 64 * 1024) throws -> [UInt8] {
        var source = TranscodingByteSource(upstream: ChunkedByteSource(input), encoding: encoding,
                                           inputBufferSize: inputBufferSize)
        return try drain(&source, bufferSizes: bufferSizes)
    }

    func utf16Bytes(_ s: String, bigEndian: Bool, bom: Bool) -> [UInt8] {
        var out: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in s.utf16 {
            let hi = UInt8(unit >> 8), lo = UInt8(unit & 0xFF)
            out += bigEndian ? [hi, lo] : [lo, hi]
        }
        return out
    }

    // MARK: UTF-16

    func testUTF16WithBOMAndSurrogatePair() {
        // "A😀é€": U+1F600 is the surrogate pair D83D DE00.
        let le: [UInt8] = [0xFF, 0xFE, 0x41, 0x00, 0x3D, 0xD8, 0x00, 0xDE, 0xE9, 0x00, 0xAC, 0x20]
        let be: [UInt8] = [0xFE, 0xFF, 0x00, 0x41, 0xD8, 0x3D, 0xDE, 0x00, 0x00, 0xE9, 0x20, 0xAC]
        let expected: [UInt8] = [0x41, 0xF0, 0x9F, 0x98, 0x80, 0xC3, 0xA9, 0xE2, 0x82, 0xAC]
        XCTAssertEqual(expected, Array("A😀é€".utf8))
        XCTAssertEqual(convert(le, .utf16LE), expected)
        XCTAssertEqual(convert(be, .utf16BE), expected)
    }

    func testUTF16SplitAtEveryOffset() throws {
        let text = "Grüße 😀 from Zürich: IBAN DE89 3704 0044 0532 0130 00 — 𝄞 €100 日本語\n"
        for bigEndian in [false, true] {
            let encoding: TextEncoding = bigEndian ? .utf16BE : .utf16LE
            let input = utf16Bytes(text, bigEndian: bigEndian, bom: true)
            // Two chunks, split at every offset (odd ones cut a code unit).
            for split in 0...input.count {
                var t = TextTranscoder(encoding: encoding)
                var out: [UInt8] = []
                input.withUnsafeBytes { all in
                    t.transcode(UnsafeRawBufferPointer(rebasing: all[..<split]), isFinal: false, into: &out)
                    t.transcode(UnsafeRawBufferPointer(rebasing: all[split...]), isFinal: true, into: &out)
                }
                XCTAssertEqual(out, Array(text.utf8), "split at \(split)")
            }
            // Upstream reads of 1...7 bytes, small and large caller buffers.
            let long = String(repeating: text, count: 200)
            let longInput = utf16Bytes(long, bigEndian: bigEndian, bom: true)
            XCTAssertEqual(try convertStreaming(longInput, encoding, bufferSizes: [1, 2, 3, 5, 7]), Array(long.utf8))
            XCTAssertEqual(try convertStreaming(longInput, encoding, bufferSizes: [1 << 20]), Array(long.utf8))
            XCTAssertEqual(try convertStreaming(longInput, encoding, bufferSizes: [100, 1 << 20, 3],
                                                inputBufferSize: 13), Array(long.utf8))
        }
    }

    func testUTF16UnpairedSurrogatesAndOddByte() {
        // A, high alone, B, low alone, high at the very end.
        let units: [UInt16] = [0x0041, 0xD83D, 0x0042, 0xDE00, 0xD83D]
        let le = units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let expected = Array("A\u{FFFD}B\u{FFFD}\u{FFFD}".utf8)
        XCTAssertEqual(convert(le, .utf16LE), expected)
        // High followed by high, then a valid pair.
        let be: [UInt8] = [0xD8, 0x3D, 0xD8, 0x3D, 0xDE, 0x00]
        XCTAssertEqual(convert(be, .utf16BE), Array("\u{FFFD}😀".utf8))
        // An odd trailing byte.
        XCTAssertEqual(convert([0x41, 0x00, 0x42], .utf16LE), Array("A\u{FFFD}".utf8))
        // No BOM: nothing is dropped; U+FEFF after the start is kept.
        XCTAssertEqual(convert([0x41, 0x00, 0xFF, 0xFE], .utf16LE), Array("A\u{FEFF}".utf8))
        XCTAssertEqual(convert([0xFF, 0xFE], .utf16LE), [])
        var t = TextTranscoder(encoding: .utf16LE)
        var out: [UInt8] = []
        le.withUnsafeBytes { t.transcode($0, isFinal: true, into: &out) }
        XCTAssertEqual(t.substitutions, 3)
    }

    // MARK: Windows-1252

    func testWindows1252Examples() {
        XCTAssertEqual(convert([0x80, 0x93, 0xE9], .windows1252), Array("\u{20AC}\u{201C}\u{E9}".utf8))
        XCTAssertEqual(convert(Array("plain ASCII stays\n".utf8), .windows1252), Array("plain ASCII stays\n".utf8))
        // The five bytes Windows-1252 leaves undefined: their C1 controls (WHATWG).
        XCTAssertEqual(convert([0x81, 0x8D, 0x8F, 0x90, 0x9D], .windows1252),
                       Array("\u{81}\u{8D}\u{8F}\u{90}\u{9D}".utf8))
        // No BOM handling: EF BB BF is U+00EF U+00BB U+00BF.
        XCTAssertEqual(convert([0xEF, 0xBB, 0xBF], .windows1252), Array("\u{EF}\u{BB}\u{BF}".utf8))
    }

    /// Every defined byte against iconv(1)'s WINDOWS-1252.
    func testWindows1252TableMatchesIconv() throws {
        let iconv = try requireTool("iconv")
        let undefined: Set<UInt8> = [0x81, 0x8D, 0x8F, 0x90, 0x9D]
        let bytes = (0...255).map(UInt8.init).filter { !undefined.contains($0) }
        let r = try runTool(iconv, ["-f", "WINDOWS-1252", "-t", "UTF-8"], stdin: bytes)
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(convert(bytes, .windows1252), r.stdout)
        XCTAssertEqual(try convertStreaming(bytes + bytes, .windows1252, bufferSizes: [1, 4]), r.stdout + r.stdout)
    }

    // MARK: UTF-8

    func testUTF8InvalidBytesDecodedAsWindows1252() {
        // caf\xE9 cr\xE8me \x93quoted\x94 😀 \x80: Windows-1252 text inside UTF-8.
        var input = Array("caf".utf8) + [0xE9] + Array(" cr".utf8) + [0xE8] + Array("me ".utf8)
        input += [0x93] + Array("quoted".utf8) + [0x94, 0x20, 0xF0, 0x9F, 0x98, 0x80, 0x20, 0x80]
        XCTAssertEqual(convert(input, .utf8), Array("caf\u{E9} cr\u{E8}me \u{201C}quoted\u{201D} \u{1F600} \u{20AC}".utf8))
        // Overlong "/" (C0 AF), a UTF-8-encoded surrogate (ED A0 80), a code point
        // above U+10FFFF (F4 90 80 80): every byte decoded on its own.
        XCTAssertEqual(convert([0xC0, 0xAF], .utf8), Array("\u{C0}\u{AF}".utf8))
        XCTAssertEqual(convert([0xED, 0xA0, 0x80], .utf8), Array("\u{ED}\u{A0}\u{20AC}".utf8))
        XCTAssertEqual(convert([0xF4, 0x90, 0x80, 0x80], .utf8), Array("\u{F4}\u{90}\u{20AC}\u{20AC}".utf8))
        // A sequence cut by the end of the stream.
        XCTAssertEqual(convert([0x41, 0xE2, 0x82], .utf8), Array("A\u{E2}\u{201A}".utf8))
        var t = TextTranscoder(encoding: .utf8)
        var out: [UInt8] = []
        input.withUnsafeBytes { t.transcode($0, isFinal: true, into: &out) }
        XCTAssertEqual(t.substitutions, 5)
    }

    func testUTF8BOMIsDroppedOnlyAtTheStart() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        XCTAssertEqual(convert(bom + Array("x".utf8) + bom, .utf8), Array("x\u{FEFF}".utf8))
        XCTAssertEqual(convert(bom, .utf8), [])
        XCTAssertEqual(convert([0xEF, 0xBB], .utf8), Array("\u{EF}\u{BB}".utf8))
        XCTAssertEqual(convert([0xEF, 0xBB, 0x41], .utf8), Array("\u{EF}\u{BB}A".utf8))
        XCTAssertEqual(try convertStreaming(bom + Array("name,ssn\n".utf8), .utf8, bufferSizes: [1]),
                       Array("name,ssn\n".utf8))
    }

    func testUTF8ValidTextPassesThroughAcrossChunks() throws {
        var rng = SplitMix64(seed: 7)
        var scalars = String.UnicodeScalarView()
        for _ in 0..<50_000 {
            let pick = Int.random(in: 0..<10, using: &rng)
            let value: UInt32
            switch pick {
            case 0..<6: value = UInt32.random(in: 0x20...0x7E, using: &rng)
            case 6: value = UInt32.random(in: 0x80...0x7FF, using: &rng)
            case 7: value = UInt32.random(in: 0x800...0xD7FF, using: &rng)
            case 8: value = UInt32.random(in: 0xE000...0xFFFF, using: &rng)
            default: value = UInt32.random(in: 0x10000...0x10FFFF, using: &rng)
            }
            scalars.append(Unicode.Scalar(value)!)
        }
        let text = Array(String(scalars).utf8)
        XCTAssertEqual(convert(text, .utf8), text)
        XCTAssertEqual(try convertStreaming(text, .utf8, bufferSizes: [1, 2, 3, 5, 7]), text)
        XCTAssertEqual(try convertStreaming(text, .utf8, bufferSizes: [1 << 20], inputBufferSize: 7), text)
    }

    /// An upstream that records how many bytes each read asked for.
    struct RecordingSource: ByteSource {
        var inner: MemoryByteSource
        var asked: [Int] = []
        mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            asked.append(buffer.count)
            return try inner.read(into: buffer)
        }
    }

    /// Text in another encoding is converted straight into a caller's 64 KiB buffer: the
    /// upstream is asked for at most (65,536 - 48) / 3 = 21,829 bytes at a time, whose
    /// worst-case output (3 bytes each, plus 48) fits. Under 4 KiB of input that way, a
    /// whole input buffer is read and converted through the overflow buffer. UTF-8 is
    /// read into the caller's buffer itself (up to the 64 KiB input buffer), and checked
    /// there. All give the text back.
    func testInputChunksFitTheCallersBuffer() throws {
        var rng = SplitMix64(seed: 11)
        let text = (0..<200_000).map { _ in UInt8.random(in: 0x20...0x7E, using: &rng) }
        let cases: [(TextEncoding, Int, Int)] = [(.windows1252, 64 * 1024, 21_829), (.windows1252, 12_000, 64 * 1024),
                                                 (.utf8, 12_000, 12_000), (.utf8, 100_000, 64 * 1024)]
        for (encoding, callerBuffer, largestAsk) in cases {
            var source = TranscodingByteSource(upstream: RecordingSource(inner: MemoryByteSource(text)), encoding: encoding)
            XCTAssertEqual(try drain(&source, bufferSizes: [callerBuffer]), text, "\(encoding) \(callerBuffer)")
            XCTAssertEqual(source.upstream.asked.max(), largestAsk, "\(encoding) \(callerBuffer)")
        }
    }

    /// UTF-8 checked in the caller's buffer: valid sequences cut by a read's end, invalid
    /// bytes (taken as Windows-1252) at any place in a read, a BOM, and a cut sequence at
    /// the end of the text. The expected bytes are written out by hand: 0xFF is 'ÿ'
    /// (C3 BF), 0x80 is '€' (E2 82 AC), a lone 0xC3 at the end is 'Ã' (C3 83).
    func testUTF8CheckedInPlace() throws {
        var rng = SplitMix64(seed: 5)
        let pieces: [(input: [UInt8], output: [UInt8])] = [
            ([0xC3, 0xA9], [0xC3, 0xA9]), ([0xE6, 0x97, 0xA5], [0xE6, 0x97, 0xA5]),
            ([0xF0, 0x9F, 0x98, 0x80], [0xF0, 0x9F, 0x98, 0x80]), ([0xFF], [0xC3, 0xBF]), ([0x80], [0xE2, 0x82, 0xAC]),
        ]
        var input: [UInt8] = [0xEF, 0xBB, 0xBF], expected: [UInt8] = []
        var invalid = 1     // (the cut sequence at the end)
        while input.count < 300_000 {
            let ascii = (0..<Int.random(in: 0...300, using: &rng)).map { _ in UInt8.random(in: 0x20...0x7E, using: &rng) }
            input += ascii
            expected += ascii
            let piece = pieces[Int.random(in: 0..<pieces.count, using: &rng)]
            input += piece.input
            expected += piece.output
            if piece.input.count == 1 { invalid += 1 }
        }
        input.append(0xC3)
        expected += [0xC3, 0x83]
        for sizes in [[64 * 1024], [4096], [4099, 65_536, 5_000]] {
            var whole = TranscodingByteSource(upstream: MemoryByteSource(input), encoding: .utf8)
            XCTAssertEqual(try drain(&whole, bufferSizes: sizes), expected, "\(sizes)")
            XCTAssertEqual(whole.transcoder.substitutions, invalid, "\(sizes)")
            XCTAssertEqual(try convertStreaming(input, .utf8, bufferSizes: sizes), expected, "1-7 byte reads, \(sizes)")
        }
    }

    /// Random byte soup (mostly high bytes and fragments of valid sequences)
    /// against a reference decoder written with the standard library's UTF-8
    /// validation and iconv's Windows-1252 table.
    func testUTF8FallbackMatchesReferenceDecoder() throws {
        let iconv = try requireTool("iconv")
        let undefined: Set<UInt8> = [0x81, 0x8D, 0x8F, 0x90, 0x9D]
        // One iconv run: each defined byte followed by "\n" (which UTF-8 never
        // uses inside a multi-byte character), split on "\n".
        let defined = (0...255).map(UInt8.init).filter { !undefined.contains($0) && $0 != 0x0A }
        let converted = try runTool(iconv, ["-f", "WINDOWS-1252", "-t", "UTF-8"],
                                    stdin: defined.flatMap { [$0, 0x0A] }).stdout
        let pieces = converted.split(separator: 0x0A, omittingEmptySubsequences: false)
        XCTAssertEqual(pieces.count, defined.count + 1)
        var table: [[UInt8]] = Array(repeating: [], count: 256)
        for (byte, utf8) in zip(defined, pieces) { table[Int(byte)] = Array(utf8) }
        table[0x0A] = [0x0A]
        for b in undefined { table[Int(b)] = Array(String(Unicode.Scalar(b)).utf8) }   // WHATWG: the C1 control
        func reference(_ bytes: [UInt8]) -> [UInt8] {
            var out: [UInt8] = []
            var i = 0
            outer: while i < bytes.count {
                for length in 1...4 where i + length <= bytes.count {
                    let candidate = Array(bytes[i..<(i + length)])
                    if let s = String(validating: candidate, as: UTF8.self), s.unicodeScalars.count == 1 {
                        out += candidate
                        i += length
                        continue outer
                    }
                }
                out += table[Int(bytes[i])]
                i += 1
            }
            return out
        }
        var rng = SplitMix64(seed: 11)
        let fragments: [[UInt8]] = [[0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80], [0xE2, 0x82],
                                 [0xF0, 0x9F], [0xED, 0xA0, 0x80], [0xC0, 0x80], [0x41], [0x0A], [0xEF, 0xBB, 0xBF]]
        for round in 0..<20 {
            var input: [UInt8] = []
            for _ in 0..<2_000 {
                if Bool.random(using: &rng) {
                    input += fragments[Int.random(in: 0..<fragments.count, using: &rng)]
                } else {
                    input.append(UInt8.random(in: 0x80...0xFF, using: &rng))
                }
            }
            if input.starts(with: [0xEF, 0xBB, 0xBF]) { input.insert(0x41, at: 0) }
            let expected = reference(input)
            XCTAssertNotNil(String(validating: expected, as: UTF8.self))
            XCTAssertEqual(convert(input, .utf8), expected, "round \(round)")
            XCTAssertEqual(try convertStreaming(input, .utf8, bufferSizes: [1, 3, 1 << 20], inputBufferSize: 5),
                           expected, "round \(round), streamed")
        }
    }

    func testOutputIsAlwaysValidUTF8() throws {
        for encoding in TextEncoding.allCases {
            for seed in 0..<5 as Range<UInt64> {
                let input = randomBytes(10_001, seed: seed)
                let out = try convertStreaming(input, encoding, bufferSizes: [7, 4096])
                XCTAssertNotNil(String(validating: out, as: UTF8.self), "\(encoding), seed \(seed)")
                XCTAssertEqual(out, convert(input, encoding), "streaming equals one-shot, \(encoding)")
            }
        }
    }

    func testEmptyInput() throws {
        for encoding in TextEncoding.allCases {
            XCTAssertEqual(convert([], encoding), [])
            XCTAssertEqual(try convertStreaming([], encoding, bufferSizes: [16]), [])
        }
    }
}
