// Checks that drop a regex match before it is reported, independent of keywords:
// published test values (deny lists), all-zero values, and ignore words. They run on
// the matched bytes without allocating.

/// Values compared on their letters and digits only, upper-cased: "4111 1111-1111 1111"
/// and "4111111111111111" are the same deny value.
public struct DenyList: Sendable {
    private let hashes: Set<UInt64>

    public init(_ values: [String]) {
        hashes = Set(values.map { v in
            var s = v
            return s.withUTF8 { DenyList.normalizedHash(UnsafeRawBufferPointer($0), 0, $0.count) }
        })
    }

    public var isEmpty: Bool { hashes.isEmpty }

    public func contains(_ s: UnsafeRawBufferPointer, _ from: Int, _ to: Int) -> Bool {
        hashes.contains(DenyList.normalizedHash(s, from, to))
    }

    /// FNV-1a over the upper-cased alphanumeric bytes (64-bit: collisions are negligible
    /// for lists of a few hundred values).
    @inline(__always)
    static func normalizedHash(_ s: UnsafeRawBufferPointer, _ from: Int, _ to: Int) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        var i = from
        while i < to {
            var b = s[i]
            if ASCII.isAlnum(b) {
                if b >= 97 { b -= 32 }
                h = (h ^ UInt64(b)) &* 0x100000001b3
            }
            i += 1
        }
        return h
    }
}

public enum ValueFilters {
    /// True when every letter or digit in the value is '0' ("000-00-0000"): never reported.
    @inline(__always)
    public static func isAllZero(_ s: UnsafeRawBufferPointer, _ from: Int, _ to: Int) -> Bool {
        var sawZero = false
        var i = from
        while i < to {
            let b = s[i]
            if b == 48 { sawZero = true } else if ASCII.isAlnum(b) { return false }
            i += 1
        }
        return sawZero
    }

    /// True when the value contains one of `words` (case-sensitive, as Macie's ignore words).
    public static func containsAny(_ words: [[UInt8]], _ s: UnsafeRawBufferPointer, _ from: Int, _ to: Int) -> Bool {
        for w in words where w.count <= to - from {
            var i = from
            while i + w.count <= to {
                var j = 0
                while j < w.count && s[i + j] == w[j] { j += 1 }
                if j == w.count { return true }
                i += 1
            }
        }
        return false
    }
}
