// A small ordered JSON writer, shared by the results-line and ASFF encoders.
//
// Why hand-written (DESIGN.md "Standards": say why): Foundation's JSONEncoder on Linux
// (swift-corelibs / swift-foundation, Swift 6.3) does not keep the members in the order
// the Codable type declares them (measured: `{"durationMs":..,"bucket":..,"members":..}`
// for a struct declared bucket, key, size, ...), and `.sortedKeys` is alphabetical, not
// the documented order. It also costs ~41 µs per typical result line (10,000 encodes,
// -O), against ~1-2 µs here. Both contracts (results lines, ASFF) fix the member order
// and must omit absent members, so the writer emits exactly what the encoders ask for.
//
// Output is RFC 8259 JSON in UTF-8: strings escape '"', '\' and the control characters
// U+0000-U+001F (short forms \b \f \n \r \t, otherwise \u00XX); everything else,
// non-ASCII included, is copied as UTF-8 (a Swift String is always valid UTF-8).
// Numbers are integers only. No whitespace between tokens.

/// Appends JSON tokens to a byte buffer, inserting commas where they belong.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8]
    /// True after a complete value: the next value or key needs a comma first.
    private var needsComma = false

    public init(capacity: Int = 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Continue writing after the given bytes (e.g. a caller's reusable buffer).
    public init(appendingTo buffer: [UInt8]) {
        bytes = buffer
    }

    // MARK: Structure

    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// A member name. Names are compile-time ASCII identifiers: written without escaping.
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// A member name that comes from data (e.g. a ProductFields map key): escaped.
    public mutating func key(_ name: String) {
        separate()
        appendEscaped(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    // MARK: Values

    public mutating func string(_ value: String) {
        separate()
        appendEscaped(value)
        needsComma = true
    }

    public mutating func int(_ value: Int64) {
        separate()
        ASCIIDigits.appendDecimal(value, to: &bytes)
        needsComma = true
    }

    public mutating func int(_ value: Int) {
        int(Int64(value))
    }

    public mutating func bool(_ value: Bool) {
        separate()
        if value {
            bytes.append(contentsOf: [0x74, 0x72, 0x75, 0x65])        // true
        } else {
            bytes.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])  // false
        }
        needsComma = true
    }

    /// An RFC 3339 UTC timestamp with milliseconds: `2024-03-01T12:00:00.000Z`.
    public mutating func timestamp(secondsSince1970 seconds: Double) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        RFC3339.append(secondsSince1970: seconds, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    // MARK: Members (key + value)

    public mutating func member(_ name: StaticString, _ value: String) {
        key(name)
        string(value)
    }

    public mutating func member(_ name: StaticString, _ value: Int64) {
        key(name)
        int(value)
    }

    public mutating func member(_ name: StaticString, _ value: Int) {
        key(name)
        int(Int64(value))
    }

    public mutating func member(_ name: StaticString, _ value: Bool) {
        key(name)
        bool(value)
    }

    /// Writes the member only when the value is present (nil is omitted, never null).
    public mutating func member(_ name: StaticString, ifPresent value: String?) {
        if let value { member(name, value) }
    }

    /// Writes the member only when the value holds a non-whitespace character
    /// (Security Hub's NonEmptyString, pattern `.*\S.*`): no null, no empty string.
    public mutating func member(_ name: StaticString, ifNonEmpty value: String?) {
        if let value, JSONWriter.hasNonWhitespace(value) { member(name, value) }
    }

    static func hasNonWhitespace(_ value: String) -> Bool {
        // ASCII first (Unicode's White_Space there: tab to carriage return, and space);
        // the scalar properties' lookup was 0.4% of a scan of small objects.
        for byte in value.utf8 {
            if byte >= 0x80 { break }
            if byte != 0x20 && !(0x09...0x0D).contains(byte) { return true }
        }
        return value.unicodeScalars.contains { !$0.properties.isWhitespace }
    }

    // MARK: Internals

    @inline(__always)
    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    /// Whether one of the 8 bytes of `w` is below 0x20, '"' or '\\' (the zero-byte tests
    /// of "Bit Twiddling Hacks"; a byte after a true hit may also be flagged, which only
    /// sends the caller to its byte loop early).
    @inline(__always)
    static func needsEscape(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let quote = w ^ 0x2222_2222_2222_2222, backslash = w ^ 0x5C5C_5C5C_5C5C_5C5C
        let control = (w &- 0x2020_2020_2020_2020) & ~w
        return (control | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)) & highs != 0
    }

    private mutating func appendEscaped(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var copy = value
        copy.withUTF8 { utf8 in
            var runStart = 0
            var i = 0
            let n = utf8.count
            let base = UnsafeRawPointer(utf8.baseAddress)
            while i < n {
                // Eight bytes at a time while none needs escaping (findings are mostly
                // plain text: the byte loop was the largest part of encoding one).
                while i + 8 <= n && !Self.needsEscape(base!.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { i += 8 }
                if i >= n { break }
                let byte = utf8[i]
                if byte >= 0x20 && byte != 0x22 && byte != 0x5C {
                    i += 1
                    continue
                }
                if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case 0x22: bytes.append(UInt8(ascii: "\""))
                case 0x5C: bytes.append(UInt8(ascii: "\\"))
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                              ASCIIDigits.hex(byte >> 4), ASCIIDigits.hex(byte & 0xF)])
                }
                i += 1
                runStart = i
            }
            if runStart < n { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<n])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// RFC 3339 timestamps in UTC with millisecond precision, as Security Hub's timestamp
/// rules accept them (`YYYY-MM-DDTHH:MM:SS.sssZ`). Written by hand (days-to-civil date
/// arithmetic, proleptic Gregorian) to stay off DateFormatter's locale and cost.
public enum RFC3339 {
    public static func string(secondsSince1970 seconds: Double) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        append(secondsSince1970: seconds, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func append(secondsSince1970 seconds: Double, to bytes: inout [UInt8]) {
        // Round to the microsecond first, then truncate to the millisecond: 1.123 s is
        // stored as 1.12299999... and must still print .123.
        let microsDouble = (seconds * 1_000_000).rounded()
        // Clamp to years 0000-9999 so the fixed-width fields stay valid.
        let bounded = max(-1e17, min(1e18, microsDouble.isFinite ? microsDouble : 0))
        let micros = max(-62_167_219_200_000_000, min(253_402_300_799_999_999, Int64(bounded)))
        var millis = micros / 1000
        if micros % 1000 < 0 { millis -= 1 }
        let msPerDay: Int64 = 86_400_000
        var days = millis / msPerDay
        var msOfDay = millis % msPerDay
        if msOfDay < 0 {
            msOfDay += msPerDay
            days -= 1
        }
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)

        let hour = msOfDay / 3_600_000
        let minute = (msOfDay / 60_000) % 60
        let second = (msOfDay / 1000) % 60
        let ms = msOfDay % 1000

        func digits(_ value: Int64, _ width: Int) {
            var divisor: Int64 = 1
            for _ in 1..<width { divisor *= 10 }
            var v = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(v / divisor))
                v %= divisor
                divisor /= 10
            }
        }
        digits(year, 4); bytes.append(UInt8(ascii: "-"))
        digits(month, 2); bytes.append(UInt8(ascii: "-"))
        digits(day, 2); bytes.append(UInt8(ascii: "T"))
        digits(hour, 2); bytes.append(UInt8(ascii: ":"))
        digits(minute, 2); bytes.append(UInt8(ascii: ":"))
        digits(second, 2); bytes.append(UInt8(ascii: "."))
        digits(ms, 3); bytes.append(UInt8(ascii: "Z"))
    }
}
