// The keyword subset of each JSON key seen in an object, looked up by the key's bytes.
//
// A JSON Lines object repeats the same few keys in every record, so each key is looked up
// hundreds of thousands of times. Swift's Dictionary hashes its UInt64 key again with
// SipHash and keeps an array per bucket; this table uses the key's FNV-1a hash as is,
// keeps the keys' bytes in one arena and retains nothing per lookup. It stops growing
// past `maxNames` distinct keys (a hostile object can hold millions); the rest are
// looked up uncached.

#if canImport(Glibc)
import Glibc
#endif

struct FieldNameCache: ~Copyable {
    private var hashes: UnsafeMutableBufferPointer<UInt64>
    /// Per slot: the key's bytes in `arena` (start, count) and its subset id; count -1:
    /// empty slot.
    private var slots: UnsafeMutableBufferPointer<(start: Int32, count: Int32, id: Int32)>
    private var arena: [UInt8] = []
    private(set) var count = 0
    static let maxNames = 65_536

    init() {
        hashes = .allocate(capacity: 64)
        hashes.initialize(repeating: 0)
        slots = .allocate(capacity: 64)
        slots.initialize(repeating: (0, -1, 0))
    }

    deinit {
        hashes.deallocate()
        slots.deallocate()
    }

    @inline(__always)
    static func hash(_ name: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in name { h = (h ^ UInt64(b)) &* 0x0100_0000_01b3 }
        return h
    }

    /// The id stored for `name` (whose hash is `hash`), or nil.
    @inline(__always)
    func lookup(_ name: UnsafeRawBufferPointer, hash: UInt64) -> Int32? {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while slots[i].count >= 0 {
            if hashes[i] == hash && Int(slots[i].count) == name.count && matches(name, slots[i].start) {
                return slots[i].id
            }
            i = (i + 1) & mask
        }
        return nil
    }

    mutating func insert(_ name: UnsafeRawBufferPointer, hash: UInt64, id: Int32) {
        guard count < Self.maxNames, arena.count + name.count <= Int(Int32.max) else { return }
        if (count + 1) * 2 > slots.count { grow() }
        let start = Int32(arena.count)
        arena.append(contentsOf: name)
        place(hash, (start, Int32(name.count), id))
        count += 1
    }

    private func matches(_ name: UnsafeRawBufferPointer, _ start: Int32) -> Bool {
        if name.isEmpty { return true }
        return arena.withUnsafeBytes { a in
            guard let base = a.baseAddress, let other = name.baseAddress else { return false }
            return memcmp(base + Int(start), other, name.count) == 0
        }
    }

    private mutating func place(_ hash: UInt64, _ slot: (start: Int32, count: Int32, id: Int32)) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while slots[i].count >= 0 { i = (i + 1) & mask }
        hashes[i] = hash
        slots[i] = slot
    }

    private mutating func grow() {
        let oldHashes = hashes, oldSlots = slots
        hashes = .allocate(capacity: oldSlots.count * 2)
        hashes.initialize(repeating: 0)
        slots = .allocate(capacity: oldSlots.count * 2)
        slots.initialize(repeating: (0, -1, 0))
        for i in oldSlots.indices where oldSlots[i].count >= 0 { place(oldHashes[i], oldSlots[i]) }
        oldHashes.deallocate()
        oldSlots.deallocate()
    }
}
