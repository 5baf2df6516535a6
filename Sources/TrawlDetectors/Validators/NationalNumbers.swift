// Shared pieces of the national identification, insurance and phone number validators
// (Registry+PersonalNational.swift lists them); the byte classes, separators and digit
// helpers serve the taxpayer validators' TaxpayerCharacters too. Every validator is a pure function over
// the matched bytes: the separators the detector's regex allows (space, '-', '.', '/')
// are skipped, letters are compared upper-cased, and nothing is allocated (a candidate
// is copied, when a validator needs random access to it, into a small stack buffer).

public enum NationalNumbers {
    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }

    @inline(__always)
    static func isUpper(_ b: UInt8) -> Bool { b &- 65 < 26 }

    @inline(__always)
    static func upper(_ b: UInt8) -> UInt8 { b &- 97 < 26 ? b &- 32 : b }

    /// Space, '-', '.' and '/': the group separators the national formats use.
    @inline(__always)
    static func isSeparator(_ b: UInt8) -> Bool { b == 32 || b == 45 || b == 46 || b == 47 }

    /// Calls `body` with the candidate's bytes minus separators, letters upper-cased, in
    /// a stack buffer of `capacity` bytes; false when the candidate is longer.
    @inline(__always)
    static func withCompacted(_ bytes: UnsafeRawBufferPointer, capacity: Int,
                              _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var count = 0
            for byte in bytes {
                if isSeparator(byte) { continue }
                guard count < capacity else { return false }
                buffer[count] = upper(byte)
                count &+= 1
            }
            return body(UnsafeBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    /// True when every byte is a digit.
    @inline(__always)
    static func allDigits<Bytes: Collection>(_ c: Bytes) -> Bool where Bytes.Element == UInt8 {
        for b in c where !isDigit(b) { return false }
        return true
    }

    /// True when the digits of `c` are all the same digit (11111111, 99.999.999).
    @inline(__always)
    static func isRepeatedDigit(_ c: UnsafeBufferPointer<UInt8>) -> Bool {
        var first: UInt8 = 0
        for b in c where isDigit(b) {
            if first == 0 { first = b } else if b != first { return false }
        }
        return true
    }

    /// The decimal value of `c[from..<to]` (digits only; callers check).
    @inline(__always)
    static func value<Bytes: RandomAccessCollection>(_ c: Bytes, _ from: Int, _ to: Int) -> Int
    where Bytes.Element == UInt8, Bytes.Index == Int {
        var v = 0
        var i = from
        while i < to {
            v = v &* 10 &+ Int(c[i] &- 48)
            i &+= 1
        }
        return v
    }
}
