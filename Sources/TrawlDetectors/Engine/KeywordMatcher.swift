// Keyword proximity as Macie applies it to managed identifiers: a keyword counts when
// the gap between it and the value, before or after the value, is at most N characters
// (characters, not bytes: UTF-8 continuation bytes are not counted). Keywords match
// case-insensitively (ASCII letters and the Latin-1 letters À-Þ, so "NÚMERO" finds
// "número") and as whole words: a keyword that starts or ends with a letter or digit
// must not continue a longer word ("sin" in "using").

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

    public init(_ words: [String]) {
        let lowered = words.map(KeywordFolding.lowered).filter { !$0.isEmpty }
        keywords = lowered
        var table = [[Int32]](repeating: [], count: 256)
        for (i, k) in lowered.enumerated() { table[Int(k[0])].append(Int32(i)) }
        byFirstByte = table
        maxKeywordLength = lowered.map(\.count).max() ?? 0
        var pairs = [UInt64](repeating: 0, count: 65536 / 64)
        for k in lowered {
            var seconds: [UInt8] = k.count > 1 ? [k[1]] : Array(0...255)
            // A Latin-1 letter's second byte: its capital's too.
            if k.count > 1 && k[0] == 0xC3 && KeywordFolding.isLatin1Lower(k[1]) { seconds.append(k[1] - 0x20) }
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

    /// If a whole-word keyword starts at `p` and ends at or before `limit`, the end of the
    /// longest such keyword.
    @inline(__always)
    func keywordEnding(startingAt p: Int, in s: UnsafeRawBufferPointer, limit: Int) -> Int? {
        let next = p + 1 < s.count ? ASCII.lower(s[p + 1]) : 0
        let pair = Int(ASCII.lower(s[p])) << 8 | Int(next)
        if pairFilter.withUnsafeBufferPointer({ $0[pair >> 6] & (1 << UInt64(pair & 63)) }) == 0 { return nil }
        let candidates = byFirstByte[Int(ASCII.lower(s[p]))]
        if candidates.isEmpty { return nil }
        // The longest keyword starting here: its end is the one nearest a value after it
        // ("fuhrerschein republik osterreich", not "fuhrerschein").
        var best: Int?
        for i in candidates {
            if let end = KeywordFolding.wholeWordEnd(of: keywords[Int(i)], at: p, in: s, limit: limit), end > (best ?? -1) {
                best = end
            }
        }
        return best
    }
}

/// Case folding and the whole-word rule, shared by KeywordMatcher and KeywordIndex.
enum KeywordFolding {
    /// A keyword's bytes, lower-cased: ASCII letters, and the Latin-1 capitals
    /// U+00C0-U+00DE (UTF-8 C3 80-9E) except U+00D7 (the multiplication sign).
    static func lowered(_ word: String) -> [UInt8] {
        var bytes = Array(word.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0xC3, i + 1 < bytes.count, isLatin1Upper(bytes[i + 1]) {
                bytes[i + 1] += 0x20
                i += 2
            } else {
                bytes[i] = ASCII.lower(bytes[i])
                i += 1
            }
        }
        return bytes
    }

    @inline(__always) static func isLatin1Upper(_ b: UInt8) -> Bool { b >= 0x80 && b <= 0x9E && b != 0x97 }
    @inline(__always) static func isLatin1Lower(_ b: UInt8) -> Bool { b >= 0xA0 && b <= 0xBE && b != 0xB7 }

    /// Whether text byte `t` equals keyword byte `k` (lower case) once folded; `previous`
    /// is the keyword byte before `k` (a Latin-1 letter's second byte follows C3).
    @inline(__always)
    static func equal(_ t: UInt8, _ k: UInt8, previous: UInt8) -> Bool {
        if previous == 0xC3 && isLatin1Upper(t) { return t | 0x20 == k }
        return ASCII.lower(t) == k
    }

    /// The end of keyword `k` (lower-cased) when it occurs at `p` as a whole word and ends
    /// at or before `limit`; nil otherwise.
    @inline(__always)
    static func wholeWordEnd(of k: [UInt8], at p: Int, in s: UnsafeRawBufferPointer, limit: Int) -> Int? {
        let end = p + k.count
        if end > limit { return nil }
        return k.withUnsafeBufferPointer { k -> Int? in
            if ASCII.lower(s[p]) != k[0] { return nil }
            var j = 1
            while j < k.count && equal(s[p + j], k[j], previous: k[j - 1]) { j += 1 }
            if j < k.count { return nil }
            if ASCII.isAlnum(k[0]) && p > 0 && ASCII.isAlnum(s[p - 1]) { return nil }
            if ASCII.isAlnum(k[k.count - 1]) && end < s.count && ASCII.isAlnum(s[end]) { return nil }
            return end
        }
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
