// Decimal and hexadecimal digits appended as bytes, for the writers of findings (JSON
// numbers and \u escapes, the finding Id's length prefixes and digest): without a String
// or a digit table per call.

enum ASCIIDigits {
    /// Appends `value` in decimal (a '-' first when negative).
    static func appendDecimal(_ value: Int64, to bytes: inout [UInt8]) {
        if value == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        // Magnitude as UInt64 so Int64.min does not overflow.
        var magnitude = value.magnitude
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                      UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            let buf = raw.bindMemory(to: UInt8.self)
            while magnitude > 0 {
                buf[19 - count] = UInt8(truncatingIfNeeded: magnitude % 10) + UInt8(ascii: "0")
                magnitude /= 10
                count += 1
            }
            // Appended as typed bytes: a slice of raw bytes has no contiguous storage to
            // offer the array, which then took it one byte at a time (about 275
            // instructions a number, most of a result line's occurrence list).
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[(20 - count)...]))
        }
    }

    /// The lower-case hexadecimal digit of `v` (0-15).
    @inline(__always)
    static func hex(_ v: UInt8) -> UInt8 {
        v < 10 ? UInt8(ascii: "0") + v : UInt8(ascii: "a") + v - 10
    }
}
