// Keyword proximity as Macie applies it to managed identifiers: a keyword counts when
// the gap between it and the value, before or after the value, is at most N characters
// (characters, not bytes: UTF-8 continuation bytes are not counted). Keywords match
// case-insensitively (ASCII case folding) and as whole words: a keyword that starts or
// ends with a letter or digit must not continue a longer word ("sin" in "using").

public struct KeywordMatcher: Sendable {
    /// Lower-cased keyword bytes.
    let keywords: [[UInt8]]
    /// For each first byte (lower-cased), the indices of keywords starting with it.
    let byFirstByte: [[Int32]]
    let maxKeywordLength: Int
    /// One bit per (lower-cased first byte, lower-cased second byte) pair that starts a
    /// keyword: rejects almost every position with one load, before any comparison.
    let pairFilter: [UInt64]

    public var isEmpty: Bool { keywords.isEmpty }

    /// The bytes a keyword can start with, and the bytes that can follow its first one
    /// (both cases of a letter): the classes the engine builds masks of to find keyword
    /// candidates without a byte-by-byte loop.
    var firstByteRanges: [(UInt8, UInt8)] { Self.caseless(keywords.map { $0[0] }) }
    var secondByteRanges: [(UInt8, UInt8)] {
        if keywords.contains(where: { $0.count == 1 }) { return [(0, 255)] }
        return Self.caseless(keywords.map { $0[1] })
    }

    private static func caseless(_ bytes: [UInt8]) -> [(UInt8, UInt8)] {
        var set = Set<UInt8>()
        for b in bytes {
            set.insert(b)
            if b >= 97 && b <= 122 { set.insert(b - 32) }
        }
        return set.sorted().map { ($0, $0) }
    }

    /// Calls `body(start, end)` for every whole-word keyword occurrence in `s`, in order,
    /// visiting only positions whose byte is in `first` and whose next byte is in `second`.
    func forEachOccurrence(in s: UnsafeRawBufferPointer, first: ByteClassMask, second: ByteClassMask,
                           _ body: (Int, Int) -> Void) {
        let wordCount = (s.count + 63) / 64
        var w = 0
        while w < wordCount {
            let next: UInt64 = w + 1 < wordCount ? second.words[w + 1] << 63 : 0
            var candidates = first.words[w] & ((second.words[w] >> 1) | next)
            while candidates != 0 {
                let p = w << 6 + candidates.trailingZeroBitCount
                candidates &= candidates - 1
                if let end = keywordEnding(startingAt: p, in: s, limit: s.count) { body(p, end) }
            }
            w += 1
        }
    }

    public init(_ words: [String]) {
        let lowered = words.map { Array($0.utf8).map(ASCII.lower) }.filter { !$0.isEmpty }
        keywords = lowered
        var table = [[Int32]](repeating: [], count: 256)
        for (i, k) in lowered.enumerated() { table[Int(k[0])].append(Int32(i)) }
        byFirstByte = table
        maxKeywordLength = lowered.map(\.count).max() ?? 0
        var pairs = [UInt64](repeating: 0, count: 65536 / 64)
        for k in lowered {
            let seconds: [UInt8] = k.count > 1 ? [k[1]] : Array(0...255)
            for second in seconds {
                // The subject byte is lower-cased before the lookup, so index by lower-case.
                let pair = Int(k[0]) << 8 | Int(ASCII.lower(second))
                pairs[pair >> 6] |= 1 << UInt64(pair & 63)
            }
        }
        pairFilter = pairs
    }

    /// Whether a keyword lies within `maxChars` characters of `subject[valueStart..<valueEnd]`.
    public func hasKeyword(in subject: UnsafeRawBufferPointer, valueStart: Int, valueEnd: Int,
                           maxChars: Int) -> Bool {
        if keywords.isEmpty { return false }
        // A character is at most 4 UTF-8 bytes.
        let reach = maxChars * 4 + maxKeywordLength
        // Before the value: keyword ends at or before valueStart.
        let lo = max(0, valueStart - reach)
        var p = valueStart - 1
        while p >= lo {
            if let end = keywordEnding(startingAt: p, in: subject, limit: valueStart),
               UTF8Count.characters(subject, end, valueStart) <= maxChars {
                return true
            }
            p -= 1
        }
        // After the value: keyword starts at or after valueEnd.
        let hi = min(subject.count, valueEnd + maxChars * 4 + 1)
        p = valueEnd
        while p < hi {
            if keywordEnding(startingAt: p, in: subject, limit: subject.count) != nil {
                if UTF8Count.characters(subject, valueEnd, p) <= maxChars { return true }
                return false
            }
            p += 1
        }
        return false
    }

    /// If a whole-word keyword starts at `p` and ends at or before `limit`, its end.
    @inline(__always)
    func keywordEnding(startingAt p: Int, in s: UnsafeRawBufferPointer, limit: Int) -> Int? {
        let next = p + 1 < s.count ? ASCII.lower(s[p + 1]) : 0
        let pair = Int(ASCII.lower(s[p])) << 8 | Int(next)
        if pairFilter.withUnsafeBufferPointer({ $0[pair >> 6] & (1 << UInt64(pair & 63)) }) == 0 { return nil }
        let candidates = byFirstByte[Int(ASCII.lower(s[p]))]
        if candidates.isEmpty { return nil }
        for i in candidates {
            let k = keywords[Int(i)]
            let end = p + k.count
            if end > limit { continue }
            var j = 1
            while j < k.count && ASCII.lower(s[p + j]) == k[j] { j += 1 }
            if j < k.count { continue }
            if ASCII.isAlnum(k[0]) && p > 0 && ASCII.isAlnum(s[p - 1]) { continue }
            if ASCII.isAlnum(k[k.count - 1]) && end < s.count && ASCII.isAlnum(s[end]) { continue }
            return end
        }
        return nil
    }
}

enum ASCII {
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { (b >= 65 && b <= 90) ? b | 0x20 : b }
    @inline(__always) static func upper(_ b: UInt8) -> UInt8 { (b >= 97 && b <= 122) ? b & ~0x20 : b }
    @inline(__always) static func isAlnum(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122)
    }
}

public enum UTF8Count {
    /// Characters (code points) in `s[from..<to]`: bytes that are not continuation bytes.
    @inline(__always)
    public static func characters(_ s: UnsafeRawBufferPointer, _ from: Int, _ to: Int) -> Int {
        var n = 0
        var i = from
        while i < to {
            if s[i] & 0xC0 != 0x80 { n += 1 }
            i += 1
        }
        return n
    }
}
