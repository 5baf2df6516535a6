// GPS coordinates as Macie detects them (LATITUDE_LONGITUDE): a latitude and longitude
// pair in decimal degrees, e.g. 41.948614,-87.655311.
//
// Sources: ISO 6709:2008 (standard representation of geographic point location by
// coordinates), decimal-degree form: latitude -90...+90, longitude -180...+180, north and
// east positive; WGS 84 (NGA.STND.0036) as the datum GPS reports. The pair is read in
// either order, latitude first (ISO 6709, Macie's example) or longitude first (GeoJSON,
// RFC 7946 section 3.1.1, and KML), so it is valid when both values lie within
// +-180 degrees and at least one of them within +-90.
//
// The matched bytes are two signed decimals with a separator (comma, space or tab)
// between them. No allocation.

public enum GPSCoordinates {
    /// The `latitude-longitude` validator.
    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        guard let first = readDecimal(bytes, &index) else { return false }
        while index < bytes.count, bytes[index] == UInt8(ascii: ",") || bytes[index] == UInt8(ascii: " ")
                || bytes[index] == UInt8(ascii: "\t") {
            index += 1
        }
        guard let second = readDecimal(bytes, &index), index == bytes.count else { return false }
        guard within(first, 180), within(second, 180) else { return false }
        return within(first, 90) || within(second, 90)
    }

    /// A decimal's whole degrees and whether its fraction is non-zero.
    struct Degrees {
        var whole: Int
        var fractionNonZero: Bool
    }

    /// |value| <= limit.
    @inline(__always)
    static func within(_ d: Degrees, _ limit: Int) -> Bool {
        d.whole < limit || (d.whole == limit && !d.fractionNonZero)
    }

    /// Reads [+-]digits.digits at `index`; nil when the bytes there are not one.
    static func readDecimal(_ bytes: UnsafeRawBufferPointer, _ index: inout Int) -> Degrees? {
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            index += 1
        }
        var whole = 0
        var wholeDigits = 0
        while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
            whole = whole &* 10 &+ Int(bytes[index] &- 48)
            wholeDigits += 1
            if wholeDigits > 3 { return nil }
            index += 1
        }
        guard wholeDigits > 0, index < bytes.count, bytes[index] == UInt8(ascii: ".") else { return nil }
        index += 1
        var fractionDigits = 0
        var nonZero = false
        while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
            if bytes[index] != 48 { nonZero = true }
            fractionDigits += 1
            index += 1
        }
        guard fractionDigits > 0 else { return nil }
        return Degrees(whole: whole, fractionNonZero: nonZero)
    }
}
