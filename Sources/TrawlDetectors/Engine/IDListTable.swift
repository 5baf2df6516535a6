// A read-only hash table from a nonzero UInt64 key to a list of Int32 ids, for the
// lookups per candidate of the keyword index and the anchor index (no Dictionary: its
// SipHash per lookup, and an array retained per bucket).

/// Lists of ids by a nonzero key (KeywordIndex's keyword lists by folded prefix, AnchorIndex's
/// anchor lists by trigram hash): open addressing, immutable after init (hence Sendable),
/// raw buffers so the lookup per candidate retains nothing.
final class IDListTable: @unchecked Sendable {
    private let keys: UnsafeMutableBufferPointer<UInt64>          // 0: empty slot
    private let ranges: UnsafeMutableBufferPointer<(start: Int32, count: Int32)>
    let list: UnsafeMutableBufferPointer<Int32>
    private let mask: Int

    init(_ entries: [UInt64: [Int32]]) {
        var capacity = 16
        while capacity < entries.count * 3 { capacity <<= 1 }
        keys = .allocate(capacity: capacity)
        keys.initialize(repeating: 0)
        ranges = .allocate(capacity: capacity)
        ranges.initialize(repeating: (0, 0))
        list = .allocate(capacity: max(1, entries.values.reduce(0) { $0 + $1.count }))
        mask = capacity - 1
        var at = 0
        for (key, ids) in entries.sorted(by: { $0.key < $1.key }) {
            precondition(key != 0, "IDListTable keys are never 0")
            var slot = Self.hash(key) & mask
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = key
            ranges[slot] = (Int32(at), Int32(ids.count))
            for id in ids { list[at] = id; at += 1 }
        }
    }

    deinit {
        keys.deallocate()
        ranges.deallocate()
        list.deallocate()
    }

    @inline(__always)
    static func hash(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) }

    /// The range of `list` holding the ids with this key (empty when none).
    @inline(__always)
    func lookup(_ key: UInt64) -> Range<Int> {
        var slot = Self.hash(key) & mask
        while true {
            let k = keys[slot]
            if k == key { return Int(ranges[slot].start)..<Int(ranges[slot].start + ranges[slot].count) }
            if k == 0 { return 0..<0 }
            slot = (slot + 1) & mask
        }
    }
}
