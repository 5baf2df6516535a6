// Per keyword-gated detector (or per window class: the union of its sharers'), the
// [start, end) regions of the current buffer within reach of one of its keywords: merged,
// in order, buffer-relative. The keyword pass appends one
// per keyword occurrence and owner (on CSV the phone identifiers share a keyword on most
// rows: hundreds of thousands of appends per 16 MiB), so the lists are raw buffers: an
// array of arrays checked both arrays' uniqueness on every append, about half of that
// pass's instructions.

final class KeywordRegions {
    private let lists: UnsafeMutablePointer<UnsafeMutablePointer<(Int, Int)>>
    private let counts: UnsafeMutablePointer<Int>
    private let capacities: UnsafeMutablePointer<Int>
    private let detectors: Int

    /// `lists`: how many lists (detectors, or window classes).
    init(lists detectors: Int) {
        self.detectors = detectors
        lists = .allocate(capacity: max(1, detectors))
        counts = .allocate(capacity: max(1, detectors))
        capacities = .allocate(capacity: max(1, detectors))
        for d in 0..<detectors {
            lists[d] = .allocate(capacity: 4)
            capacities[d] = 4
        }
        counts.initialize(repeating: 0, count: max(1, detectors))
    }

    deinit {
        for d in 0..<detectors { lists[d].deallocate() }
        lists.deallocate()
        counts.deallocate()
        capacities.deallocate()
    }

    /// Empties every list (a new buffer).
    func removeAll() { counts.update(repeating: 0, count: detectors) }

    @inline(__always)
    func isEmpty(_ d: Int) -> Bool { counts[d] == 0 }

    /// Detector `d`'s regions; valid until the next `add` or `removeAll`.
    @inline(__always)
    func regions(_ d: Int) -> UnsafeBufferPointer<(Int, Int)> {
        UnsafeBufferPointer(start: lists[d], count: counts[d])
    }

    /// Adds [lo, hi) to `d`'s regions; `hi` is beyond the last region's start (regions
    /// come by keyword occurrence, in start order). With one distance per list `lo` never
    /// moves back either, so a region reaching into the last one extends it; a class's
    /// list mixes distances, and a region starting before the last one's start is merged
    /// with those it reaches.
    @inline(__always)
    func add(_ d: Int, _ lo: Int, _ hi: Int) {
        let n = counts[d]
        if n > 0 && lo <= lists[d][n - 1].1 {
            if lo < lists[d][n - 1].0 {
                mergeBack(d, lo, hi)
                return
            }
            lists[d][n - 1].1 = max(lists[d][n - 1].1, hi)
            return
        }
        if n == capacities[d] { grow(d) }
        lists[d][n] = (lo, hi)
        counts[d] = n + 1
    }

    /// Replaces the last regions that [lo, hi) reaches with their union with it.
    private func mergeBack(_ d: Int, _ lo: Int, _ hi: Int) {
        var n = counts[d], lo = lo, hi = hi
        while n > 0 && lo <= lists[d][n - 1].1 {
            lo = min(lo, lists[d][n - 1].0)
            hi = max(hi, lists[d][n - 1].1)
            n -= 1
        }
        lists[d][n] = (lo, hi)
        counts[d] = n + 1
    }

    private func grow(_ d: Int) {
        let bigger = UnsafeMutablePointer<(Int, Int)>.allocate(capacity: 2 * capacities[d])
        bigger.update(from: lists[d], count: counts[d])
        lists[d].deallocate()
        lists[d] = bigger
        capacities[d] *= 2
    }
}
