// AnchorIndex: the literal anchors that detectors' prefilters declare (sk-ant-, ghp_,
// glpat-, xoxb-, AccountKey=, postgres, ...), found for all of them in one pass per
// buffer instead of one memchr loop per anchor per detector. Searching each anchor by
// its first byte stopped at every 's', 'g' or 'p' of the text, once per anchor: with the
// secrets pack that was about half of the detection time on CSV and logs while finding
// nothing. Here one C loop (trawl_trigram_candidates) tests every position's trigram
// against a 65,536-bit hash set of the anchors' first three bytes (all case variants
// for caseless anchors); the few candidates are verified against the anchors with that
// hash, and each hit is handed to the detectors that declared the anchor, in order.
// Detectors with an anchor shorter than three bytes ('@', '=') keep the memchr search.

import CTrawlKernels

final class AnchorIndex: Sendable {
    struct Anchor: Sendable {
        /// Lower-cased when caseless.
        let bytes: [UInt8]
        let caseless: Bool
        /// Detector indices.
        var owners: [Int]
    }

    let anchors: [Anchor]
    /// Bit h set when some anchor's first three bytes hash to h.
    let bits: [UInt64]
    /// Anchor ids per trigram hash.
    let byHash: [UInt32: [Int]]
    /// Per detector: whether its anchors are searched here.
    let indexed: [Bool]

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
        var bits = [UInt64](repeating: 0, count: 1024)
        var byHash: [UInt32: [Int]] = [:]
        for (id, a) in anchors.enumerated() {
            for (b0, b1, b2) in Self.variants(a) {
                let h = trawl_trigram_hash(b0, b1, b2)
                bits[Int(h >> 6)] |= 1 << UInt64(h & 63)
                if byHash[h]?.contains(id) != true { byHash[h, default: []].append(id) }
            }
        }
        self.anchors = anchors
        self.bits = bits
        self.byHash = byHash
        self.indexed = indexed
    }

    /// The first three bytes as the text may hold them (every ASCII case when caseless).
    private static func variants(_ a: Anchor) -> [(UInt8, UInt8, UInt8)] {
        func cases(_ b: UInt8) -> [UInt8] {
            guard a.caseless, b >= 97, b <= 122 else { return [b] }
            return [b, b - 32]
        }
        var out: [(UInt8, UInt8, UInt8)] = []
        for x in cases(a.bytes[0]) { for y in cases(a.bytes[1]) { for z in cases(a.bytes[2]) { out.append((x, y, z)) } } }
        return out
    }

    /// Calls `hit(detector, position)` for every anchor occurrence in `text`, in
    /// position order; `candidates` is scratch space.
    @inline(__always)
    func forEachHit(in text: UnsafeRawBufferPointer, candidates: UnsafeMutableBufferPointer<UInt32>,
                    _ hit: (Int, Int) -> Void) {
        guard let base = text.baseAddress?.assumingMemoryBound(to: UInt8.self), text.count >= 3 else { return }
        let n = text.count
        var from = 0
        bits.withUnsafeBufferPointer { bitmap in
            while true {
                let found = trawl_trigram_candidates(base, n, from, bitmap.baseAddress, candidates.baseAddress,
                                                     candidates.count)
                for k in 0..<found {
                    let at = Int(candidates[k])
                    let h = trawl_trigram_hash(base[at], base[at + 1], base[at + 2])
                    guard let list = byHash[h] else { continue }
                    for id in list where matches(anchors[id], text, at) {
                        for d in anchors[id].owners { hit(d, at) }
                    }
                }
                if found < candidates.count { return }
                from = Int(candidates[found - 1]) + 1
            }
        }
    }

    @inline(__always)
    private func matches(_ a: Anchor, _ s: UnsafeRawBufferPointer, _ at: Int) -> Bool {
        let m = a.bytes.count
        guard at + m <= s.count else { return false }
        var j = 0
        if a.caseless {
            while j < m && ASCII.lower(s[at + j]) == a.bytes[j] { j += 1 }
        } else {
            while j < m && s[at + j] == a.bytes[j] { j += 1 }
        }
        return j == m
    }
}
