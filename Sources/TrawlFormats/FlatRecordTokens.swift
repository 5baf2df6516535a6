// The tokens of JSON Lines' flat records, found by the C tokeniser (json_flat_record.c)
// over bit masks of the read buffer: JSONReader.readFlatRecord hands its members over.
// One per reader, made on its first flat record; the masks are of the current read,
// built on its first flat record.

import CTrawlKernels

final class FlatRecordTokens {
    // (Unchecked: each access was a call to the run time's exclusivity check, 2 of them
    // per record; one reader uses its tokens on one thread.)
    @exclusivity(unchecked) private var masks = trawl_json_masks()
    private let words: Int
    private let storage: UnsafeMutablePointer<UInt64>
    let members: UnsafeMutablePointer<trawl_json_member>
    private let capacity: Int
    /// The members of the last record read.
    @exclusivity(unchecked) private(set) var count = 0

    /// `bufferBytes`: the largest read; `maxMembers`: the most members a record may have.
    init(bufferBytes: Int, maxMembers: Int) {
        words = (bufferBytes + 63) / 64
        // Each mask has a word of ones after the buffer's words (json_flat_record.c).
        storage = .allocate(capacity: 3 * (words + 1))
        members = .allocate(capacity: maxMembers)
        capacity = maxMembers
        masks.quote = storage
        masks.nonblank = storage + words + 1
        masks.nonnumber = storage + 2 * (words + 1)
    }

    deinit {
        storage.deallocate()
        members.deallocate()
    }

    /// A new read: `bytes` (at most `bufferBytes`).
    func reset(_ bytes: UnsafeRawBufferPointer) {
        precondition(bytes.count <= words * 64)
        trawl_json_masks_reset(&masks, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count)
    }

    /// Reads the flat record whose '{' is at `start` of the current read: the position
    /// after its '}', its members in `members[0..<count]`; or -1 (not a flat record whole
    /// in this read).
    func read(from start: Int) -> Int {
        var found = 0
        let end = trawl_json_flat_record(&masks, start, members, capacity, &found)
        count = end >= 0 ? found : 0
        return end
    }

    /// The masks of the current read, all built (for the tests): a quote or backslash,
    /// not a blank, not a number byte.
    func allMasks() -> (quote: [UInt64], nonblank: [UInt64], nonnumber: [UInt64]) {
        trawl_json_classify_all(&masks)
        let used = (masks.n + 63) / 64
        return (Array(UnsafeBufferPointer(start: masks.quote, count: used)),
                Array(UnsafeBufferPointer(start: masks.nonblank, count: used)),
                Array(UnsafeBufferPointer(start: masks.nonnumber, count: used)))
    }
}
