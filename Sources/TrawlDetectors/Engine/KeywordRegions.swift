// Per keyword-gated detector (or per window class, for the sharers of its runs: see
// DetectorSet.keywordClassReach), the [start, end) regions of the current buffer within
// reach of one of its keywords: merged, in order, buffer-relative. A class's regions
// also carry the bits of the sharers whose keywords they come from (merged regions: the
// union of them). The keyword pass appends one per keyword occurrence and list (on
// prose and logs tens of thousands per 16 MiB), so the lists are raw buffers: an array
// of arrays checked both arrays' uniqueness on every append, about half of that pass's
// instructions.

struct KeywordRegion {
    var lo: Int
    var hi: Int
    /// The owners' bits (a class's list; 0 in a detector's).
    var owners: UInt64
}

final class KeywordRegions {
    private let lists: UnsafeMutablePointer<UnsafeMutablePointer<KeywordRegion>>
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

    /// List `d`'s regions; valid until the next `add` or `removeAll`.
    @inline(__always)
    func regions(_ d: Int) -> UnsafeBufferPointer<KeywordRegion> {
        UnsafeBufferPointer(start: lists[d], count: counts[d])
    }

    /// Adds [lo, hi) to list `d`; `hi` is beyond the last region's start (regions come by
    /// keyword occurrence, in start order). With one distance per list `lo` never moves
    /// back either, so a region reaching into the last one extends it; a class's list
    /// mixes distances, and a region starting before the last one's start is merged with
    /// those it reaches.
    @inline(__always)
    func add(_ d: Int, _ lo: Int, _ hi: Int, owners: UInt64 = 0) {
        let n = counts[d]
        if n > 0 && lo <= lists[d][n - 1].hi {
            if lo < lists[d][n - 1].lo {
                mergeBack(d, KeywordRegion(lo: lo, hi: hi, owners: owners))
                return
            }
            lists[d][n - 1].hi = max(lists[d][n - 1].hi, hi)
            lists[d][n - 1].owners |= owners
            return
        }
        if n == capacities[d] { grow(d) }
        lists[d][n] = KeywordRegion(lo: lo, hi: hi, owners: owners)
        counts[d] = n + 1
    }

    /// Replaces the last regions that `r` reaches with their union with it.
    private func mergeBack(_ d: Int, _ r: KeywordRegion) {
        var n = counts[d], r = r
        while n > 0 && r.lo <= lists[d][n - 1].hi {
            r.lo = min(r.lo, lists[d][n - 1].lo)
            r.hi = max(r.hi, lists[d][n - 1].hi)
            r.owners |= lists[d][n - 1].owners
            n -= 1
        }
        lists[d][n] = r
        counts[d] = n + 1
    }

    private func grow(_ d: Int) {
        let bigger = UnsafeMutablePointer<KeywordRegion>.allocate(capacity: 2 * capacities[d])
        bigger.update(from: lists[d], count: counts[d])
        lists[d].deallocate()
        lists[d] = bigger
        capacities[d] *= 2
    }
}
