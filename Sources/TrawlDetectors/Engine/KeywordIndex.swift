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
// previous byte is not alphanumeric. At a word start the first 1-4 bytes, each ORed with
// 0x20 (ASCII case folding in one step; only a keyword's leading ASCII bytes are used),
// are looked up in a small open-addressing table of keyword prefixes; a hit lists the
// keywords to compare in full (KeywordFolding). The few keywords starting otherwise (a
// '#', an accented or Greek letter) are found from a mask of their possible first bytes.

// Immutable after init; the raw buffers keep the per-occurrence path free of array
// retains (one keyword compare per candidate word start).
public final class KeywordIndex: @unchecked Sendable {
    /// Lower-cased keywords (see KeywordFolding), distinct.
    let keywords: [[UInt8]]
    /// For each keyword, the detectors (indices into DetectorSet.detectors) it gates.
    let owners: [[Int32]]
    /// The same, flat: keyword k is keywordBytes[keywordStart[k] ..< keywordStart[k + 1]],
    /// its owners ownerList[ownerStart[k] ..< ownerStart[k + 1]].
    private let keywordBytes: UnsafeMutableBufferPointer<UInt8>
    private let keywordStart: UnsafeMutableBufferPointer<Int32>
    let ownerList: UnsafeMutableBufferPointer<Int32>
    let ownerStart: UnsafeMutableBufferPointer<Int32>
    /// Prefix table: slot -> key (0: empty) and the range of `slotKeywords` it lists.
    private let slotKeys: [UInt64]
    private let slotRanges: [(start: Int32, count: Int32)]
    private let slotKeywords: [Int32]
    private let slotMask: Int
    /// Bit l set (l in 1...4) when some word-start keyword has an l-byte prefix key.
    private let prefixLengthBits: Int
    /// One bit per folded (first byte, second byte) pair that starts a word-start keyword
    /// (a one-byte keyword sets every second byte): rejects most word starts with one load.
    private let pairFilter: [UInt64]
    /// Keywords that do not start with an ASCII letter or digit, by first byte.
    private let otherByFirstByte: [[Int32]]
    /// The first bytes of those (both cases), for a candidate mask; empty when none.
    let otherFirstBytes: [(UInt8, UInt8)]
    /// Whether a keyword starts with a digit; if none does, words starting with a digit
    /// (numbers, most word starts in logs) are skipped.
    let digitStarts: Bool

    public var isEmpty: Bool { keywords.isEmpty }

    /// `gates`: for each keyword-gated detector, its index and its keywords.
    init(gates: [(detector: Int, keywords: [String])]) {
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
        ownerList = .allocate(capacity: max(1, owners.reduce(0) { $0 + $1.count }))
        ownerStart = .allocate(capacity: owners.count + 1)
        var at = 0, ownersAt = 0
        for (i, k) in words.enumerated() {
            keywordStart[i] = Int32(at)
            for b in k { keywordBytes[at] = b; at += 1 }
            ownerStart[i] = Int32(ownersAt)
            for o in owners[i] { ownerList[ownersAt] = o; ownersAt += 1 }
        }
        keywordStart[words.count] = Int32(at)
        ownerStart[owners.count] = Int32(ownersAt)

        var byKey: [UInt64: [Int32]] = [:]
        var lengths = Set<Int>()
        var others = [[Int32]](repeating: [], count: 256)
        var otherFirst = Set<UInt8>()
        for (i, k) in words.enumerated() {
            if ASCII.isAlnum(k[0]) {
                // The prefix covers the leading ASCII bytes only (other bytes' cases
                // differ by more than the 0x20 bit).
                var l = 1
                while l < min(4, k.count) && k[l] < 0x80 { l += 1 }
                lengths.insert(l)
                let key = Self.key(k.withUnsafeBytes { Self.prefix($0, 0, l) }, l)
                byKey[key, default: []].append(Int32(i))
            } else {
                for first in KeywordFolding.firstBytes(of: k) {
                    others[Int(first)].append(Int32(i))
                    otherFirst.insert(first)
                }
            }
        }
        var pairs = [UInt64](repeating: 0, count: 65536 / 64)
        for k in words where ASCII.isAlnum(k[0]) {
            let seconds: [UInt8] = k.count > 1 && k[1] < 0x80 ? [k[1] | 0x20] : Array(0...255).map { UInt8($0) | 0x20 }
            for second in seconds {
                let pair = Int(k[0] | 0x20) | Int(second) << 8
                pairs[pair >> 6] |= 1 << UInt64(pair & 63)
            }
        }
        pairFilter = pairs
        digitStarts = words.contains { $0[0] >= 48 && $0[0] <= 57 }
        var capacity = 16
        while capacity < byKey.count * 3 { capacity <<= 1 }
        var keys = [UInt64](repeating: 0, count: capacity)
        var ranges = [(start: Int32, count: Int32)](repeating: (0, 0), count: capacity)
        var flat: [Int32] = []
        for (key, list) in byKey.sorted(by: { $0.key < $1.key }) {
            var slot = Self.hash(key) & (capacity - 1)
            while keys[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            keys[slot] = key
            ranges[slot] = (Int32(flat.count), Int32(list.count))
            flat += list
        }
        slotKeys = keys
        slotRanges = ranges
        slotKeywords = flat
        slotMask = capacity - 1
        prefixLengthBits = lengths.reduce(0) { $0 | 1 << $1 }
        otherByFirstByte = others
        otherFirstBytes = otherFirst.sorted().map { ($0, $0) }
    }

    deinit {
        keywordBytes.deallocate()
        keywordStart.deallocate()
        ownerList.deallocate()
        ownerStart.deallocate()
    }

    /// Keyword `k`'s folded bytes.
    @inline(__always)
    private func keyword(_ k: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: keywordBytes[Int(keywordStart[k])..<Int(keywordStart[k + 1])])
    }

    /// The first `l` bytes at `p`, each ORed with 0x20, packed little-endian.
    @inline(__always)
    private static func prefix(_ s: UnsafeRawBufferPointer, _ p: Int, _ l: Int) -> UInt32 {
        var v: UInt32 = 0
        var j = 0
        while j < l {
            v |= UInt32(s[p + j] | 0x20) << UInt32(8 * j)
            j += 1
        }
        return v
    }

    @inline(__always)
    private static func key(_ prefix: UInt32, _ length: Int) -> UInt64 { UInt64(length) << 32 | UInt64(prefix) }

    @inline(__always)
    private static func hash(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) }

    /// Calls `body(keyword, start, end)` for every whole-word occurrence of a keyword in
    /// `s`. `alnum` is the mask of ASCII letters and digits over `s`, `digits` the mask of
    /// digits; `other` the mask of `otherFirstBytes` (unused when that is empty).
    func forEachOccurrence(in s: UnsafeRawBufferPointer, alnum: ByteClassMask, digits: ByteClassMask,
                           other: ByteClassMask?, _ body: (Int, Int, Int) -> Void) {
        if keywords.isEmpty || s.isEmpty { return }
        let wordCount = (s.count + 63) / 64
        let n = s.count
        let lengths = prefixLengthBits
        slotKeys.withUnsafeBufferPointer { slotKeys in
        pairFilter.withUnsafeBufferPointer { pairFilter in
            var carry: UInt64 = 0
            for w in 0..<wordCount {
                let a = alnum.words[w]
                var starts = a & ~((a << 1) | carry)
                if !digitStarts { starts &= ~digits.words[w] }
                carry = a >> 63
                while starts != 0 {
                    let p = w << 6 + starts.trailingZeroBitCount
                    starts &= starts - 1
                    if p >= n { break }
                    // The first four bytes, folded (zero-padded at the buffer's end).
                    let head: UInt32 = p + 4 <= n
                        ? s.loadUnaligned(fromByteOffset: p, as: UInt32.self) | 0x2020_2020
                        : Self.prefix(s, p, n - p)
                    let pair = Int(head & 0xFFFF)
                    if pairFilter[pair >> 6] & (1 << UInt64(pair & 63)) == 0 && p + 1 < n { continue }
                    var l = 4
                    while l >= 1 {
                        defer { l -= 1 }
                        if lengths & (1 << l) == 0 || p + l > n { continue }
                        let key = Self.key(l == 4 ? head : head & ((1 << UInt32(8 * l)) - 1), l)
                        var slot = Self.hash(key) & slotMask
                        while slotKeys[slot] != 0 && slotKeys[slot] != key { slot = (slot + 1) & slotMask }
                        if slotKeys[slot] == 0 { continue }
                        let range = slotRanges[slot]
                        for r in range.start..<(range.start + range.count) {
                            let k = Int(slotKeywords[Int(r)])
                            if let end = KeywordFolding.wholeWordEnd(of: keyword(k), at: p, in: s, limit: n) {
                                body(k, p, end)
                            }
                        }
                    }
                }
            }
        }
        }
        guard let other, !otherFirstBytes.isEmpty else { return }
        var p = other.nextSet(0)
        while p < n {
            for k in otherByFirstByte[Int(s[p])] {
                if let end = KeywordFolding.wholeWordEnd(of: keyword(Int(k)), at: p, in: s, limit: n) {
                    body(Int(k), p, end)
                }
            }
            p = other.nextSet(p + 1)
        }
    }
}
