// Keyword proximity as Macie applies it to managed identifiers: a keyword counts when
// the gap between it and the value, before or after the value, is at most N characters
// (characters, not bytes: UTF-8 continuation bytes are not counted). Keywords match
// case-insensitively and as whole words (KeywordFolding.swift): "NÚMERO" finds
// "número", "sin" is not found in "using".

public struct KeywordMatcher: Sendable {
    /// Lower-cased keyword bytes, one keyword after another: keyword i is
    /// keywordBytes[keywordStarts[i] ..< keywordStarts[i + 1]]. Flat arrays, so a lookup
    /// reads them without retaining an inner array per candidate (as [[UInt8]] did: two
    /// retains and releases per position the pair filter let through).
    let keywordBytes: [UInt8]
    let keywordStarts: [Int32]
    /// For each first byte b (lower-cased), the indices of keywords starting with it:
    /// candidates[candidateStarts[b] ..< candidateStarts[b + 1]].
    let candidates: [Int32]
    let candidateStarts: [Int32]
    let maxKeywordLength: Int
    /// One bit per (lower-cased first byte, lower-cased second byte) pair that starts a
    /// keyword: rejects almost every position with one load, before any comparison.
    let pairFilter: [UInt64]

    public var isEmpty: Bool { keywordStarts.count <= 1 }

    public init(_ words: [String]) {
        let lowered = words.map(KeywordFolding.lowered).filter { !$0.isEmpty }
        var bytes: [UInt8] = [], starts: [Int32] = [0]
        bytes.reserveCapacity(lowered.reduce(0) { $0 + $1.count })
        starts.reserveCapacity(lowered.count + 1)
        for k in lowered {
            bytes.append(contentsOf: k)
            starts.append(Int32(bytes.count))
        }
        keywordBytes = bytes
        keywordStarts = starts
        // Keywords by first byte, in keyword order within a byte: counted, then placed (an
        // array per byte was 256 arrays per detector to allocate and release at start-up).
        let firsts = lowered.map { KeywordFolding.firstBytes(of: $0) }
        var firstStarts = [Int32](repeating: 0, count: 257)
        for bytes in firsts { for b in bytes { firstStarts[Int(ASCII.lower(b)) + 1] += 1 } }
        for b in 0..<256 { firstStarts[b + 1] += firstStarts[b] }
        var list = [Int32](repeating: 0, count: Int(firstStarts[256]))
        var next = firstStarts
        for (i, bytes) in firsts.enumerated() {
            for b in bytes {
                let at = Int(ASCII.lower(b))
                list[Int(next[at])] = Int32(i)
                next[at] += 1
            }
        }
        candidates = list
        candidateStarts = firstStarts
        maxKeywordLength = lowered.reduce(0) { max($0, $1.count) }
        var pairs = [UInt64](repeating: 0, count: 65536 / 64)
        for k in lowered {
            for (first, second) in KeywordFolding.leadingBytePairs(of: k) {
                // The subject bytes are lower-cased (ASCII) before the lookup.
                let pair = Int(ASCII.lower(first)) << 8 | Int(ASCII.lower(second))
                pairs[pair >> 6] |= 1 << UInt64(pair & 63)
            }
        }
        pairFilter = pairs
    }

    /// Whether a keyword lies within `maxChars` characters of `subject[valueStart..<valueEnd]`.
    public func hasKeyword(in subject: UnsafeRawBufferPointer, valueStart: Int, valueEnd: Int,
                           maxChars: Int) -> Bool {
        if isEmpty { return false }
        // Before the value: keyword ends at or before valueStart.
        if keywordBefore(in: subject, valueStart: valueStart, measuredTo: valueStart, maxChars: maxChars) { return true }
        // After the value: keyword starts at or after valueEnd.
        let hi = min(subject.count, valueEnd + maxChars * 4 + 1)
        var p = valueEnd
        while p < hi {
            if keywordEnding(startingAt: p, in: subject, limit: subject.count) != nil {
                if UTF8Count.characters(subject, valueEnd, p) <= maxChars { return true }
                return false
            }
            p += 1
        }
        return false
    }

    /// Macie's rule for custom data identifiers: a keyword precedes the value, and at most
    /// `maxChars` characters lie between the keyword's end and the value's end.
    public func hasKeywordBefore(in subject: UnsafeRawBufferPointer, valueStart: Int, valueEnd: Int,
                                 maxChars: Int) -> Bool {
        if isEmpty { return false }
        return keywordBefore(in: subject, valueStart: valueStart, measuredTo: valueEnd, maxChars: maxChars)
    }

    /// Whether a keyword ends at or before `valueStart` with at most `maxChars` characters
    /// from its end to `measuredTo` (the value's start for managed identifiers, its end
    /// for custom ones).
    private func keywordBefore(in subject: UnsafeRawBufferPointer, valueStart: Int, measuredTo: Int,
                               maxChars: Int) -> Bool {
        // A character is at most 4 UTF-8 bytes.
        let lo = max(0, measuredTo - maxChars * 4 - maxKeywordLength)
        var p = valueStart - 1
        while p >= lo {
            if let end = keywordEnding(startingAt: p, in: subject, limit: valueStart),
               UTF8Count.characters(subject, end, measuredTo) <= maxChars {
                return true
            }
            p -= 1
        }
        return false
    }

    /// If a whole-word keyword starts at `p` and ends at or before `limit`, the end of the
    /// longest such keyword.
    @inline(__always)
    func keywordEnding(startingAt p: Int, in s: UnsafeRawBufferPointer, limit: Int) -> Int? {
        // A keyword that matches at an ASCII letter or digit starts with one, so starts a
        // word: none does right after a letter or digit. This is wholeWordEnd's test for
        // ASCII bytes only, made first (its full test, wordCharacterEnds, cost 4M
        // instructions more here). Most bytes around a value are inside a word, and this
        // spares them the pair filter and the candidates' loop: the keyword checks of one
        // JSON Lines file's matches went from 18.6M to 15.1M instructions (callgrind).
        if p > 0 && ASCII.isAlnum(s[p]) && ASCII.isAlnum(s[p - 1]) { return nil }
        let next = p + 1 < s.count ? ASCII.lower(s[p + 1]) : 0
        let pair = Int(ASCII.lower(s[p])) << 8 | Int(next)
        if pairFilter.withUnsafeBufferPointer({ $0[pair >> 6] & (1 << UInt64(pair & 63)) }) == 0 { return nil }
        let first = Int(ASCII.lower(s[p]))
        let from = Int(candidateStarts[first]), to = Int(candidateStarts[first + 1])
        if from == to { return nil }
        // The longest keyword starting here: its end is the one nearest a value after it
        // ("fuhrerschein republik osterreich", not "fuhrerschein").
        var best: Int?
        keywordBytes.withUnsafeBufferPointer { bytes in
            for c in from..<to {
                let i = Int(candidates[c])
                let keyword = UnsafeBufferPointer(rebasing: bytes[Int(keywordStarts[i])..<Int(keywordStarts[i + 1])])
                if let end = KeywordFolding.wholeWordEnd(of: keyword, at: p, in: s, limit: limit), end > (best ?? -1) {
                    best = end
                }
            }
        }
        return best
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
    /// Eight bytes at a time (a continuation byte has bit 7 set and bit 6 clear): a match's
    /// column counts from its line's start, and that byte loop was 2.8% of a scan of prose.
    @inline(__always)
    public static func characters(_ s: UnsafeRawBufferPointer, _ from: Int, _ to: Int) -> Int {
        var n = 0
        var i = from
        while i + 8 <= to {
            let x = s.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            n &+= 8 &- (x & ~(x << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
            i &+= 8
        }
        while i < to {
            if s[i] & 0xC0 != 0x80 { n += 1 }
            i += 1
        }
        return n
    }
}
