// A growable array of plain values in one allocated block, for the hot loops of one
// reader or worker (JSONReader's path and value, FieldScanner's batch): Swift's Array
// checks uniqueness (and, through a class property, retains its storage) on every append,
// and truncating goes through the generic replaceSubrange; profiles put that at a fifth
// of the time spent batching CSV and JSON fields. Not copyable: its owner frees it once.
// Inlinable, so other modules get it specialised for their element type.

import CTrawlKernels

public struct PlainBuffer<Element: BitwiseCopyable>: ~Copyable {
    @usableFromInline var storage: UnsafeMutablePointer<Element>
    @usableFromInline var used = 0
    @usableFromInline var allocated: Int

    @inlinable
    public init(capacity: Int) {
        allocated = max(16, capacity)
        storage = .allocate(capacity: allocated)
    }

    deinit { storage.deallocate() }

    @inlinable public var base: UnsafeMutablePointer<Element> { storage }
    @inlinable public var count: Int { used }
    /// Elements it holds room for without growing.
    @inlinable public var capacity: Int { allocated }
    @inlinable public var isEmpty: Bool { used == 0 }

    @inlinable
    public subscript(i: Int) -> Element {
        get { storage[i] }
        nonmutating set { storage[i] = newValue }
    }

    @inlinable
    public mutating func append(_ element: Element) {
        if used == allocated { grow(to: used + 1) }
        storage[used] = element
        used += 1
    }

    @inlinable
    public mutating func removeAll() { used = 0 }

    /// Room for `n` elements in all, so that they can be written through `base`.
    @inlinable
    public mutating func reserve(_ n: Int) { if n > allocated { grow(to: n) } }

    /// The first `n` elements (within the room reserved) are held: written through `base`.
    @inlinable
    public mutating func setCount(_ n: Int) {
        precondition(n >= 0 && n <= allocated, "past the room reserved")
        used = n
    }

    /// Holds exactly `count` copies of `value` (a fixed-size table reset in one pass).
    @inlinable
    public mutating func fill(_ value: Element, count: Int) {
        if count > allocated { grow(to: count) }
        storage.update(repeating: value, count: count)
        used = count
    }

    @inlinable public var last: Element? { used > 0 ? storage[used - 1] : nil }

    @inlinable
    public mutating func removeLast() { used -= 1 }

    /// Keeps the first `n` elements.
    @inlinable
    public mutating func truncate(to n: Int) { used = min(used, max(0, n)) }

    /// Drops the first `n` elements (the rest move to the front).
    @inlinable
    public mutating func removeFirst(_ n: Int) {
        let k = min(used, max(0, n))
        storage.update(from: storage + k, count: used - k)    // (the ranges may overlap)
        used -= k
    }

    @usableFromInline
    mutating func grow(to needed: Int) {
        var c = allocated * 2
        while c < needed { c *= 2 }
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: c)
        bigger.update(from: storage, count: used)
        storage.deallocate()
        storage = bigger
        allocated = c
    }
}

extension PlainBuffer where Element == UInt8 {
    @inlinable @inline(__always)
    public mutating func append(contentsOf raw: UnsafeRawBufferPointer) {
        guard let from = raw.baseAddress, raw.count > 0 else { return }
        let n = raw.count
        if used + n > allocated { grow(to: used + n) }
        let to = UnsafeMutableRawPointer(storage + used)
        // Up to 16 bytes (most JSON keys, values and paths) as two overlapping loads and
        // stores, inline: a call to memmove per value was 6% of the time on JSON Lines.
        if n >= 8 && n <= 16 {
            let head = from.loadUnaligned(as: UInt64.self), tail = from.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            to.storeBytes(of: head, as: UInt64.self)
            to.storeBytes(of: tail, toByteOffset: n - 8, as: UInt64.self)
        } else if n >= 4 && n < 8 {
            let head = from.loadUnaligned(as: UInt32.self), tail = from.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
            to.storeBytes(of: head, as: UInt32.self)
            to.storeBytes(of: tail, toByteOffset: n - 4, as: UInt32.self)
        } else if n < 4 {
            for k in 0..<n { to.storeBytes(of: from.load(fromByteOffset: k, as: UInt8.self), toByteOffset: k, as: UInt8.self) }
        } else {
            to.copyMemory(from: from, byteCount: n)
        }
        used += n
    }

    /// The bytes held, valid until the next append.
    @inlinable
    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: storage, count: used) }
}

extension PlainBuffer where Element == UInt8 {
    /// Appends `raw` with every `byte` written as `replacement` (one vectorised pass).
    public mutating func append(contentsOf raw: UnsafeRawBufferPointer, replacing byte: UInt8,
                                with replacement: UInt8) {
        guard let from = raw.baseAddress, raw.count > 0 else { return }
        if used + raw.count > allocated { grow(to: used + raw.count) }
        trawl_copy_replacing(from.assumingMemoryBound(to: UInt8.self), raw.count, byte, replacement, storage + used)
        used += raw.count
    }
}
