// The keyword-optional prefixes (country codes) that the detectors of one window class
// look for in their runs. Eight phone identifiers each scanning every run for two to four
// prefixes was a tenth of the scan time on logs full of IP addresses; scanning each run
// once for all of them was still a seventh. Now one pass per buffer marks where a prefix
// can start (the AVX2 masks of each prefix's first byte, ANDed with the mask of the
// bytes that may follow it, shifted by one), and a run only looks at its marked bytes.
//
// A prefix counts only where it starts a token: not right after an ASCII letter or
// digit. The prefix is where the value starts (Macie's keyword-optional prefix), and each
// regex that declares prefixes (the phone numbers) rejects a letter or digit before its
// value; DetectorCatalogTests checks that on every such regex. Without that rule every
// "1." inside an IP address was a NANP country code.

struct PrefixSet: Sendable {
    /// At most 64 distinct, non-empty prefixes; bit k of a result stands for prefixes[k].
    let prefixes: [[UInt8]]
    /// For each byte, the bits of the prefixes starting with it.
    private let byFirstByte: [UInt64]
    /// Per distinct first byte: the bytes that follow it in a prefix (nil when a one-byte
    /// prefix starts with it: any byte may follow).
    private let heads: [(first: UInt8, seconds: [UInt8]?)]

    var isEmpty: Bool { prefixes.isEmpty }

    init(_ prefixes: [[UInt8]]) {
        self.prefixes = prefixes
        var table = [UInt64](repeating: 0, count: 256)
        var heads: [(first: UInt8, seconds: [UInt8]?)] = []
        for (k, p) in prefixes.enumerated() {
            table[Int(p[0])] |= 1 << UInt64(k)
            if !heads.contains(where: { $0.first == p[0] }) { heads.append((p[0], [])) }
            let i = heads.firstIndex { $0.first == p[0] }!
            if p.count == 1 {
                heads[i].seconds = nil
            } else {
                heads[i].seconds?.append(p[1])
            }
        }
        byFirstByte = table
        self.heads = heads
    }

    /// The per-worker masks `markStarts` fills: per head, its first byte's and its
    /// second bytes' (nil: any).
    func makeMasks() -> [(first: ByteClassMask, second: ByteClassMask?)] {
        heads.map { head in
            (ByteClassMask(ranges: [(head.first, head.first)]), head.seconds.map { ByteClassMask(ranges: $0.map { ($0, $0) }) })
        }
    }

    /// Sets in `starts` (one bit per byte of `s`) the positions where a prefix may start;
    /// `alnum` is the mask of ASCII letters and digits over `s`.
    func markStarts(_ s: UnsafeRawBufferPointer, masks: [(first: ByteClassMask, second: ByteClassMask?)],
                    alnum: ByteClassMask, into starts: inout [UInt64]) {
        let words = (s.count + 63) / 64
        starts.removeAll(keepingCapacity: true)
        starts.append(contentsOf: repeatElement(0, count: words))
        for (first, second) in masks {
            first.build(over: s)
            second?.build(over: s)
            for w in 0..<words {
                var m = first.words[w]
                if m == 0 { continue }
                if let second {
                    // Bit p: byte p + 1 may follow.
                    let next = w + 1 < words ? second.words[w + 1] : 0
                    m &= second.words[w] >> 1 | next << 63
                }
                starts[w] |= m
            }
        }
        // Not right after a letter or digit (the byte before the buffer counts as neither).
        var carry: UInt64 = 0
        for w in 0..<words {
            let a = alnum.words[w]
            starts[w] &= ~(a << 1 | carry)
            carry = a >> 63
        }
    }

    /// Calls `body(position)` for each marked position in `starts`, in order.
    @inline(__always)
    static func forEachStart(_ starts: [UInt64], _ body: (Int) -> Void) {
        for w in starts.indices {
            var m = starts[w]
            while m != 0 {
                body(w << 6 + m.trailingZeroBitCount)
                m &= m - 1
            }
        }
    }

    /// The bits of the prefixes that start in [start, end) of `s` (they may run past
    /// `end`, not past the buffer); `starts` is what `markStarts` set for `s`.
    @inline(__always)
    func startingIn(_ s: UnsafeRawBufferPointer, _ start: Int, _ end: Int, starts: [UInt64]) -> UInt64 {
        if start >= end { return 0 }
        var found: UInt64 = 0
        var w = start >> 6
        let last = (end - 1) >> 6
        while w <= last {
            var m = starts[w]
            if w == start >> 6 { m &= ~0 << UInt64(start & 63) }
            if w == last && end & 63 != 0 { m &= (1 << UInt64(end & 63)) - 1 }
            while m != 0 {
                let i = w << 6 + m.trailingZeroBitCount
                m &= m - 1
                var candidates = byFirstByte[Int(s[i])] & ~found
                while candidates != 0 {
                    let k = candidates.trailingZeroBitCount
                    candidates &= candidates - 1
                    if s.holds(prefixes[k], at: i) { found |= 1 << UInt64(k) }
                }
            }
            w += 1
        }
        return found
    }
}
