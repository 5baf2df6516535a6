// The keyword-optional prefixes (country codes) that the detectors of one window class
// look for in their runs. Eight phone identifiers each scanning every run for two to four
// prefixes was a tenth of the scan time on logs full of IP addresses; scanning each run
// once for all of them was still a seventh. Now one pass per buffer marks where a prefix
// can start (byte pairs narrowed by AVX2 nibble tables at token starts, each then checked
// exactly), and a run compares only its marked bytes.
//
// A prefix counts only where it starts a token: not right after an ASCII letter or
// digit. The prefix is where the value starts (Macie's keyword-optional prefix), and each
// regex that declares prefixes (the phone numbers) rejects a letter or digit before its
// value; CatalogExamplesTests checks that on every such regex. Without that rule every
// "1." inside an IP address was a NANP country code.

import CTrawlKernels

struct PrefixSet: Sendable {
    /// At most 64 distinct, non-empty prefixes; bit k of a result stands for prefixes[k].
    let prefixes: [[UInt8]]
    /// For each byte, the bits of the prefixes starting with it.
    private let byFirstByte: [UInt64]
    /// One bit per (first, second) byte pair that starts a prefix (all 256 seconds for a
    /// one-byte prefix): 8 KiB.
    private let pairs: [UInt64]
    /// The pairs' vector filter (trawl_prefix_starts): nibble tables of 8 buckets, one per
    /// distinct first byte (taken in turn when there are more), each letting through its
    /// first bytes followed by any of their prefixes' second bytes.
    private let pairTables: [UInt8]

    var isEmpty: Bool { prefixes.isEmpty }

    init(_ prefixes: [[UInt8]]) {
        self.prefixes = prefixes
        var table = [UInt64](repeating: 0, count: 256)
        var pairs = [UInt64](repeating: 0, count: 65536 / 64)
        for (k, p) in prefixes.enumerated() {
            table[Int(p[0])] |= 1 << UInt64(k)
            for second in p.count == 1 ? Array(0...255) : [Int(p[1])] {
                let pair = Int(p[0]) << 8 | second
                pairs[pair >> 6] |= 1 << UInt64(pair & 63)
            }
        }
        byFirstByte = table
        self.pairs = pairs
        let firstBytes = Array(Set(prefixes.map { $0[0] })).sorted()
        var tables = [UInt8](repeating: 0, count: 64)
        for p in prefixes {
            let bit = UInt8(1) << UInt8(firstBytes.firstIndex(of: p[0])! % 8)
            tables[Int(p[0] & 15)] |= bit
            tables[16 + Int(p[0] >> 4)] |= bit
            for second in p.count == 1 ? Array(0...255) : [Int(p[1])] {
                tables[32 + (second & 15)] |= bit
                tables[48 + (second >> 4)] |= bit
            }
        }
        pairTables = tables
    }

    /// Sets in `starts` (one bit per byte of `s`) the positions where a prefix may start:
    /// not right after a letter or digit, a byte and the next that begin some prefix
    /// (`pairs`). `alnum` is the mask of ASCII letters and digits over `s`. The pairs are
    /// narrowed 32 positions at a time by nibble tables (`pairTables`) and checked exactly
    /// at the few token starts left: a mask of the first bytes alone let through every '0'
    /// at a token start (for the "00" of "0039"), the scan's largest share of the phone
    /// identifiers' time on digit-dense text; a mask per first and second byte had been a
    /// third of the shared runs' time on CSV.
    func markStarts(_ s: UnsafeRawBufferPointer, alnum: ByteClassMask, into starts: inout [UInt64]) {
        let words = (s.count + 63) / 64
        starts.removeAll(keepingCapacity: true)
        starts.append(contentsOf: repeatElement(0, count: words))
        guard let base = s.baseAddress, words > 0 else { return }
        starts.withUnsafeMutableBufferPointer { out in
            pairs.withUnsafeBufferPointer { pairs in
                pairTables.withUnsafeBufferPointer { tables in
                    trawl_prefix_starts(base.assumingMemoryBound(to: UInt8.self), s.count, tables.baseAddress,
                                        alnum.words, pairs.baseAddress, out.baseAddress)
                }
            }
        }
    }

    /// The bits, among `candidates`, of the prefixes that start at `i` of `s`.
    @inline(__always)
    func startingAt(_ i: Int, in s: UnsafeRawBufferPointer, among candidates: UInt64 = ~0) -> UInt64 {
        var left = byFirstByte[Int(s[i])] & candidates, found: UInt64 = 0
        while left != 0 {
            let k = left.trailingZeroBitCount
            left &= left - 1
            if s.holds(prefixes[k], at: i) { found |= 1 << UInt64(k) }
        }
        return found
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
                found |= startingAt(i, in: s, among: ~found)
            }
            w += 1
        }
        return found
    }
}
