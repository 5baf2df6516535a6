// Bit masks of byte classes over one buffer: bit i of word i/64 is set when byte i is
// in the class. Built by the C kernel (AVX2), or up to eight classes in one pass
// (fused_class_masks.c, AVX2 or AVX-512 VBMI); then runs of a class are walked a word
// at a time with bit tricks instead of byte by byte.

import CTrawlKernels

/// One class's mask over the current buffer, reused from chunk to chunk.
public final class ByteClassMask {
    /// 256 entries, non-zero for members.
    let member: [UInt8]
    @exclusivity(unchecked) private(set) var words: UnsafeMutablePointer<UInt64>
    private var capacity = 0
    /// Bytes covered by the current mask.
    @exclusivity(unchecked) private(set) var count = 0
    /// After `summarize()` on the current mask: one bit per word, set when the word holds
    /// a member, so `nextSetSummarized` crosses a sparse mask (the digits of prose) 64
    /// words at a time; the members' count, and the count of words holding one.
    @exclusivity(unchecked) private var summary: UnsafeMutablePointer<UInt64>
    @exclusivity(unchecked) private var summaryCapacity = 0
    @exclusivity(unchecked) private(set) var summarized = false
    @exclusivity(unchecked) private(set) var memberCount = 0
    @exclusivity(unchecked) private(set) var memberWords = 0
    /// The engine's buffer count when this mask was last built over a whole buffer by
    /// `build(_:over:generation:)`, and when a pass last asked for it over a whole buffer
    /// (`build(over:generation:)`): the masks asked for in one buffer are built together
    /// at the start of the next.
    @exclusivity(unchecked) private(set) var builtFor = -1
    @exclusivity(unchecked) private(set) var usedIn = -1

    public init(ranges: [(UInt8, UInt8)]) {
        var table = [UInt8](repeating: 0, count: 256)
        for (lo, hi) in ranges { for b in lo...hi { table[Int(b)] = 1 } }
        member = table
        words = .allocate(capacity: 1)
        capacity = 1
        summary = .allocate(capacity: 1)
        summaryCapacity = 1
    }

    deinit {
        words.deallocate()
        summary.deallocate()
    }

    /// Builds the summary of the current mask (see `summarized`).
    func summarize() {
        let n = (count + 63) / 64, needed = (n + 63) / 64 + 1
        Self.grow(&summary, &summaryCapacity, to: needed)
        summary.update(repeating: 0, count: needed)
        var total = 0, nonzero = 0
        for w in 0..<n where words[w] != 0 {
            summary[w >> 6] |= 1 << UInt64(w & 63)
            total += words[w].nonzeroBitCount
            nonzero += 1
        }
        memberCount = total
        memberWords = nonzero
        summarized = true
    }

    /// Room for `needed` words in `buffer` (its contents dropped when it moves): doubled at
    /// least, so a buffer that grows a little at a time (a mask of keyword regions) is
    /// not reallocated each time.
    private static func grow(_ buffer: inout UnsafeMutablePointer<UInt64>, _ capacity: inout Int, to needed: Int) {
        if needed <= capacity { return }
        capacity = max(needed, 2 * capacity)
        buffer.deallocate()
        buffer = .allocate(capacity: capacity)
    }

    /// The first word at or after `w` holding a member, by the summary; a large number
    /// when none.
    @inline(__always)
    private func nextNonzeroWord(_ w: Int) -> Int {
        let n = (count + 63) / 64
        var s = w >> 6
        var bits = summary[s] & (~0 << UInt64(w & 63))
        while bits == 0 {
            s += 1
            if s << 6 >= n { return Int.max }
            bits = summary[s]
        }
        return s << 6 + bits.trailingZeroBitCount
    }

    public func build(over s: UnsafeRawBufferPointer) {
        fill(over: s) { data, n, out in
            member.withUnsafeBufferPointer { table in trawl_class_mask(data, n, table.baseAddress, out) }
        }
    }

    /// `build(over:)` for buffer `generation` of an engine, unless the mask was built
    /// over it already (together with others, at the buffer's start).
    @inline(__always)
    func build(over s: UnsafeRawBufferPointer, generation: Int) {
        usedIn = generation
        if builtFor != generation { build(over: s) }
    }

    /// Whether building several masks in one pass (`build(_:over:generation:)`) is faster
    /// here than one pass per mask (it takes AVX2 or AVX-512 VBMI).
    static let fusedBuildsPay = trawl_fused_class_masks_fast() != 0

    /// Builds up to eight masks over `s` in one pass, for buffer `generation`.
    static func build(_ masks: ArraySlice<ByteClassMask>, over s: UnsafeRawBufferPointer, generation: Int) {
        precondition(masks.count <= 8, "at most eight masks a pass")
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { table in
            withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<UInt64>?.self, capacity: 8) { out in
                table.initialize(repeating: 0)
                for (k, mask) in masks.enumerated() {
                    mask.reserve(bytes: s.count)
                    mask.builtFor = generation
                    out[k] = mask.words
                    // (Members are 1: a shift and OR per byte, which vectorises.)
                    mask.member.withUnsafeBufferPointer { member in
                        for b in 0..<256 { table[b] |= member[b] &<< UInt8(k) }
                    }
                }
                guard let base = s.baseAddress, s.count > 0 else { return }
                trawl_fused_class_masks(base.assumingMemoryBound(to: UInt8.self), s.count, table.baseAddress,
                                        UInt32(masks.count), out.baseAddress)
            }
        }
    }

    /// Sets this class's bits from two masks over the same buffer, when this class is
    /// exactly `a`'s members that are not `b`'s (DetectorSet.differences): one AND-NOT
    /// per word instead of a pass over the bytes.
    func build(_ a: ByteClassMask, minus b: ByteClassMask) {
        precondition(a.count == b.count, "masks over different buffers")
        reserve(bytes: a.count)
        for w in 0..<(count + 63) / 64 { words[w] = a.words[w] & ~b.words[w] }
    }

    /// Sets the bits by another kernel of the same shape (one bit per byte of `s`, the
    /// words past the data zero), e.g. the anchor index's candidates.
    @inline(__always)
    func fill(over s: UnsafeRawBufferPointer,
              _ kernel: (UnsafePointer<UInt8>, Int, UnsafeMutablePointer<UInt64>) -> Void) {
        reserve(bytes: s.count)
        guard let base = s.baseAddress, s.count > 0 else { return }
        kernel(base.assumingMemoryBound(to: UInt8.self), s.count, words)
    }

    /// An empty mask over `bytes` bytes, for bits set by `setBits`.
    func clear(bytes: Int) {
        reserve(bytes: bytes)
        words.update(repeating: 0, count: (bytes + 63) / 64 + 1)
    }

    /// Sets the bits of positions [lo, hi).
    @inline(__always)
    func setBits(_ lo: Int, _ hi: Int) { Self.setBits(words, lo, hi) }

    /// Sets bits [lo, hi) of the bit array `bits`.
    @inline(__always)
    static func setBits(_ bits: UnsafeMutablePointer<UInt64>, _ lo: Int, _ hi: Int) {
        let first = lo >> 6, last = (hi - 1) >> 6
        let head: UInt64 = ~0 << UInt64(lo & 63)
        let tail: UInt64 = hi & 63 == 0 ? ~0 : (1 << UInt64(hi & 63)) - 1
        if first == last {
            bits[first] |= head & tail
            return
        }
        bits[first] |= head
        var w = first + 1
        while w < last {
            bits[w] = ~0
            w += 1
        }
        bits[last] |= tail
    }

    /// Room for the words of `bytes` bytes and one more; `count` set to `bytes`.
    private func reserve(bytes: Int) {
        Self.grow(&words, &capacity, to: (bytes + 63) / 64 + 1)
        count = bytes
        summarized = false
    }

    /// First position at or after `from` in the class, or `count`.
    @inline(__always)
    public func nextSet(_ from: Int) -> Int { nextSet(from, before: count) }

    /// First position in [from, limit) in the class, or `limit` (searches no further:
    /// a short range in a sparse class costs its own words only).
    @inline(__always)
    public func nextSet(_ from: Int, before limit: Int) -> Int { nextSet(from, before: limit, bySummary: false) }

    /// `nextSet(_:before:)` on a summarized mask: words without a member are crossed 64
    /// at a time.
    @inline(__always)
    public func nextSetSummarized(_ from: Int, before limit: Int) -> Int { nextSet(from, before: limit, bySummary: true) }

    @inline(__always)
    private func nextSet(_ from: Int, before limit: Int, bySummary: Bool) -> Int {
        let limit = min(limit, count)
        if from >= limit { return limit }
        var w = from >> 6
        var m = words[w] & (~0 << UInt64(from & 63))
        let last = (limit - 1) >> 6
        while m == 0 {
            w = bySummary ? nextNonzeroWord(w + 1) : w + 1
            if w > last { return limit }
            m = words[w]
        }
        return min(limit, w << 6 + m.trailingZeroBitCount)
    }

    /// First position at or after `from` not in the class, or `count`.
    @inline(__always)
    public func nextClear(_ from: Int) -> Int {
        if from >= count { return count }
        var w = from >> 6
        var m = ~words[w] & (~0 << UInt64(from & 63))
        let last = (count - 1) >> 6
        while m == 0 {
            w += 1
            if w > last { return count }
            m = ~words[w]
        }
        return min(count, w << 6 + m.trailingZeroBitCount)
    }

    /// Start of the run of class bytes that ends just before `position` (the position
    /// itself when the byte before it is not in the class).
    @inline(__always)
    public func runStart(endingAt position: Int) -> Int {
        if position <= 0 { return 0 }
        var w = (position - 1) >> 6
        let bit = (position - 1) & 63
        var m = ~words[w] & (bit == 63 ? ~0 : ((1 << UInt64(bit + 1)) - 1))
        while m == 0 {
            if w == 0 { return 0 }
            w -= 1
            m = ~words[w]
        }
        return w << 6 + 63 - m.leadingZeroBitCount + 1
    }

    /// The last position before `position` in the class, or -1.
    @inline(__always)
    public func lastSet(before position: Int) -> Int {
        if position <= 0 { return -1 }
        var w = (position - 1) >> 6
        let bit = (position - 1) & 63
        var m = words[w] & (bit == 63 ? ~0 : ((1 << UInt64(bit + 1)) - 1))
        while m == 0 {
            if w == 0 { return -1 }
            w -= 1
            m = words[w]
        }
        return w << 6 + 63 - m.leadingZeroBitCount
    }

    /// The bits of word `w` at positions p where bytes p-length+1 ... p are all in the
    /// class (the length-th and later bytes of runs at least `length` long), for
    /// 1 <= length <= 64. Doubling on the word and its predecessor: runs of 2, 4, 8, ...
    @inline(__always)
    func runEnds(word w: Int, atLeast length: Int) -> UInt64 {
        // The word and its predecessor as one 128-bit value (hi, lo), shifted by k < 64
        // in two 64-bit halves: a variable UInt128 shift also handles k >= 64, with
        // branches this hot loop does not need.
        var lo: UInt64 = w > 0 ? words[w - 1] : 0
        var hi = words[w]
        @inline(__always) func erode(_ k: Int) {
            let s = UInt64(k)
            hi &= hi &<< s | lo &>> (64 - s)
            lo &= lo &<< s
        }
        var k = 1
        while k * 2 <= length {
            erode(k)
            k *= 2
        }
        if k < length { erode(length - k) }
        let bits = hi
        // Positions past the end of the buffer are not bytes of it.
        let valid = count - w << 6
        return valid >= 64 ? bits : bits & ((1 << UInt64(max(0, valid))) - 1)
    }

    /// Calls `body(runStart, runEnd)` once for each run of the class holding a position
    /// at or after `from` whose bit is set in `bits(w)` (for the words w from `from`'s to
    /// `last`), in order, until `body` returns false. The positions must be class bytes.
    @inline(__always)
    func forEachRun(holdingBitsFrom from: Int, toWord last: Int, _ bits: (Int) -> UInt64,
                    _ body: (Int, Int) -> Bool) {
        var w = from >> 6
        var skipTo = from
        while w <= last {
            if !forEachRun(inWord: w, holding: bits(w), skipTo: &skipTo, body) { return }
            w = max(w + 1, skipTo >> 6)
        }
    }

    /// The same for the bits of `array` (a bit array over this buffer: the run ends of a
    /// walk over it): its zero words, most of them, are passed over four at a time (one
    /// at a time, through a closure, cost about 17 instructions each: on CSV the card's
    /// and the IBAN's walks read 4,096 words per buffer, nearly all zero). An outer loop
    /// of its own: the one above with an optional array to skip by saved nothing
    /// (callgrind, CSV: 700M either way, 692M with this one), and TriggerShape's end
    /// positions through this one cost more than they saved (the shape's walk stayed out
    /// of line).
    @inline(__always)
    func forEachRun(holdingBitsOf array: UnsafePointer<UInt64>, from: Int, toWord last: Int,
                    _ body: (Int, Int) -> Bool) {
        var w = from >> 6
        var skipTo = from
        while w <= last {
            while w + 3 <= last && (array[w] | array[w + 1] | array[w + 2] | array[w + 3]) == 0 { w += 4 }
            if !forEachRun(inWord: w, holding: array[w], skipTo: &skipTo, body) { return }
            w = max(w + 1, skipTo >> 6)
        }
    }

    /// The runs holding the bits `found` of word `w` (those at or after `skipTo`, which
    /// moves to each run's end), for the two loops above; false when `body` stopped.
    @inline(__always)
    private func forEachRun(inWord w: Int, holding found: UInt64, skipTo: inout Int,
                            _ body: (Int, Int) -> Bool) -> Bool {
        var found = found
        while found != 0 {
            let p = w << 6 + found.trailingZeroBitCount
            found &= found - 1
            if p < skipTo { continue }
            let re = nextClear(p)
            if !body(runStart(endingAt: p), re) { return false }
            skipTo = re
            if re >> 6 != w { break }
        }
        return true
    }

    /// Class bytes in [from, to).
    @inline(__always)
    public func population(_ from: Int, _ to: Int) -> Int {
        guard to > from else { return 0 }
        let fw = from >> 6, lw = (to - 1) >> 6
        let firstMask: UInt64 = ~0 << UInt64(from & 63)
        let lastBits = (to - 1) & 63
        let lastMask: UInt64 = lastBits == 63 ? ~0 : (1 << UInt64(lastBits + 1)) - 1
        if fw == lw { return (words[fw] & firstMask & lastMask).nonzeroBitCount }
        var n = (words[fw] & firstMask).nonzeroBitCount + (words[lw] & lastMask).nonzeroBitCount
        var w = fw + 1
        while w < lw {
            n += words[w].nonzeroBitCount
            w += 1
        }
        return n
    }
}
