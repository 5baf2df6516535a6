// A growable array of plain values in one allocated block, for the hot loops of one
// reader or worker (JSONReader's path and value, FieldScanner's batch): Swift's Array
// checks uniqueness (and, through a class property, retains its storage) on every append,
// and truncating goes through the generic replaceSubrange; profiles put that at a fifth
// of the time spent batching CSV and JSON fields. Not copyable: its owner frees it once.

public struct PlainBuffer<Element: BitwiseCopyable>: ~Copyable {
    public private(set) var base: UnsafeMutablePointer<Element>
    public private(set) var count = 0
    public private(set) var capacity: Int

    public init(capacity: Int) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    public var isEmpty: Bool { count == 0 }

    @inline(__always)
    public subscript(i: Int) -> Element {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }

    @inline(__always)
    public mutating func append(_ element: Element) {
        if count == capacity { grow(to: count + 1) }
        base[count] = element
        count += 1
    }

    public mutating func removeAll() { count = 0 }

    /// Keeps the first `n` elements.
    @inline(__always)
    public mutating func truncate(to n: Int) { count = min(count, max(0, n)) }

    private mutating func grow(to needed: Int) {
        var c = capacity * 2
        while c < needed { c *= 2 }
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: c)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = c
    }
}

extension PlainBuffer where Element == UInt8 {
    @inline(__always)
    public mutating func append(contentsOf raw: UnsafeRawBufferPointer) {
        guard let from = raw.baseAddress, raw.count > 0 else { return }
        if count + raw.count > capacity { grow(to: count + raw.count) }
        UnsafeMutableRawPointer(base + count).copyMemory(from: from, byteCount: raw.count)
        count += raw.count
    }

    /// The bytes held, valid until the next append.
    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }
}
