// The tokens of JSON Lines' flat records, found by the C tokeniser (json_flat_record.c)
// over bit masks of the read buffer: JSONReader.readFlatRecord hands its members over.
// One per reader, made on its first flat record. A read's masks are built on its first
// flat record (trawl_fused_class_masks, as the engine's byte classes), so a read that holds
// none costs nothing.

import CTrawlKernels

final class FlatRecordTokens {
    /// Each byte's classes, for the three masks built in one pass
    /// (trawl_fused_class_masks): bit 0, what ends a string without an escape; bit 1, not
    /// one of the walk's (JSONReader's) blanks within a line; bit 2, not a number byte.
    /// (Three passes of trawl_class_mask took 2.4% of a JSON Lines tree's samples.)
    private static let classes: [UInt8] = (0...255).map { v in
        let b = UInt8(v)
        return (b == 0x22 || b == 0x5C ? 1 : 0) | (b == 0x20 || b == 0x09 || b == 0x0D ? 0 : 2)
            | (JSONReader.isNumberByte(b) ? 0 : 4)
    }

    /// The current read and its masks (in raw memory: a run of records holds them past
    /// one call, `run(from:...)`; and an access to a stored struct was a call to the run
    /// time's exclusivity check, 2 of them per record).
    private let masks: UnsafeMutablePointer<trawl_json_masks>
    /// Whether the current read's masks are built.
    @exclusivity(unchecked) private var built = false
    private let words: Int
    private let storage: UnsafeMutablePointer<UInt64>
    /// The three masks' first words in `storage`, as trawl_fused_class_masks takes them.
    private let outputs: UnsafeMutablePointer<UnsafeMutablePointer<UInt64>?>
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
        outputs = .allocate(capacity: 3)
        for k in 0..<3 { outputs[k] = storage + k * (words + 1) }
        masks = .allocate(capacity: 1)
        masks.initialize(to: trawl_json_masks(s: nil, n: 0, quote: UnsafePointer(storage),
                                              nonblank: UnsafePointer(storage + words + 1),
                                              nonnumber: UnsafePointer(storage + 2 * (words + 1))))
    }

    deinit {
        storage.deallocate()
        members.deallocate()
        outputs.deallocate()
        masks.deallocate()
    }

    /// A new read: `bytes` (at most `bufferBytes`).
    func reset(_ bytes: UnsafeRawBufferPointer) {
        precondition(bytes.count <= words * 64)
        masks.pointee.s = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        masks.pointee.n = bytes.count
        built = false
    }

    /// Reads the flat record whose '{' is at `start` of the current read: the position
    /// after its '}', its members in `members[0..<count]`; or -1 (not a flat record whole
    /// in this read). `keys`, `stride`, `lengths`: the keys the members' slots hold, as
    /// trawl_json_flat_record takes them; `keysRepeat` tells whether the record's keys
    /// are those.
    func read(from start: Int, keys: UnsafePointer<UInt8>, stride: Int, lengths: UnsafePointer<Int>) -> Int {
        if !built { build() }
        var found = 0
        var repeated: Int32 = 0
        let end = trawl_json_flat_record(masks, start, members, capacity, &found, keys, stride, lengths, &repeated)
        count = end >= 0 ? found : 0
        keysRepeat = end >= 0 && repeated != 0
        return end
    }

    /// Whether each key of the last record read is the one its slot held.
    @exclusivity(unchecked) private(set) var keysRepeat = false

    /// A run of records of the current read from `start` (trawl_json_run): its masks
    /// (built), the most members a record may have, and the slots' keys as `read` takes
    /// them.
    /// The handler adds the batch (JSONValueHandler.sameNamedRecords).
    func run(from start: Int, keys: UnsafePointer<UInt8>, stride: Int, lengths: UnsafePointer<Int>,
             record: Int, total: Int) -> trawl_json_run {
        if !built { build() }
        var run = trawl_json_run()
        run.masks = UnsafePointer(masks)
        run.start = start
        run.max_members = capacity
        run.keys = keys
        run.stride = stride
        run.lengths = lengths
        run.record = record
        run.total = total
        return run
    }

    /// The current read's three masks, each followed by a word of ones.
    private func build() {
        let n = masks.pointee.n
        if n > 0 {
            Self.classes.withUnsafeBufferPointer { table in
                trawl_fused_class_masks(masks.pointee.s, n, table.baseAddress, 3, outputs)
            }
        }
        for k in 0..<3 { outputs[k]![(n + 63) / 64] = ~0 }
        built = true
    }

    /// The masks of the current read, all built (for the tests): a quote or backslash,
    /// not a blank, not a number byte.
    func allMasks() -> (quote: [UInt64], nonblank: [UInt64], nonnumber: [UInt64]) {
        build()
        let m = masks.pointee, used = (m.n + 63) / 64
        return (Array(UnsafeBufferPointer(start: m.quote, count: used)),
                Array(UnsafeBufferPointer(start: m.nonblank, count: used)),
                Array(UnsafeBufferPointer(start: m.nonnumber, count: used)))
    }
}
