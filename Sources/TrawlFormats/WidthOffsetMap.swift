// WidthOffsetMap: where WidthNormalizingByteSource turned a 3-byte full-width character
// into one ASCII byte, so an offset into the normalised text can be given back as an
// offset into the decoded text the object holds (result lines carry byte offsets; a
// detector only ever sees the normalised bytes).
//
// Runs of consecutive mapped characters are kept as one entry (Japanese text writes
// whole numbers in full width). Memory is bounded: past `maxRuns` runs the older half
// is dropped, keeping only the count of characters they mapped. Scanners ask about
// offsets near the read position (at most a batch of fields behind), so a dropped
// run is never needed except for hostile text alternating full- and half-width
// characters hundreds of thousands of times inside one field; such an offset comes
// out too small, never wrong in line or column (those count characters).

public final class WidthOffsetMap {
    /// Normalised offset of each run's first mapped character.
    private var starts: [Int] = []
    /// Characters mapped before each run.
    private var before: [Int] = []
    /// Characters in each run.
    private var lengths: [Int] = []
    /// Characters mapped so far.
    public private(set) var mappedCount = 0
    private let maxRuns: Int

    public init(maxRuns: Int = 1 << 16) {
        self.maxRuns = max(2, maxRuns)
    }

    /// The character at normalised offset `position` was mapped (positions increase).
    @inline(__always)
    func noteMapped(at position: Int) {
        if let last = starts.last, last + lengths[lengths.count - 1] == position {
            lengths[lengths.count - 1] += 1
        } else {
            if starts.count == maxRuns {
                let drop = maxRuns / 2
                starts.removeFirst(drop)
                before.removeFirst(drop)
                lengths.removeFirst(drop)
            }
            starts.append(position)
            before.append(mappedCount)
            lengths.append(1)
        }
        mappedCount += 1
    }

    /// Mapped characters that precede normalised offset `position`.
    public func mappedBefore(_ position: Int) -> Int {
        // Last run starting before `position`.
        var lo = 0, hi = starts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid] < position { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0 else { return before.first ?? 0 }
        let i = lo - 1
        return before[i] + min(lengths[i], position - starts[i])
    }

    /// The offset in the decoded text of normalised offset `position` (each mapped
    /// character was three bytes there).
    public func originalOffset(_ position: Int) -> Int {
        position + 2 * mappedBefore(position)
    }
}
