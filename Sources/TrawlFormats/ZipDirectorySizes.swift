// ZipDirectorySizes: the compressed size of each member of a zip held in memory,
// from its central directory.
//
// Why hand-written: the OOXML ratio limit (uncompressed / compressed size of a
// part, Macie's OOXML_UNCOMPRESSED_RATIO_EXCEEDS_LIMIT) needs each part's
// compressed size, and libarchive's entries do not carry it. Reading the end of
// central directory record and the directory's fixed-size headers (PKWARE
// APPNOTE 4.3.12-4.3.16, zip64 4.3.14/4.5.3) is a few bounds-checked loads; a
// missing or damaged directory yields an empty table (the caller then bounds a
// part by the whole package's size).

struct ZipDirectorySizes {
    /// Compressed size by member name (as stored, lower-cased: OPC part names
    /// compare case-insensitively).
    private(set) var compressedSizes: [String: Int64] = [:]

    init(_ zip: [UInt8]) {
        zip.withUnsafeBytes { parse($0) }
    }

    func compressedSize(of name: String) -> Int64? {
        compressedSizes[name.lowercased()]
    }

    private mutating func parse(_ b: UnsafeRawBufferPointer) {
        guard let eocd = Self.findEndOfCentralDirectory(b) else { return }
        var count = Int64(Self.u16(b, eocd + 10))
        var offset = Int64(Self.u32(b, eocd + 16))
        if count == 0xFFFF || offset == 0xFFFF_FFFF {
            // zip64: the locator sits just before the end record.
            let locator = eocd - 20
            guard locator >= 0, Self.u32(b, locator) == 0x0706_4B50 else { return }
            let record = Self.u64(b, locator + 8)
            guard record >= 0, record <= Int64(b.count - 56), Self.u32(b, Int(record)) == 0x0606_4B50 else { return }
            count = Self.u64(b, Int(record) + 32)
            offset = Self.u64(b, Int(record) + 48)
        }
        guard offset >= 0, offset < Int64(b.count), count >= 0 else { return }
        var p = Int(offset)
        var seen: Int64 = 0
        while seen < count, p + 46 <= b.count, Self.u32(b, p) == 0x0201_4B50 {
            var compressed = Int64(Self.u32(b, p + 20))
            let uncompressed32 = Self.u32(b, p + 24)
            let nameLength = Int(Self.u16(b, p + 28))
            let extraLength = Int(Self.u16(b, p + 30))
            let commentLength = Int(Self.u16(b, p + 32))
            let nameStart = p + 46
            let extraStart = nameStart + nameLength
            let next = extraStart + extraLength + commentLength
            guard next <= b.count else { return }
            if compressed == 0xFFFF_FFFF {
                // zip64 extended information: the 8-byte sizes that overflowed, in
                // order (uncompressed first, if it overflowed too).
                var q = extraStart
                while q + 4 <= extraStart + extraLength {
                    let id = Self.u16(b, q)
                    let size = Int(Self.u16(b, q + 2))
                    if id == 0x0001 {
                        let at = q + 4 + (uncompressed32 == 0xFFFF_FFFF ? 8 : 0)
                        if at + 8 <= q + 4 + size { compressed = Self.u64(b, at) }
                        break
                    }
                    q += 4 + size
                }
            }
            let name = String(decoding: UnsafeRawBufferPointer(rebasing: b[nameStart..<extraStart]), as: UTF8.self)
            compressedSizes[name.lowercased()] = compressed
            seen += 1
            p = next
        }
    }

    /// The end of central directory record: its signature, searched backwards
    /// over the longest possible comment.
    private static func findEndOfCentralDirectory(_ b: UnsafeRawBufferPointer) -> Int? {
        guard b.count >= 22 else { return nil }
        let lowest = max(0, b.count - 22 - 0xFFFF)
        var p = b.count - 22
        while p >= lowest {
            if u32(b, p) == 0x0605_4B50 { return p }
            p -= 1
        }
        return nil
    }

    private static func u16(_ b: UnsafeRawBufferPointer, _ at: Int) -> UInt16 {
        UInt16(b[at]) | UInt16(b[at + 1]) << 8
    }

    private static func u32(_ b: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
        UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
    }

    /// A little-endian 64-bit field, as Int64 (negative when the top bit is set:
    /// callers reject that as out of range).
    private static func u64(_ b: UnsafeRawBufferPointer, _ at: Int) -> Int64 {
        Int64(bitPattern: UInt64(u32(b, at)) | UInt64(u32(b, at + 4)) << 32)
    }
}
