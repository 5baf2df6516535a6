// TextTranscoder: streaming conversion of UTF-8 / UTF-16 / Windows-1252 text to
// well-formed UTF-8, chunk by chunk, so that detectors only ever see UTF-8.
//
// Why hand-written: iconv (the library DESIGN.md names for encodings) stops or
// drops bytes at the first invalid sequence, while Trawl must decode every byte
// (invalid UTF-8 bytes as Windows-1252, unpaired surrogates as U+FFFD) and keep
// state across arbitrary chunk boundaries without allocating. The conversions
// here are the three fixed, table-sized ones; charsets that need real tables
// (Shift_JIS, EUC-JP) will go through iconv.

/// Converts a stream of bytes in `encoding` to UTF-8.
///
/// - A BOM of the encoding at the very start of the stream is dropped (only
///   there: U+FEFF later in the text is kept).
/// - UTF-8: valid sequences pass through unchanged; a byte that does not start a
///   complete, valid sequence is decoded as its Windows-1252 character and
///   decoding resumes at the next byte. A sequence cut by a chunk boundary is
///   carried to the next call.
/// - UTF-16LE/BE: surrogate pairs are combined (also across chunks); an
///   unpaired surrogate becomes U+FFFD; an odd byte is carried to the next call
///   and becomes U+FFFD if the stream ends with it.
/// - Windows-1252: see `Windows1252` (undefined bytes map to their C1 controls).
///
/// The output is always well-formed UTF-8.
public struct TextTranscoder: Sendable {
    public let encoding: TextEncoding
    /// Bytes decoded by a fallback: invalid UTF-8 bytes taken as Windows-1252,
    /// and U+FFFD written for broken UTF-16. A high count after sniffing says the
    /// sniffer guessed the encoding wrong.
    public private(set) var substitutions: Int = 0

    // BOM stage: up to 3 bytes held until they are known to be (or not be) a BOM.
    private var atStart: Bool
    private var bomHeld: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
    private var bomHeldCount = 0
    // UTF-8: an incomplete (so far valid) sequence from the previous chunk.
    private var carry: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
    private var carryCount = 0
    // UTF-16: an odd byte from the previous chunk, and a high surrogate waiting
    // for its low half (0 = none; high surrogates are never 0).
    private var oddByte: UInt8 = 0
    private var hasOddByte = false
    private var pendingHigh: UInt16 = 0
    // The Japanese encodings: through iconv.
    private let iconv: IconvDecoder?

    public init(encoding: TextEncoding) {
        self.encoding = encoding
        self.atStart = !encoding.byteOrderMark.isEmpty
        self.iconv = encoding.iconvName.flatMap { IconvDecoder(from: $0) }
    }

    /// Output space that always suffices for one call with `inputCount` bytes:
    /// no input byte yields more than 3 output bytes (Windows-1252 and invalid
    /// UTF-8 bytes: 1 -> up to 3; UTF-16: 2 -> up to 3, 4 -> 4; a dangling
    /// byte or surrogate: U+FFFD, 3), plus at most 8 bytes held from earlier calls.
    public static func maxOutputCount(forInputCount inputCount: Int) -> Int {
        3 * (inputCount + 8) + 24
    }

    /// Converts `input`, writing UTF-8 at the start of `output`, and returns the
    /// number of bytes written. `output.count` must be at least
    /// `maxOutputCount(forInputCount: input.count)`. Pass `isFinal: true` with
    /// the last chunk (it may be empty) to flush held bytes.
    public mutating func transcode(_ input: UnsafeRawBufferPointer, isFinal: Bool,
                                   into output: UnsafeMutableRawBufferPointer) -> Int {
        precondition(output.count >= Self.maxOutputCount(forInputCount: input.count),
                     "TextTranscoder: output buffer smaller than maxOutputCount(forInputCount:)")
        let out = output.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var src = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
        var n = input.count
        var written = 0

        if atStart {
            let bom = encoding.byteOrderMark
            var mismatch = false
            withUnsafeMutableBytes(of: &bomHeld) { held in
                while bomHeldCount < bom.count && n > 0 {
                    held[bomHeldCount] = src![0]
                    bomHeldCount += 1
                    src! += 1
                    n -= 1
                }
                for k in 0..<bomHeldCount where held[k] != bom[k] { mismatch = true }
            }
            if !mismatch && bomHeldCount < bom.count && !isFinal {
                return 0   // still possibly a BOM: wait for more bytes
            }
            atStart = false
            if mismatch || bomHeldCount < bom.count {
                // Not a BOM: the held bytes are text.
                let count = bomHeldCount
                var held = bomHeld
                written += withUnsafeBytes(of: &held) { h in
                    body(h.baseAddress!.assumingMemoryBound(to: UInt8.self), count,
                         isFinal: isFinal && n == 0, out)
                }
            }
            bomHeldCount = 0
        }
        if n > 0 || isFinal {
            written += body(src ?? UnsafePointer(out), n, isFinal: isFinal, out + written)
        }
        return written
    }

    /// Appends the UTF-8 of `input` to `output` (convenience over the buffer form).
    public mutating func transcode(_ input: UnsafeRawBufferPointer, isFinal: Bool,
                                   into output: inout [UInt8]) {
        let start = output.count
        let room = Self.maxOutputCount(forInputCount: input.count)
        output.append(contentsOf: repeatElement(0, count: room))
        let written = output.withUnsafeMutableBytes { buf in
            transcode(input, isFinal: isFinal,
                      into: UnsafeMutableRawBufferPointer(rebasing: buf[start...]))
        }
        output.removeLast(room - written)
    }

    private mutating func body(_ src: UnsafePointer<UInt8>, _ n: Int, isFinal: Bool,
                               _ out: UnsafeMutablePointer<UInt8>) -> Int {
        switch encoding {
        case .utf8: return utf8(src, n, isFinal: isFinal, out)
        case .utf16LE: return utf16(src, n, bigEndian: false, isFinal: isFinal, out)
        case .utf16BE: return utf16(src, n, bigEndian: true, isFinal: isFinal, out)
        case .windows1252: return windows1252(src, n, out)
        case .shiftJIS, .eucJP, .iso2022JP:
            guard let iconv else { return windows1252(src, n, out) }
            let before = iconv.substitutions
            let written = iconv.decode(src, n, isFinal: isFinal, out)
            substitutions += iconv.substitutions - before
            return written
        }
    }

    // MARK: UTF-8

    /// Whether UTF-8 text may be checked where it lies instead of converted
    /// (`acceptUTF8InPlace`, after `takeUTF8ByteOrderMark` at the start): no byte held.
    public var passesUTF8InPlace: Bool { encoding == .utf8 && carryCount == 0 && bomHeldCount == 0 }

    /// UTF-8 whose BOM stage has not run yet (`takeUTF8ByteOrderMark`).
    public var atUTF8Start: Bool { encoding == .utf8 && atStart }

    /// For `passesUTF8InPlace` at the very start of the text: the BOM stage over the first
    /// `n` bytes at `p`, where they lie. Returns 3 when they start with the BOM (to be
    /// dropped), 0 when they do not; nil when they are all (fewer than 3) the BOM's first
    /// bytes, which only more text can decide: then nothing changed, and they go through
    /// `transcode`. After it, `atUTF8Start` is false.
    public mutating func takeUTF8ByteOrderMark(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
        precondition(atUTF8Start && passesUTF8InPlace, "TextTranscoder: takeUTF8ByteOrderMark past the start")
        let bom = encoding.byteOrderMark
        var k = 0
        while k < min(n, bom.count) && p[k] == bom[k] { k += 1 }
        if k == n && n < bom.count { return nil }
        atStart = false
        return k == bom.count ? k : 0
    }

    /// For `passesUTF8InPlace`: checks `n` bytes of UTF-8 at `p`, which are their own
    /// conversion when valid. Returns how many bytes from the start are valid and whole:
    /// all `n`; or all but a sequence cut by the end (at most 3 bytes), which is taken
    /// into the carry as `transcode` would take it; or, with `invalid`, those before the
    /// first byte that starts no valid sequence (the rest is left to `transcode`).
    public mutating func acceptUTF8InPlace(_ p: UnsafePointer<UInt8>, _ n: Int) -> (valid: Int, invalid: Bool) {
        precondition(passesUTF8InPlace && !atStart, "TextTranscoder: acceptUTF8InPlace without passesUTF8InPlace")
        let valid = UTF8Scan.validPrefix(p, n)
        if valid == n { return (n, false) }
        if UTF8Scan.sequenceLength(p + valid, n - valid) < 0 { return (valid, true) }
        holdCut(p + valid, n - valid)
        return (valid, false)
    }

    /// Holds the `count` (at most 3) bytes of a sequence cut by the chunk's end.
    private mutating func holdCut(_ p: UnsafePointer<UInt8>, _ count: Int) {
        withUnsafeMutableBytes(of: &carry) { c in
            for k in 0..<count { c[k] = p[k] }
        }
        carryCount = count
    }

    private mutating func utf8(_ src: UnsafePointer<UInt8>, _ n: Int, isFinal: Bool,
                               _ out: UnsafeMutablePointer<UInt8>) -> Int {
        Windows1252.high.withUnsafeBufferPointer { high in
            var o = 0
            var i = 0
            // Finish the sequence carried from the previous chunk.
            while carryCount > 0 {
                var tmp = carry
                let take = min(4 - carryCount, n - i)
                let have = carryCount + take
                let r = withUnsafeMutableBytes(of: &tmp) { t -> Int in
                    for k in 0..<take { t[carryCount + k] = src[i + k] }
                    return UTF8Scan.sequenceLength(t.baseAddress!.assumingMemoryBound(to: UInt8.self), have)
                }
                if r > 0 {
                    withUnsafeBytes(of: &tmp) { t in
                        for k in 0..<r { out[o + k] = t[k] }
                    }
                    o += r
                    i += r - carryCount
                    carryCount = 0
                } else if r == 0 && !isFinal {
                    // Still incomplete; all of this input joined the carry.
                    carry = tmp
                    carryCount = have
                    return o
                } else {
                    // The carried lead byte starts no valid sequence: decode it
                    // as Windows-1252 and retry from the next carried byte.
                    o += UTF8Scan.write(Windows1252.scalar(carry.0, high), to: out + o)
                    substitutions += 1
                    carry = (carry.1, carry.2, carry.3, 0)
                    carryCount -= 1
                }
            }
            var runStart = i
            while i < n {
                i += UTF8Scan.validPrefix(src + i, n - i)
                if i >= n { break }
                // Copy the valid run before this byte in one go.
                (out + o).update(from: src + runStart, count: i - runStart)
                o += i - runStart
                if UTF8Scan.sequenceLength(src + i, n - i) == 0 && !isFinal {
                    // Cut by the chunk end (so at most 3 bytes): carry it over.
                    holdCut(src + i, n - i)
                    return o
                }
                o += UTF8Scan.write(Windows1252.scalar(src[i], high), to: out + o)
                substitutions += 1
                i += 1
                runStart = i
            }
            (out + o).update(from: src + runStart, count: n - runStart)
            return o + (n - runStart)
        }
    }

    // MARK: UTF-16

    private mutating func utf16(_ src: UnsafePointer<UInt8>, _ n: Int, bigEndian: Bool,
                                isFinal: Bool, _ out: UnsafeMutablePointer<UInt8>) -> Int {
        var o = 0
        var i = 0
        if hasOddByte && n > 0 {
            let unit = bigEndian ? UInt16(oddByte) << 8 | UInt16(src[0])
                                 : UInt16(src[0]) << 8 | UInt16(oddByte)
            hasOddByte = false
            i = 1
            o += utf16Unit(unit, out + o)
        }
        if bigEndian {
            while i + 1 < n {
                let unit = UInt16(src[i]) << 8 | UInt16(src[i + 1])
                i += 2
                if unit < 0x80 && pendingHigh == 0 { out[o] = UInt8(unit); o += 1; continue }
                o += utf16Unit(unit, out + o)
            }
        } else {
            while i + 1 < n {
                let unit = UInt16(src[i + 1]) << 8 | UInt16(src[i])
                i += 2
                if unit < 0x80 && pendingHigh == 0 { out[o] = UInt8(unit); o += 1; continue }
                o += utf16Unit(unit, out + o)
            }
        }
        if i < n {
            oddByte = src[i]
            hasOddByte = true
        }
        if isFinal {
            if pendingHigh != 0 {
                pendingHigh = 0
                o += UTF8Scan.write(0xFFFD, to: out + o)
                substitutions += 1
            }
            if hasOddByte {
                hasOddByte = false
                o += UTF8Scan.write(0xFFFD, to: out + o)
                substitutions += 1
            }
        }
        return o
    }

    @inline(__always)
    private mutating func utf16Unit(_ unit: UInt16, _ out: UnsafeMutablePointer<UInt8>) -> Int {
        var o = 0
        if pendingHigh != 0 {
            if unit >= 0xDC00 && unit <= 0xDFFF {
                let scalar = 0x10000 + (UInt32(pendingHigh - 0xD800) << 10) + UInt32(unit - 0xDC00)
                pendingHigh = 0
                return UTF8Scan.write(scalar, to: out)
            }
            pendingHigh = 0
            o += UTF8Scan.write(0xFFFD, to: out)
            substitutions += 1
        }
        switch unit {
        case 0xD800...0xDBFF:
            pendingHigh = unit
        case 0xDC00...0xDFFF:
            o += UTF8Scan.write(0xFFFD, to: out + o)
            substitutions += 1
        default:
            o += UTF8Scan.write(UInt32(unit), to: out + o)
        }
        return o
    }

    // MARK: Windows-1252

    private func windows1252(_ src: UnsafePointer<UInt8>, _ n: Int,
                             _ out: UnsafeMutablePointer<UInt8>) -> Int {
        Windows1252.high.withUnsafeBufferPointer { high in
            var o = 0
            var i = 0
            var runStart = 0
            while i < n {
                while i + 8 <= n {
                    let word = UnsafeRawPointer(src + i).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 != 0 { break }
                    i += 8
                }
                while i < n && src[i] < 0x80 { i += 1 }
                if i >= n { break }
                (out + o).update(from: src + runStart, count: i - runStart)
                o += i - runStart
                o += UTF8Scan.write(Windows1252.scalar(src[i], high), to: out + o)
                i += 1
                runStart = i
            }
            (out + o).update(from: src + runStart, count: n - runStart)
            return o + (n - runStart)
        }
    }
}
