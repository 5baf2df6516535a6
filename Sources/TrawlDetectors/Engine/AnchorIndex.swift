// AnchorIndex: the literal anchors that detectors' prefilters declare (sk-ant-, ghp_,
// glpat-, xoxb-, AccountKey=, postgres, ...), found for all of them in one pass per
// buffer instead of one memchr loop per anchor per detector. Searching each anchor by
// its first byte stopped at every 's', 'g' or 'p' of the text, once per anchor: with the
// secrets pack that was about half of the detection time on CSV and logs while finding
// nothing. Here the anchors' first three bytes (every case for caseless anchors) are
// split into 8 buckets, as Hyperscan's Teddy does, and one AVX-512 or AVX2 pass marks
// the positions where bytes i, i+1, i+2 and i+3 all belong to one bucket's classes for
// their place (three masks of all the anchors' bytes at each place, ANDed, let through
// so many more that testing them took 83M instructions per 16 MiB of prose, then 18M).
// With AVX-512 VBMI the classes are exact (a permute per place looks each byte up) and
// the buckets 16, which on prose let through little more than the anchors' own first
// four bytes. The few positions left are tested against a 65,536-bit hash set of the
// anchors' first three bytes and, for anchors longer than three, one of their first
// four (in C, in the same pass: most fail the first test, which cost as much again in
// Swift), then
// verified against the anchors with that trigram hash, and each hit is handed to the
// detectors that declared the anchor, in order.
// Detectors with an anchor shorter than three bytes ('@', '=') keep the memchr search.

import CTrawlKernels

final class AnchorIndex: Sendable {
    struct Anchor: Sendable {
        /// Lower-cased when caseless.
        let bytes: [UInt8]
        let caseless: Bool
        /// Detector indices.
        var owners: [Int]
        /// The first place whose byte differs from the first byte's (the last place when
        /// none does): compared first.
        let probe: Int

        init(bytes: [UInt8], caseless: Bool, owners: [Int]) {
            self.bytes = bytes
            self.caseless = caseless
            self.owners = owners
            probe = bytes.firstIndex(where: { $0 != bytes[0] }) ?? bytes.count - 1
        }
    }

    let anchors: [Anchor]
    /// Three 65,536-bit sets of 1,024 words, one after the other:
    /// - `Self.trigrams`: bit h set when some anchor's first three bytes hash to h;
    /// - `Self.short`: bit h set when an anchor of three bytes hashes to h. Other
    ///   trigrams must be followed by a fourth byte some anchor has before the lookup:
    ///   in prose "pos", "red", "mon" and "bas" start many words, "post", "redi",
    ///   "mong" and "basi" few;
    /// - `Self.quads`: bit q set when some anchor's first four bytes hash to q
    ///   (trawl_quad_hash).
    /// (trawl_anchor_candidates's sieve reads them in this layout.)
    let bits: [UInt64]
    static let setWords = Int(TRAWL_ANCHOR_SET_WORDS)
    static let trigrams = 0, short = setWords, quads = 2 * setWords
    /// Anchor ids by trigram hash + 1 (IDListTable, as the keyword prefixes; a
    /// Dictionary hashed each candidate with SipHash).
    let byHash: IDListTable
    /// Per detector: whether its anchors are searched here.
    let indexed: [Bool]
    /// The candidate kernel's nibble tables (trawl_anchor_candidates): per place 0, 1,
    /// 2, 3, the low then the high nibble table, a bit per bucket.
    let bucketTables: [UInt8]
    /// The trigrams in 16 buckets (two groups of 8), their classes byte by byte, for the
    /// kernel's AVX-512 VBMI form: per group and place a 128-byte table of the ASCII
    /// bytes, then per group and place the buckets that take every byte from 0x80 (a
    /// three-byte anchor's fourth place). Empty when an anchor's first four bytes are not
    /// all ASCII.
    let exactTables: [UInt8]

    var isEmpty: Bool { anchors.isEmpty }

    /// `detectors`: per detector index, its prefilter's anchors (nil without a prefilter
    /// or anchors) and whether they are caseless.
    init(detectors: [(anchors: [[UInt8]], caseless: Bool)?]) {
        var anchors: [Anchor] = []
        var ids: [[UInt8]: Int] = [:]
        var indexed = [Bool](repeating: false, count: detectors.count)
        for (d, entry) in detectors.enumerated() {
            guard let entry, !entry.anchors.isEmpty, entry.anchors.allSatisfy({ $0.count >= 3 }) else { continue }
            indexed[d] = true
            for a in entry.anchors {
                let key = (entry.caseless ? [1] : [0]) + a
                if let id = ids[key] {
                    anchors[id].owners.append(d)
                } else {
                    ids[key] = anchors.count
                    anchors.append(Anchor(bytes: a, caseless: entry.caseless, owners: [d]))
                }
            }
        }
        var bits = [UInt64](repeating: 0, count: 3 * Self.setWords)
        var byHash: [UInt64: [Int32]] = [:]
        var trigrams: [[UInt8]: FourthBytes] = [:]
        func set(_ set: Int, _ h: UInt32) { bits[set + Int(h >> 6)] |= 1 << UInt64(h & 63) }
        for (id, a) in anchors.enumerated() {
            for v in Self.variants(a) {
                if v.count == 3 {
                    trigrams[Array(v), default: FourthBytes()].any = true
                } else {
                    trigrams[Array(v.prefix(3)), default: FourthBytes()].bytes.insert(v[3])
                }
                let h = trawl_trigram_hash(v[0], v[1], v[2])
                set(Self.trigrams, h)
                if v.count == 3 { set(Self.short, h) } else { set(Self.quads, trawl_quad_hash(v[0], v[1], v[2], v[3])) }
                if byHash[UInt64(h) + 1]?.contains(Int32(id)) != true { byHash[UInt64(h) + 1, default: []].append(Int32(id)) }
            }
        }
        self.anchors = anchors
        self.bits = bits
        self.byHash = IDListTable(byHash)
        self.indexed = indexed
        (self.bucketTables, self.exactTables) = Self.bucketTables(trigrams)
    }

    /// The trigrams in 8 buckets, then each bucket's bytes at each of four places as
    /// nibble tables. A bucket's class at a place is every byte whose low nibble and high
    /// nibble some of its trigrams have there, so it holds more bytes than its trigrams
    /// do: the buckets are grown by merging, from one per trigram, the two whose merged
    /// classes add the fewest byte triples (the product of the three classes' sizes), so
    /// alike trigrams (ghp, gho, glp, ...) share one and a digit trigram does not widen a
    /// bucket of letters. The fourth place is each bucket's trigrams' fourth bytes (every
    /// byte when one is a whole anchor of three): prose starts many words with "pos",
    /// "red", "mon" or "bas", few with "post", "redi", "mong" or "basi".
    /// `trigrams`: each trigram with its fourth bytes. Returns the nibble tables and the
    /// exact ones (`exactTables`).
    static func bucketTables(_ trigrams: [[UInt8]: FourthBytes]) -> (nibbles: [UInt8], exact: [UInt8]) {
        // Per bucket and place: the low nibbles (bits 0-15) and high nibbles (16-31) used.
        typealias Places = (UInt32, UInt32, UInt32, UInt32)
        func nibbles(_ b: UInt8) -> UInt32 { (1 << UInt32(b & 15)) | (1 << (16 + UInt32(b >> 4))) }
        func size(_ n: UInt32) -> Int { (n & 0xFFFF).nonzeroBitCount * (n >> 16).nonzeroBitCount }
        func triples(_ p: Places) -> Int { size(p.0) * size(p.1) * size(p.2) }
        func merged(_ a: Places, _ b: Places) -> Places { (a.0 | b.0, a.1 | b.1, a.2 | b.2, a.3 | b.3) }
        let sorted = trigrams.keys.sorted { $0.lexicographicallyPrecedes($1) }
        var buckets: [Places] = sorted.map { t in
            let f = trigrams[t]!
            let fourth = f.any ? 0xFFFF_FFFF : f.bytes.reduce(0) { $0 | nibbles($1) }
            return (nibbles(t[0]), nibbles(t[1]), nibbles(t[2]), fourth)
        }
        // The trigrams (indices into `sorted`) each bucket holds.
        var members = sorted.indices.map { [$0] }
        // What merging each pair adds, kept in a table: a merge only changes the merged
        // bucket's row (start-up cost: a few thousand evaluations, not one per pair per merge).
        let n = buckets.count
        func added(_ i: Int, _ j: Int) -> Int {
            triples(merged(buckets[i], buckets[j])) - triples(buckets[i]) - triples(buckets[j])
        }
        var cost = [Int](repeating: 0, count: n * n)
        for i in 0..<n { for j in i + 1..<n { cost[i * n + j] = added(i, j) } }
        var alive = [Bool](repeating: true, count: n)
        var left = n
        // The exact tables take the buckets as they are at 16 (two groups of 8).
        var sixteen = members
        while left > 8 {
            if left == 16 { sixteen = members.indices.filter { alive[$0] }.map { members[$0] } }
            var best = (cost: Int.max, i: 0, j: 1)
            for i in 0..<n where alive[i] {
                for j in i + 1..<n where alive[j] && cost[i * n + j] < best.cost { best = (cost[i * n + j], i, j) }
            }
            buckets[best.i] = merged(buckets[best.i], buckets[best.j])
            members[best.i] += members[best.j]
            alive[best.j] = false
            left -= 1
            for k in 0..<n where alive[k] && k != best.i {
                let (i, j) = k < best.i ? (k, best.i) : (best.i, k)
                cost[i * n + j] = added(i, j)
            }
        }
        buckets = buckets.indices.filter { alive[$0] }.map { buckets[$0] }
        var tables = [UInt8](repeating: 0, count: 128)
        for (k, places) in buckets.enumerated() {
            for (j, nibbles) in [places.0, places.1, places.2, places.3].enumerated() {
                for v in 0..<16 {
                    if nibbles & (1 << UInt32(v)) != 0 { tables[32 * j + v] |= 1 << UInt8(k) }
                    if nibbles & (1 << UInt32(16 + v)) != 0 { tables[32 * j + 16 + v] |= 1 << UInt8(k) }
                }
            }
        }
        let ascii = sorted.allSatisfy { t in
            t.allSatisfy { $0 < 0x80 } && (trigrams[t]!.any || trigrams[t]!.bytes.allSatisfy { $0 < 0x80 })
        }
        guard ascii else { return (tables, []) }
        // Group g's (buckets 8g ..< 8g + 8) table of place j at 128 * (4g + j), its high
        // byte at 1024 + 4g + j.
        var exact = [UInt8](repeating: 0, count: 8 * 128 + 8)
        for (k, list) in sixteen.enumerated() {
            let bit = UInt8(1) << UInt8(k % 8), group = k / 8
            func table(_ j: Int) -> Int { 128 * (4 * group + j) }
            for i in list {
                let t = sorted[i]
                for j in 0..<3 { exact[table(j) + Int(t[j])] |= bit }
                let f = trigrams[t]!
                if f.any {
                    for b in 0..<128 { exact[table(3) + b] |= bit }
                    exact[1024 + 4 * group + 3] |= bit
                } else {
                    for b in f.bytes { exact[table(3) + Int(b)] |= bit }
                }
            }
        }
        return (tables, exact)
    }

    /// The bytes that may follow a trigram where an anchor starts: the fourth bytes of the
    /// anchors longer than three that start with it, or any byte (`any`) when an anchor of
    /// three bytes is the trigram itself.
    struct FourthBytes {
        var bytes: Set<UInt8> = []
        var any = false
    }

    /// The candidate mask an engine fills per buffer for `forEachHit`.
    func makeCandidateMask() -> ByteClassMask {
        ByteClassMask(ranges: [])
    }

    /// The first four bytes (three for an anchor of three) as the text may hold them
    /// (every ASCII case when caseless).
    private static func variants(_ a: Anchor) -> [[UInt8]] {
        func cases(_ b: UInt8) -> [UInt8] {
            guard a.caseless, b >= 97, b <= 122 else { return [b] }
            return [b, b - 32]
        }
        var out: [[UInt8]] = [[]]
        for b in a.bytes.prefix(4) { out = out.flatMap { v in cases(b).map { v + [$0] } } }
        return out
    }

    /// Calls `hit(detector, position)` for every anchor occurrence in `text`, in
    /// position order; `candidates` comes from `makeCandidateMask()` (one per engine).
    @inline(__always)
    func forEachHit(in text: UnsafeRawBufferPointer, candidates: ByteClassMask, _ hit: (Int, Int) -> Void) {
        let n = text.count
        guard n >= 3, let base = text.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        bucketTables.withUnsafeBufferPointer { tables in
            exactTables.withUnsafeBufferPointer { exact in
                bits.withUnsafeBufferPointer { bits in
                    candidates.fill(over: text) { data, count, out in
                        trawl_anchor_candidates(data, count, tables.baseAddress, exact.isEmpty ? nil : exact.baseAddress,
                                                bits.baseAddress, out)
                    }
                }
            }
        }
        let words = candidates.words
        for k in 0...(n - 1) >> 6 {
            var m = words[k]
            while m != 0 {
                let at = k << 6 + m.trailingZeroBitCount
                m &= m - 1
                // (The kernel never marks the last two positions: the trigram is in the text.)
                let h = trawl_trigram_hash(base[at], base[at + 1], base[at + 2])
                for r in byHash.lookup(UInt64(h) + 1) {
                    let id = Int(byHash.list[r])
                    if matches(anchors[id], text, at) { for d in anchors[id].owners { hit(d, at) } }
                }
            }
        }
    }

    /// Whether `a` occurs at `at`. Its first byte unlike its first byte first: in a run of
    /// one byte (a rule of dashes in a text file) every position is a candidate of the
    /// three anchors starting "-----", whose first five bytes, and the last two's last,
    /// all match there.
    @inline(__always)
    private func matches(_ a: Anchor, _ s: UnsafeRawBufferPointer, _ at: Int) -> Bool {
        let m = a.bytes.count
        guard at + m <= s.count else { return false }
        let probe = s[at + a.probe]
        guard (a.caseless ? ASCII.lower(probe) : probe) == a.bytes[a.probe] else { return false }
        var j = 0
        if a.caseless {
            while j < m && ASCII.lower(s[at + j]) == a.bytes[j] { j += 1 }
        } else {
            while j < m && s[at + j] == a.bytes[j] { j += 1 }
        }
        return j == m
    }
}
