// BinaryHeuristic: decides text vs binary (and the text's encoding) from the
// first bytes of an object that carries no known magic number.
//
// Why hand-written: libmagic's text tests are not exposed as a library call
// that returns an encoding Trawl can decode, and uchardet only guesses
// charsets, not text-vs-binary; the rule DESIGN.md asks for ("a high share of
// NUL and control bytes is binary, text that is not UTF-8 is Windows-1252") is
// a few counters over one buffer. The constants below are that rule.

import CTrawlKernels

/// Text-or-binary verdict for a buffer with no known magic number.
public enum BinaryHeuristic {
    public enum Verdict: Equatable, Sendable {
        case text(TextEncoding)
        case binary
    }

    /// UTF-16 without a BOM: at least this share of the 2-byte units has a NUL
    /// in its high byte (ASCII-range text has it in nearly every unit)...
    public static let utf16HighNulShareMin = 0.40
    /// ...and at most this share has a NUL in its low byte (only U+xx00
    /// characters, and U+0000 itself, do).
    public static let utf16LowNulShareMax = 0.05
    /// UTF-16 candidates must still look like text: at most this share of
    /// units are disallowed C0 controls (a binary array of small 16-bit
    /// integers would otherwise pass for UTF-16).
    public static let utf16ControlShareMax = 0.10
    /// Binary when NUL bytes exceed this share of the buffer: more than 1 in
    /// 1,000 bytes (8 in an 8 KiB prefix). Text almost never holds NULs, but a
    /// stray one (a padded field, a log line with a NUL) does not make a file
    /// binary; random or compressed data holds about 1 in 256.
    public static let nulShareMax = 0.001
    /// Binary when NUL plus disallowed control bytes exceed this share.
    /// Allowed controls: \t \n \r \f (0x0C), ESC (0x1B, ANSI colours in logs),
    /// \b (0x08). Disallowed: the other C0 bytes and DEL (0x7F).
    public static let controlShareMax = 0.10
    /// Fewest 2-byte units for UTF-16 detection without a BOM.
    public static let utf16MinUnits = 2

    /// Classifies `bytes` (typically the first 8 KiB of an object). In order:
    /// a BOM decides; the NUL pattern of UTF-16 without BOM; binary by NUL or
    /// control share; UTF-8 when the bytes are valid UTF-8 (a sequence cut by
    /// the end of the buffer is allowed); otherwise Windows-1252.
    /// An empty buffer is UTF-8 text.
    public static func classify(_ bytes: UnsafeRawBufferPointer) -> Verdict {
        let n = bytes.count
        guard n > 0 else { return .text(.utf8) }
        let b = bytes

        if n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { return .text(.utf8) }
        if n >= 2 && b[0] == 0xFF && b[1] == 0xFE { return .text(.utf16LE) }
        if n >= 2 && b[0] == 0xFE && b[1] == 0xFF { return .text(.utf16BE) }

        // NULs and disallowed controls (the allowed ones: see `controlShareMax`) by the
        // parity of their position; counted in C (trawl_suspicious_counts), 32 bytes at a
        // time up to the first one.
        var counts = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &counts) {
            trawl_suspicious_counts(b.baseAddress!.assumingMemoryBound(to: UInt8.self), n,
                                    $0.baseAddress!.assumingMemoryBound(to: Int.self))
        }
        let (nulEven, nulOdd, ctlEven, ctlOdd) = counts

        let units = n / 2
        if units >= utf16MinUnits {
            let u = Double(units)
            // LE: "A\0" -> the high byte (odd position) is NUL.
            if Double(nulOdd) >= utf16HighNulShareMin * u && Double(nulEven) <= utf16LowNulShareMax * u {
                return Double(ctlEven) <= utf16ControlShareMax * u ? .text(.utf16LE) : .binary
            }
            if Double(nulEven) >= utf16HighNulShareMin * u && Double(nulOdd) <= utf16LowNulShareMax * u {
                return Double(ctlOdd) <= utf16ControlShareMax * u ? .text(.utf16BE) : .binary
            }
        }

        let nul = nulEven + nulOdd
        let suspicious = nul + ctlEven + ctlOdd
        if Double(nul) > nulShareMax * Double(n) { return .binary }
        if Double(suspicious) > controlShareMax * Double(n) { return .binary }
        if UTF8Scan.isValidPrefix(bytes) {
            return CharsetDetector.hasISO2022JPEscape(bytes) ? .text(.iso2022JP) : .text(.utf8)
        }
        return .text(CharsetDetector.guessNonUTF8(bytes))
    }

    public static func classify(_ bytes: [UInt8]) -> Verdict {
        bytes.withUnsafeBytes { classify($0) }
    }
}
