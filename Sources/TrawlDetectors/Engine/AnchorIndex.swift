// AnchorIndex: the literal anchors that detectors' prefilters declare (sk-ant-, ghp_,
// glpat-, xoxb-, AccountKey=, postgres, ...), found for all of them in one pass per
// buffer instead of one memchr loop per anchor per detector. Searching each anchor by
// its first byte stopped at every 's', 'g' or 'p' of the text, once per anchor: with the
// secrets pack that was about half of the detection time on CSV and logs while finding
// nothing. Here three byte-class masks (the anchors' first, second and third bytes, all
// case variants for caseless anchors; built by the AVX2 kernel) are ANDed, shifted, a
// word at a time: the few positions whose trigram could start an anchor are tested
// against a 65,536-bit hash set of the anchors' first three bytes, then verified
// against the anchors with that hash, and each hit is handed to the detectors that
// declared the anchor, in order.
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
    /// The bytes anchors have at positions 0, 1 and 2 (every case when caseless).
    let positionBytes: [[(UInt8, UInt8)]]

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
        var positions = [Set<UInt8>](repeating: [], count: 3)
        for (id, a) in anchors.enumerated() {
            for (b0, b1, b2) in Self.variants(a) {
                positions[0].insert(b0)
                positions[1].insert(b1)
                positions[2].insert(b2)
                let h = trawl_trigram_hash(b0, b1, b2)
                bits[Int(h >> 6)] |= 1 << UInt64(h & 63)
                if byHash[h]?.contains(id) != true { byHash[h, default: []].append(id) }
            }
        }
        self.anchors = anchors
        self.bits = bits
        self.byHash = byHash
        self.indexed = indexed
        self.positionBytes = positions.map { $0.sorted().map { ($0, $0) } }
    }

    /// The three masks an engine builds per buffer for `forEachHit`.
    func makeMasks() -> [ByteClassMask] {
        positionBytes.map { ByteClassMask(ranges: $0) }
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
    /// position order; `masks` come from `makeMasks()` (one set per engine).
    @inline(__always)
    func forEachHit(in text: UnsafeRawBufferPointer, masks: [ByteClassMask], _ hit: (Int, Int) -> Void) {
        let n = text.count
        guard n >= 3, let base = text.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let first = masks[0], second = masks[1], third = masks[2]
        first.build(over: text)
        second.build(over: text)
        third.build(over: text)
        let w1 = first.words, w2 = second.words, w3 = third.words
        let last = (n - 1) >> 6
        bits.withUnsafeBufferPointer { bitmap in
            for k in 0...last {
                var m = w1[k]
                if m == 0 { continue }
                let next2: UInt64 = k < last ? w2[k + 1] : 0, next3: UInt64 = k < last ? w3[k + 1] : 0
                // Bit i: byte i in the first class, i + 1 in the second, i + 2 in the third.
                m &= (w2[k] >> 1) | (next2 << 63)
                m &= (w3[k] >> 2) | (next3 << 62)
                while m != 0 {
                    let at = k << 6 + m.trailingZeroBitCount
                    m &= m - 1
                    if at + 2 >= n { return }
                    let h = trawl_trigram_hash(base[at], base[at + 1], base[at + 2])
                    guard bitmap[Int(h >> 6)] >> UInt64(h & 63) & 1 != 0, let list = byHash[h] else { continue }
                    for id in list where matches(anchors[id], text, at) {
                        for d in anchors[id].owners { hit(d, at) }
                    }
                }
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
