// One pass that finds the keywords of every keyword-gated detector at once.
//
// With a catalogue of hundreds of identifiers most of them need a keyword (Macie's
// rule), and such a detector can only report a value near one of its keywords. Finding
// each detector's keywords on its own would cost one pass per detector; this index
// finds all of them in one pass per buffer and hands each detector the regions near
// its own keywords.
//
// Keywords starting with an ASCII letter or digit can only begin a word (the whole-word
// rule), so only word starts are looked at: the bits of an alphanumeric byte mask whose
// previous byte is not alphanumeric. A word start is rejected by a few bit tests in
// most cases: filters of the keywords' first four bytes, of the first three of
// three-letter keywords, of the first two of shorter ones, tested on the text's bytes
// ORed with 0x20 (which folds ASCII case in one step; only a keyword's leading ASCII
// bytes take part, since other bytes' cases differ by more than that bit). '_' and '-'
// read as spaces (KeywordFolding's word separators), so the filters hold each keyword
// with its spaces also written as those. That scan is C (trawl_keyword_candidates):
// in Swift it cost about 110 instructions per word start of prose, in C about 60
// (callgrind). With AVX-512 VBMI a vector filter of the first four bytes' codes
// (KeywordPairFilter) goes first, 64 positions at a time, and leaves the filters about
// one word start in five on logs and CSV (18% and 24% in a simulation over the
// benchmark's text). The few candidates left are looked up here: the word's first 8
// bytes (for keywords with 8 leading ASCII bytes) or first 1-4 bytes, folded, key an
// open-addressing table that lists the keywords to compare in full (KeywordFolding).
// The few keywords starting otherwise (a '#', an accented, Greek or Cyrillic letter)
// are found from a mask of their possible first bytes. On a buffer with few digits the
// scan takes only the word starts within reach of a run some owner could use
// (KeywordZones.swift): on prose that skips four word starts in five.

import CTrawlKernels

/// The word-start filters of a set of keywords (see the header): filled at init, then
/// only read by the C scan.
final class KeywordFilters {
    /// One bit per hashed folded first four bytes of the keywords with at least four
    /// leading ASCII bytes, and one per first three bytes of those with exactly three, in
    /// one 16 KiB filter: with the pair filter it stays in L1 (two 32 KiB filters
    /// missed it at every word start, a third of the pass's time).
    let gram: UnsafeMutableBufferPointer<UInt64>
    /// One bit per folded (first, second) byte pair of the others (shorter, or with a
    /// non-ASCII second character: the lead byte of each of its cases).
    let pairs: UnsafeMutableBufferPointer<UInt64>

    /// Bits of the gram filter (16 KiB).
    static let gramBits = 1 << 17

    init() {
        gram = .allocate(capacity: Self.gramBits / 64)
        gram.initialize(repeating: 0)
        pairs = .allocate(capacity: 65536 / 64)
        pairs.initialize(repeating: 0)
    }

    deinit {
        gram.deallocate()
        pairs.deallocate()
    }

    /// Sets keyword `k`'s bits (`leading` ASCII bytes, the first eight of them `folded`).
    func add(_ k: [UInt8], leading: Int, folded: UInt64) {
        if leading >= 3 {
            // The text's bytes are only ORed with 0x20 before this filter, so a separator
            // (a space here) may read as any of ' ', '-' | 0x20, '_' | 0x20.
            let head = leading >= 4 ? UInt32(truncatingIfNeeded: folded) : UInt32(truncatingIfNeeded: folded) & 0xFF_FFFF
            for variant in KeywordIndex.separatorVariants(head, bytes: min(4, leading)) {
                let bit = KeywordIndex.filterHash(variant)
                gram[bit >> 6] |= 1 << UInt64(bit & 63)
            }
        } else {
            // (k0, k1), or for a two-byte second character the lead byte of each of its
            // cases; a one-byte keyword allows any second byte.
            for (first, second) in KeywordFolding.leadingBytePairs(of: k) {
                let pair = Int(first | 0x20) | Int(second | 0x20) << 8
                pairs[pair >> 6] |= 1 << UInt64(pair & 63)
            }
        }
    }
}

// Immutable after init; the raw buffers keep the per-occurrence path free of array
// retains.
public final class KeywordIndex: @unchecked Sendable {
    /// Lower-cased keywords (see KeywordFolding), distinct.
    let keywords: [[UInt8]]
    /// For each keyword, the detectors (indices into DetectorSet.detectors) it gates.
    let owners: [[Int32]]
    /// The keywords, flat: keyword k is keywordBytes[keywordStart[k] ..< keywordStart[k + 1]].
    private let keywordBytes: UnsafeMutableBufferPointer<UInt8>
    private let keywordStart: UnsafeMutableBufferPointer<Int32>
    /// Word-start keywords with at least 8 leading ASCII bytes, by those 8 bytes folded.
    private let longTable: IDListTable
    /// The other word-start keywords, by their first 1-4 leading ASCII bytes folded
    /// (tagged with the length).
    private let shortTable: IDListTable
    /// Bit l (1...4) set when some keyword of `shortTable` has an l-byte key.
    private let shortLengths: Int
    /// The word-start filters of the word-start keywords.
    private let filters = KeywordFilters()
    /// The vector pre-filter of those word starts (KeywordPairFilter.swift).
    private let pairFilter: KeywordPairFilter
    /// The same over the keywords that must be found outside keyword zones too: those of
    /// an owner the zones do not cover (KeywordZones.covers); nil when there are none.
    private let unzonedFilters: KeywordFilters?
    /// The vector pre-filter of those keywords alone, for the word starts outside the
    /// zones (without it one unzoned owner sent every word start there through the
    /// scalar filters); nil when there are none.
    private let unzonedPairFilter: KeywordPairFilter?
    /// Whether a keyword starting otherwise has such an owner (then those are looked for
    /// everywhere).
    private let unzonedOthers: Bool
    /// Keywords that do not start with an ASCII letter or digit, by first byte.
    private let otherByFirstByte: [[Int32]]
    /// The first bytes of those (every case), for a candidate mask; empty when none.
    let otherFirstBytes: [(UInt8, UInt8)]
    /// Whether a keyword starts with a digit; if none does, words starting with a digit
    /// (numbers, most word starts in logs) are skipped.
    let digitStarts: Bool

    public var isEmpty: Bool { keywords.isEmpty }
    /// The longest keyword's length in bytes (an occurrence is as long as its keyword).
    /// (A loop: `keywords.map(\.count).max()` took 0.7M instructions of a start-up.)
    var longestKeyword: Int {
        var longest = 0
        for k in keywords where k.count > longest { longest = k.count }
        return longest
    }

    /// `gates`: for each keyword-gated detector, its index and its keywords;
    /// `unzoned`: the detectors among them whose keywords are found outside keyword zones
    /// too.
    init(gates: [(detector: Int, keywords: [String])], unzoned: Set<Int> = []) {
        var index: [[UInt8]: Int] = [:]
        var words: [[UInt8]] = []
        var owners: [[Int32]] = []
        for (detector, list) in gates {
            for word in list {
                let k = KeywordFolding.lowered(word)
                if k.isEmpty { continue }
                let i: Int
                if let existing = index[k] { i = existing } else {
                    i = words.count
                    index[k] = i
                    words.append(k)
                    owners.append([])
                }
                if !owners[i].contains(Int32(detector)) { owners[i].append(Int32(detector)) }
            }
        }
        keywords = words
        self.owners = owners
        keywordBytes = .allocate(capacity: max(1, words.reduce(0) { $0 + $1.count }))
        keywordStart = .allocate(capacity: words.count + 1)
        var at = 0
        for (i, k) in words.enumerated() {
            keywordStart[i] = Int32(at)
            for b in k { keywordBytes[at] = b; at += 1 }
        }
        keywordStart[words.count] = Int32(at)

        var long: [UInt64: [Int32]] = [:]
        var short: [UInt64: [Int32]] = [:]
        var lengths = 0
        var others = [[Int32]](repeating: [], count: 256)
        var otherFirst = Set<UInt8>()
        let isUnzoned = owners.map { list in list.contains { unzoned.contains(Int($0)) } }
        unzonedFilters = isUnzoned.contains(true) ? KeywordFilters() : nil
        unzonedOthers = words.indices.contains { isUnzoned[$0] && !ASCII.isAlnum(words[$0][0]) }
        // The word-start keywords, and those of them looked for outside zones too, for the
        // vector pre-filters.
        var wordStarts: [[UInt8]] = [], unzonedWordStarts: [[UInt8]] = []
        for (i, k) in words.enumerated() {
            guard ASCII.isAlnum(k[0]) else {
                for first in KeywordFolding.firstBytes(of: k) {
                    others[Int(first)].append(Int32(i))
                    otherFirst.insert(first)
                }
                continue
            }
            let leading = Self.leadingASCII(k)
            let folded = k.withUnsafeBytes { Self.folded($0, 0, min(8, leading)) }
            filters.add(k, leading: leading, folded: folded)
            wordStarts.append(k)
            if isUnzoned[i] {
                unzonedFilters?.add(k, leading: leading, folded: folded)
                unzonedWordStarts.append(k)
            }
            if leading >= 8 {
                long[folded, default: []].append(Int32(i))
            } else {
                let l = min(4, leading)
                lengths |= 1 << l
                short[Self.shortKey(folded & ((1 << UInt64(8 * l)) - 1), l), default: []].append(Int32(i))
            }
        }
        pairFilter = KeywordPairFilter(keywords: wordStarts)
        unzonedPairFilter = unzonedFilters == nil ? nil : KeywordPairFilter(keywords: unzonedWordStarts)
        longTable = IDListTable(long)
        shortTable = IDListTable(short)
        shortLengths = lengths
        digitStarts = words.contains { $0[0] >= 48 && $0[0] <= 57 }
        otherByFirstByte = others
        otherFirstBytes = otherFirst.sorted().map { ($0, $0) }
    }

    deinit {
        keywordBytes.deallocate()
        keywordStart.deallocate()
    }

    /// Keyword `k`'s folded bytes.
    @inline(__always)
    private func keyword(_ k: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: keywordBytes[Int(keywordStart[k])..<Int(keywordStart[k + 1])])
    }

    /// How many bytes at the start of `k` are ASCII.
    private static func leadingASCII(_ k: [UInt8]) -> Int {
        var n = 0
        while n < k.count && k[n] < 0x80 { n += 1 }
        return n
    }

    /// The `l` (at most 8) bytes at `p`, each ORed with 0x20 ('_' and '-' as spaces),
    /// packed little-endian.
    @inline(__always)
    private static func folded(_ s: UnsafeRawBufferPointer, _ p: Int, _ l: Int) -> UInt64 {
        var v: UInt64 = 0
        var j = 0
        while j < l {
            let b = s[p + j]
            v |= UInt64(KeywordFolding.isWordSeparator(b) ? 0x20 : b | 0x20) << UInt64(8 * j)
            j += 1
        }
        return v
    }

    /// Eight bytes with every '_' and '-' replaced by a space (SWAR, exact per byte).
    @inline(__always)
    static func separatorsToSpaces(_ x: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        @inline(__always) func equal(_ c: UInt64) -> UInt64 {
            let t = x ^ (ones &* c)
            return ~(((t & low7) &+ low7) | t) & ~low7        // 0x80 in each byte equal to c
        }
        let hits = equal(0x5F) | equal(0x2D)
        let bytes = (hits >> 7) &* 0xFF
        return (x & ~bytes) | (0x2020_2020_2020_2020 & bytes)
    }

    /// `gram` with each space among its bytes 1..<bytes also as '-' and as '_' ORed with
    /// 0x20 (0x2D, 0x7F): every way the text can write those separators.
    static func separatorVariants(_ gram: UInt32, bytes: Int) -> [UInt32] {
        var out: [UInt32] = [gram]
        for i in 1..<bytes where (gram >> UInt32(8 * i)) & 0xFF == 0x20 {
            let clear = ~(UInt32(0xFF) << UInt32(8 * i))
            out += out.flatMap { v in [0x2D, 0x7F].map { (v & clear) | UInt32($0) << UInt32(8 * i) } }
        }
        return out
    }

    @inline(__always)
    private static func shortKey(_ prefix: UInt64, _ length: Int) -> UInt64 { UInt64(length) << 32 | prefix }

    @inline(__always)
    static func filterHash(_ folded: UInt32) -> Int {
        Int(truncatingIfNeeded: (folded &* 0x9E37_79B1) >> 15)
    }

    /// Calls `body(keyword, start, end)` for every whole-word occurrence of a keyword in
    /// `s`, in order of `start`. `alnum` is the mask of ASCII letters and digits over `s`, `digits` the mask of
    /// digits; `other` the mask of `otherFirstBytes` (unused when that is empty). With a
    /// `zone`, only the occurrences starting at its set bits (KeywordZones), and, outside
    /// it, those of the keywords of owners the zones do not cover (a superset of them).
    /// With a `cache` (a worker's), the lookups at a word start whose answer its first
    /// eight bytes decide are remembered and replayed (KeywordLookupCache).
    func forEachOccurrence(in s: UnsafeRawBufferPointer, alnum: ByteClassMask, digits: ByteClassMask,
                           other: ByteClassMask?, zone: ByteClassMask? = nil, cache: KeywordLookupCache? = nil,
                           _ body: (Int, Int, Int) -> Void) {
        guard !keywords.isEmpty, !s.isEmpty, let base = s.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let n = s.count, wordCount = (n + 63) / 64
        let others = otherFirstBytes.isEmpty ? nil : other
        // (The table, not the cache: no reference is held per word start.)
        let cache = cache?.table
        // Word starts through the filters in C (most are rejected there, a few
        // instructions each), then the few candidates here, in position order.
        let capacity = Self.candidateCapacity
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: capacity) { positions in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { flags in
                var w = 0
                var carry: UInt64 = 0
                while w < wordCount {
                    let found = trawl_keyword_candidates(base, n, alnum.words, digitStarts ? nil : digits.words,
                                                         others?.words, zone?.words, unzonedOthers ? 1 : 0,
                                                         filters.gram.baseAddress, filters.pairs.baseAddress,
                                                         unzonedFilters?.gram.baseAddress, unzonedFilters?.pairs.baseAddress,
                                                         pairFilter.table.baseAddress,
                                                         unzonedPairFilter?.table.baseAddress, &w, &carry, positions.baseAddress,
                                                         flags.baseAddress, capacity)
                    for i in 0..<found {
                        let p = Int(positions[i]), f = flags[i]
                        if f & UInt8(TRAWL_KW_OTHER) != 0 {
                            for k in otherByFirstByte[Int(s[p])] {
                                if let end = KeywordFolding.wholeWordEnd(of: keyword(Int(k)), at: p, in: s, limit: n) {
                                    body(Int(k), p, end)
                                }
                            }
                        } else if let cache, p + 8 <= n, p == 0 || (s[p - 1] < 0x80 && !ASCII.isAlnum(s[p - 1])) {
                            let bytes = s.loadUnaligned(fromByteOffset: p, as: UInt64.self)
                            if cache.replay(bytes, f, at: p, body) { continue }
                            var answer = KeywordLookupCache.Entry.none, reach = 0
                            lookUp(p, Self.separatorsToSpaces(bytes) | 0x2020_2020_2020_2020,
                                   quad: f & UInt8(TRAWL_KW_QUAD) != 0, tri: f & UInt8(TRAWL_KW_TRI) != 0,
                                   short: f & UInt8(TRAWL_KW_SHORT) != 0, s, n, reach: &reach) { k, start, end in
                                answer.add(k, length: end - start)
                                body(k, start, end)
                            }
                            if reach <= 8 && answer.isKept {
                                cache.keep(bytes, f, answer)
                            }
                        } else {
                            // The first eight bytes, folded (zero-padded at the buffer's end).
                            let head = p + 8 <= n
                                ? Self.separatorsToSpaces(s.loadUnaligned(fromByteOffset: p, as: UInt64.self))
                                    | 0x2020_2020_2020_2020
                                : Self.folded(s, p, n - p)
                            var reach = 0
                            lookUp(p, head, quad: f & UInt8(TRAWL_KW_QUAD) != 0,
                                   tri: f & UInt8(TRAWL_KW_TRI) != 0,
                                   short: f & UInt8(TRAWL_KW_SHORT) != 0, s, n, reach: &reach, body)
                        }
                    }
                }
            }
        }
    }

    /// Candidates per call of the C scan (each mask word adds at most 64).
    static let candidateCapacity = 4096

    /// The table lookups for the key lengths the filters let through. `reach`: raised to
    /// how many bytes from `p` the compares may have read (`reach(of:)`).
    @inline(__always)
    private func lookUp(_ p: Int, _ head: UInt64, quad: Bool, tri: Bool, short: Bool, _ s: UnsafeRawBufferPointer,
                        _ n: Int, reach: inout Int, _ body: (Int, Int, Int) -> Void) {
        if quad {
            if p + 8 <= n { visit(longTable.lookup(head), longTable, head, p, s, n, &reach, body) }
            lookupShort(4, head, p, s, n, &reach, body)
        }
        if tri { lookupShort(3, head, p, s, n, &reach, body) }
        if short {
            lookupShort(2, head, p, s, n, &reach, body)
            lookupShort(1, head, p, s, n, &reach, body)
        }
    }

    @inline(__always)
    private func lookupShort(_ l: Int, _ head: UInt64, _ p: Int, _ s: UnsafeRawBufferPointer, _ n: Int,
                             _ reach: inout Int, _ body: (Int, Int, Int) -> Void) {
        guard shortLengths & (1 << l) != 0, p + l <= n else { return }
        visit(shortTable.lookup(Self.shortKey(head & ((1 << UInt64(8 * l)) - 1), l)), shortTable, head, p, s, n, &reach, body)
    }

    @inline(__always)
    private func visit(_ range: Range<Int>, _ table: IDListTable, _ head: UInt64, _ p: Int,
                       _ s: UnsafeRawBufferPointer, _ n: Int, _ reach: inout Int, _ body: (Int, Int, Int) -> Void) {
        for r in range {
            let k = Int(table.list[r])
            let word = keyword(k)
            let end = KeywordFolding.wholeWordEnd(of: word, at: p, in: s, limit: n)
            reach = max(reach, Self.reach(of: word, head: head, matched: end != nil, s, p))
            if let end { body(k, p, end) }
        }
    }

    /// At most how many bytes from `p` comparing `word` there read (KeywordFolding's
    /// `wholeWordEnd`), from `head`, the folded first eight bytes: up to the first ASCII
    /// byte of the word that differs (a head byte differs from an ASCII keyword byte ORed
    /// with 0x20 only where the text's byte does not fold to it), taking each non-ASCII
    /// character of the word as compared (two bytes); and for a match its length and the
    /// character after it (one byte, or two after a lead byte). 9 means past the eight.
    @inline(__always)
    static func reach(of word: UnsafeBufferPointer<UInt8>, head: UInt64, matched: Bool,
                      _ s: UnsafeRawBufferPointer, _ p: Int) -> Int {
        var i = 0
        if !matched {
            while i < word.count && i < 8 {
                let kb = word[i]
                if kb >= 0x80 {
                    i += 2
                    continue
                }
                if UInt8(truncatingIfNeeded: head >> UInt64(8 * i)) != kb | 0x20 { return i + 1 }
                i += 1
            }
            if i >= 8 { return 9 }
        }
        let end = p + word.count
        return word.count + (end < s.count && s[end] >= 0x80 ? 2 : 1)
    }
}
