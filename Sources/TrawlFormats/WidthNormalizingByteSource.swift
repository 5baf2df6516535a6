// WidthNormalizingByteSource: maps full-width forms in decoded UTF-8 text to their ASCII
// forms before detection, so Japanese text that writes ＴＥＬ０３－１２３４－５６７８ or
// １２３４　５６７８　９０１８ (full-width digits, letters, hyphen and the ideographic space,
// as Japanese input methods produce them) is matched by the same detector patterns as
// ASCII text.
//
// Mapped (Unicode Halfwidth and Fullwidth Forms block, U+FF01-FF5E = ASCII + 0xFEE0):
// digits U+FF10-FF19, letters U+FF21-FF3A and U+FF41-FF5A, U+FF0D hyphen-minus,
// U+FF0B plus, U+FF08/FF09 parentheses, U+FF0E full stop, U+FF20 at sign; and U+3000
// ideographic space to a space. Deliberately not mapped: the full-width comma, quotes,
// colon, semicolon and brackets, which would change the structure of CSV, TSV or JSON
// the text is parsed as.
//
// One character in, one character out: a 3-byte UTF-8 sequence becomes one ASCII byte,
// so line numbers and character columns still point at the original characters; byte
// offsets into the decoded text shrink by two per mapped character, which `offsetMap`
// (WidthOffsetMap.swift) gives back. A sequence split
// across two upstream reads is carried over to the next read. The output is never
// longer than the input, so the work is done in place in the caller's buffer (callers
// with buffers under 3 bytes are served from a small internal buffer). Hand-written:
// ICU's NFKC would also fold the characters above, but it maps far more (ligatures,
// the full-width comma and colon, half-width katakana, compatibility ideographs) and
// does not keep one character per character.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct WidthNormalizingByteSource<Upstream: ByteSource>: ByteSource {
    public private(set) var upstream: Upstream
    /// Where characters were mapped, to turn offsets back into decoded-text offsets.
    public let offsetMap = WidthOffsetMap()
    /// Full-width characters mapped so far.
    public var mappedCount: Int { offsetMap.mappedCount }
    /// Bytes produced so far (normalised offset of the next byte).
    private var produced = 0
    /// The start of a mapped sequence the last upstream read ended in (0-2 bytes).
    private var carry: (UInt8, UInt8) = (0, 0)
    private var carryCount = 0
    private var ended = false
    /// For callers whose buffers are smaller than one sequence.
    private var small: [UInt8] = []
    private var smallStart = 0
    private var smallEnd = 0

    public init(upstream: Upstream) {
        self.upstream = upstream
    }

    /// The ASCII byte the 3-byte sequence `b0 b1 b2` maps to, or nil.
    @inline(__always)
    public static func mapped(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8) -> UInt8? {
        if b0 == 0xEF {
            if b1 == 0xBC {
                // U+FF00-FF3F: EF BC 80-BF.
                switch b2 {
                case 0x90...0x99, 0xA1...0xBA, 0x8D, 0x8B, 0x88, 0x89, 0x8E, 0xA0:
                    return b2 &- 0x60     // U+FF01 + n -> 0x21 + n, n = b2 - 0x81
                default: return nil
                }
            }
            if b1 == 0xBD, b2 >= 0x81, b2 <= 0x9A {
                return b2 &- 0x20         // U+FF41-FF5A (EF BD 81-9A) -> 0x61-0x7A
            }
            return nil
        }
        if b0 == 0xE3, b1 == 0x80, b2 == 0x80 { return 0x20 }   // U+3000
        return nil
    }

    /// Whether `bytes` (UTF-8) hold a character this source maps.
    public static func containsMappedCharacter(_ bytes: [UInt8]) -> Bool {
        var i = 0
        let n = bytes.count
        while i + 2 < n {
            let b = bytes[i]
            if (b == 0xEF || b == 0xE3), mapped(b, bytes[i + 1], bytes[i + 2]) != nil { return true }
            i += 1
        }
        return false
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard buffer.count > 0 else { return 0 }
        if buffer.count < 3 {
            if smallStart == smallEnd {
                if small.isEmpty { small = [UInt8](repeating: 0, count: 4096) }
                smallStart = 0
                var staging = small
                small = []
                defer { small = staging }
                smallEnd = try staging.withUnsafeMutableBytes { try readInPlace(into: $0) }
                if smallEnd == 0 { return 0 }
            }
            let n = min(buffer.count, smallEnd - smallStart)
            small.withUnsafeBytes { src in
                buffer.baseAddress!.copyMemory(from: src.baseAddress! + smallStart, byteCount: n)
            }
            smallStart += n
            return n
        }
        if smallStart < smallEnd {
            let n = min(buffer.count, smallEnd - smallStart)
            small.withUnsafeBytes { src in
                buffer.baseAddress!.copyMemory(from: src.baseAddress! + smallStart, byteCount: n)
            }
            smallStart += n
            return n
        }
        return try readInPlace(into: buffer)
    }

    /// Reads into `buffer` (at least 3 bytes) and maps in place; 0 only at the end.
    private mutating func readInPlace(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            if ended && carryCount == 0 { return 0 }
            let c = carryCount
            if c > 0 { buffer[0] = carry.0 }
            if c > 1 { buffer[1] = carry.1 }
            carryCount = 0
            var n = 0
            if !ended {
                n = try upstream.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[c...]))
                if n == 0 { ended = true }
            }
            let total = c + n
            guard let base = buffer.baseAddress else { return 0 }
            var i = 0
            var o = 0
            // Only 0xEF and 0xE3 can start a mapped sequence: memchr finds the next of each
            // (kept until passed), and the bytes between are moved in one piece, or not
            // at all while nothing has been mapped yet (plain text costs two memchr).
            var nextEF = -1, nextE3 = -1
            func next(_ byte: UInt8, _ cached: inout Int, from: Int) -> Int {
                if cached >= from { return cached }
                if let hit = memchr(base + from, Int32(byte), total - from) {
                    cached = base.distance(to: UnsafeMutableRawPointer(hit))
                } else {
                    cached = total
                }
                return cached
            }
            while i < total {
                let lead = min(next(0xEF, &nextEF, from: i), next(0xE3, &nextE3, from: i))
                if lead > i {
                    if o != i { (base + o).copyMemory(from: base + i, byteCount: lead - i) }
                    o += lead - i
                    i = lead
                    if i >= total { break }
                }
                let b = buffer[i]
                if i + 2 < total {
                    if let a = Self.mapped(b, buffer[i + 1], buffer[i + 2]) {
                        buffer[o] = a
                        offsetMap.noteMapped(at: produced + o)
                        o += 1
                        i += 3
                        continue
                    }
                } else if !ended {
                    // A sequence cut by the read: finish it on the next one.
                    carryCount = total - i
                    carry.0 = buffer[i]
                    if carryCount > 1 { carry.1 = buffer[i + 1] }
                    break
                }
                buffer[o] = b
                o += 1
                i += 1
            }
            if o > 0 {
                produced += o
                return o
            }
        }
    }
}

/// `bytes` (UTF-8) with their full-width forms mapped by WidthNormalizingByteSource, for
/// values decoded whole (spreadsheet cells, Avro strings); nil when there is nothing to
/// map. The output is never longer than the input.
public func fullWidthNormalized(_ bytes: [UInt8]) -> [UInt8]? {
    guard WidthNormalizingByteSource<MemoryByteSource>.containsMappedCharacter(bytes) else { return nil }
    var source = WidthNormalizingByteSource(upstream: MemoryByteSource(bytes))
    var out = [UInt8](repeating: 0, count: max(bytes.count, 3))
    var filled = 0
    // A memory source never throws.
    while let n = try? out.withUnsafeMutableBytes({ try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...])) }),
          n > 0 {
        filled += n
    }
    out.removeSubrange(filled...)
    return out
}

/// A string's full-width forms mapped (see above); the string itself when it has none.
public func fullWidthNormalized(_ text: String) -> String {
    fullWidthNormalized(Array(text.utf8)).map { String(decoding: $0, as: UTF8.self) } ?? text
}
