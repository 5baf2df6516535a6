// A reader's buffer with 32 readable bytes past its read area, for the byte search
// that compares whole 32-byte blocks (trawl_find_either_padded): JSONReader's strings
// and DelimitedTextReader's fields are mostly shorter than a block. Zeroed once, then
// lent to reader after reader by its owner (StructuredTextScanner, one per worker):
// zeroing 64 KiB per object was a visible share of a small object's cost.

import CTrawlKernels

public final class PaddedReadBuffer {
    private let storage: UnsafeMutableRawBufferPointer
    /// What a ByteSource reads into.
    let area: UnsafeMutableRawBufferPointer

    public init(capacity: Int = 64 * 1024) {
        storage = .allocate(byteCount: capacity + 32, alignment: 32)
        storage.initializeMemory(as: UInt8.self, repeating: 0)
        area = UnsafeMutableRawBufferPointer(rebasing: storage[..<capacity])
    }

    deinit { storage.deallocate() }

    /// The 8 bytes at `offset` of the area, little-endian (readable up to 24 bytes past
    /// its end, into the padding).
    @inline(__always)
    func load8(_ offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(storage.baseAddress! + offset).loadUnaligned(as: UInt64.self))
    }

    /// The first position in [from, count) of the area holding `a` or `b`, or `count`
    /// (`count`: the bytes the last read filled).
    @inline(__always)
    func next(_ a: UInt8, _ b: UInt8, from: Int, count: Int) -> Int {
        from + trawl_find_either_padded(storage.baseAddress!.assumingMemoryBound(to: UInt8.self) + from,
                                        count - from, a, b)
    }
}
