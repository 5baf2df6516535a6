// TextEncoding: the encodings Trawl decodes text from, and the small byte-level
// facts about them (BOMs, UTF-8 well-formedness, the Windows-1252 table) shared
// by FormatSniffer and TextTranscoder.
//
// Why hand-written: these are a few fixed tables from the Unicode and WHATWG
// Encoding standards used on the hot path over raw bytes; iconv would need a
// String/Data round trip per chunk and reports errors instead of substituting
// the way DESIGN.md asks ("text that is not valid UTF-8 is decoded as
// Windows-1252"). The Japanese encodings (Shift_JIS as Windows writes it, CP932;
// EUC-JP; ISO-2022-JP) are stateful multi-byte tables: those go through iconv
// (IconvDecoder.swift), detected with uchardet (CharsetDetector.swift).

import CTrawlKernels

/// An encoding of text that Trawl converts to UTF-8 before detection.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "UTF-8"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    case windows1252 = "windows-1252"
    case shiftJIS = "Shift_JIS"
    case eucJP = "EUC-JP"
    case iso2022JP = "ISO-2022-JP"

    /// The byte order mark of this encoding (empty for those that have none).
    public var byteOrderMark: [UInt8] {
        switch self {
        case .utf8: return [0xEF, 0xBB, 0xBF]
        case .utf16LE: return [0xFF, 0xFE]
        case .utf16BE: return [0xFE, 0xFF]
        case .windows1252, .shiftJIS, .eucJP, .iso2022JP: return []
        }
    }

    /// glibc iconv's name for the encodings decoded through iconv (nil for the others).
    /// Shift_JIS is read as CP932 and EUC-JP as EUC-JP-MS: the supersets Windows and
    /// Japanese companies' systems actually write (NEC and IBM extensions, ①, ㈱...);
    /// ISO-2022-JP is read as ISO-2022-JP-2, which decodes its extensions too.
    var iconvName: String? {
        switch self {
        case .shiftJIS: "CP932"
        case .eucJP: "EUC-JP-MS"
        case .iso2022JP: "ISO-2022-JP-2"
        case .utf8, .utf16LE, .utf16BE, .windows1252: nil
        }
    }
}

/// UTF-8 well-formedness per Unicode 15, Table 3-7 (no overlongs, no surrogates,
/// nothing above U+10FFFF).
enum UTF8Scan {
    /// Result of looking at the sequence that starts at `p[0]`:
    /// > 0 its length (1...4) when complete and valid; 0 when the `available`
    /// bytes are a valid but incomplete start of a sequence; -1 when `p[0]` does
    /// not start a valid sequence (bad lead byte, or a bad continuation byte
    /// within `available`).
    @inline(__always)
    static func sequenceLength(_ p: UnsafePointer<UInt8>, _ available: Int) -> Int {
        let b0 = p[0]
        if b0 < 0x80 { return 1 }
        let need: Int
        var lo: UInt8 = 0x80
        var hi: UInt8 = 0xBF
        switch b0 {
        case 0xC2...0xDF: need = 2
        case 0xE0: need = 3; lo = 0xA0          // no overlongs
        case 0xE1...0xEC, 0xEE, 0xEF: need = 3
        case 0xED: need = 3; hi = 0x9F          // no UTF-16 surrogates
        case 0xF0: need = 4; lo = 0x90          // no overlongs
        case 0xF1...0xF3: need = 4
        case 0xF4: need = 4; hi = 0x8F          // nothing above U+10FFFF
        default: return -1                      // 80-C1, F5-FF
        }
        if available < 2 { return 0 }
        let b1 = p[1]
        if b1 < lo || b1 > hi { return -1 }
        var k = 2
        while k < need {
            if available <= k { return 0 }
            if p[k] & 0xC0 != 0x80 { return -1 }
            k += 1
        }
        return need
    }

    /// The count of ASCII bytes at the start of p[0..<n) (AVX2 in CTrawlKernels).
    @inline(__always)
    static func asciiPrefix(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        trawl_ascii_prefix(p, n)
    }

    /// The length of the longest start of p[0..<n) made of whole, valid sequences: it
    /// ends at n, at a byte that starts no valid sequence, or at a sequence cut by the end.
    static func validPrefix(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        var i = asciiPrefix(p, n)
        while i < n {
            if p[i] < 0x80 { i += asciiPrefix(p + i, n - i); continue }
            let r = sequenceLength(p + i, n - i)
            if r <= 0 { return i }
            i += r
        }
        return n
    }

    /// Whether `bytes` is valid UTF-8, allowing the last sequence to be cut off
    /// (a prefix of a longer stream).
    static func isValidPrefix(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return true }
        let n = bytes.count, valid = validPrefix(base, n)
        return valid == n || sequenceLength(base + valid, n - valid) == 0   // 0: cut by the end
    }

    /// Writes the UTF-8 form of `scalar` (which must be a Unicode scalar value)
    /// at `out`, returning its length.
    @inline(__always)
    static func write(_ scalar: UInt32, to out: UnsafeMutablePointer<UInt8>) -> Int {
        if scalar < 0x80 {
            out[0] = UInt8(truncatingIfNeeded: scalar)
            return 1
        } else if scalar < 0x800 {
            out[0] = UInt8(truncatingIfNeeded: 0xC0 | (scalar >> 6))
            out[1] = UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F))
            return 2
        } else if scalar < 0x10000 {
            out[0] = UInt8(truncatingIfNeeded: 0xE0 | (scalar >> 12))
            out[1] = UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 6) & 0x3F))
            out[2] = UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F))
            return 3
        } else {
            out[0] = UInt8(truncatingIfNeeded: 0xF0 | (scalar >> 18))
            out[1] = UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 12) & 0x3F))
            out[2] = UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 6) & 0x3F))
            out[3] = UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F))
            return 4
        }
    }
}

/// Windows-1252 as the WHATWG Encoding Standard defines it (index-windows-1252):
/// 0x00-0x7F ASCII, 0xA0-0xFF the same code points as Latin-1, and 0x80-0x9F
/// from the table below. The five bytes Microsoft leaves undefined (81 8D 8F 90
/// 9D) map to the C1 control of the same value (U+0081 ...), as WHATWG and every
/// browser do: the decoding never fails and keeps the byte recoverable.
enum Windows1252 {
    /// Code points of bytes 0x80...0x9F.
    static let high: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, // 80-87
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F, // 88-8F
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, // 90-97
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178, // 98-9F
    ]

    @inline(__always)
    static func scalar(_ byte: UInt8, _ high: UnsafeBufferPointer<UInt16>) -> UInt32 {
        if byte >= 0x80 && byte < 0xA0 { return UInt32(high[Int(byte) - 0x80]) }
        return UInt32(byte)
    }
}
