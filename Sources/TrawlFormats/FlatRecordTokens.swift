// The tokens of JSON Lines' flat records, found by the C tokeniser (json_flat_record.c)
// over bit masks of the read buffer: JSONReader.readFlatRecord hands its members over.
// One per reader, made on its first flat record. A read's masks are built on its first
// flat record (trawl_class_mask, as the engine's byte classes), so a read that holds
// none costs nothing.

import CTrawlKernels

final class FlatRecordTokens {
    /// The bytes of each mask's class: the walk's (JSONReader's) blanks within a line,
    /// its number bytes, and what ends a string without an escape.
    private static let quoteOrBackslash = table { $0 == 0x22 || $0 == 0x5C }
    private static let notBlank = table { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0D) }
    private static let notNumber = table { !JSONReader.isNumberByte($0) }

    private static func table(_ member: (UInt8) -> Bool) -> [UInt8] {
        (0...255).map { member(UInt8($0)) ? 1 : 0 }
    }

    // (Unchecked: each access was a call to the run time's exclusivity check, 2 of them
    // per record; one reader uses its tokens on one thread.)
    @exclusivity(unchecked) private var masks = trawl_json_masks()
    /// Whether the current read's masks are built.
    @exclusivity(unchecked) private var built = false
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
        masks.quote = UnsafePointer(storage)
        masks.nonblank = UnsafePointer(storage + words + 1)
        masks.nonnumber = UnsafePointer(storage + 2 * (words + 1))
    }

    deinit {
        storage.deallocate()
        members.deallocate()
    }

    /// A new read: `bytes` (at most `bufferBytes`).
    func reset(_ bytes: UnsafeRawBufferPointer) {
        precondition(bytes.count <= words * 64)
        masks.s = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        masks.n = bytes.count
        built = false
    }

    /// Reads the flat record whose '{' is at `start` of the current read: the position
    /// after its '}', its members in `members[0..<count]`; or -1 (not a flat record whole
    /// in this read).
    func read(from start: Int) -> Int {
        if !built { build() }
        var found = 0
        let end = trawl_json_flat_record(&masks, start, members, capacity, &found)
        count = end >= 0 ? found : 0
        return end
    }

    /// The current read's three masks, each followed by a word of ones.
    private func build() {
        mark(Self.quoteOrBackslash, into: storage)
        mark(Self.notBlank, into: storage + words + 1)
        mark(Self.notNumber, into: storage + 2 * (words + 1))
        built = true
    }

    private func mark(_ table: [UInt8], into out: UnsafeMutablePointer<UInt64>) {
        if masks.n > 0 { table.withUnsafeBufferPointer { trawl_class_mask(masks.s, masks.n, $0.baseAddress, out) } }
        out[(masks.n + 63) / 64] = ~0
    }

    /// The masks of the current read, all built (for the tests): a quote or backslash,
    /// not a blank, not a number byte.
    func allMasks() -> (quote: [UInt64], nonblank: [UInt64], nonnumber: [UInt64]) {
        build()
        let used = (masks.n + 63) / 64
        return (Array(UnsafeBufferPointer(start: masks.quote, count: used)),
                Array(UnsafeBufferPointer(start: masks.nonblank, count: used)),
                Array(UnsafeBufferPointer(start: masks.nonnumber, count: used)))
    }
}
