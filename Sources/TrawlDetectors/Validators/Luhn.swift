// The Luhn (mod 10) check used by payment card numbers (ISO/IEC 7812-1, annex B).
// Runs on the matched bytes as they are: spaces and dashes between digit groups are
// skipped, any other non-digit byte rejects the candidate. No allocation.
// `sum` is the one Luhn computation of the validators: the national numbers with a Luhn
// check digit (Canada's SIN and Ontario health numbers, US NPIs, Swedish personnummer)
// use it too.

public enum Luhn {
    /// Payment card numbers have 12 to 19 digits (ISO/IEC 7812-1).
    public static let minimumDigits = 12
    public static let maximumDigits = 19

    /// True when `bytes` holds 12...19 digits (spaces and dashes ignored) whose Luhn sum
    /// is a multiple of 10.
    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var count = 0
        for byte in bytes where !isSeparator(byte) {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return false }
            count &+= 1
            if count > maximumDigits { return false }
        }
        return count >= minimumDigits && sum(bytes.lazy.filter { !isSeparator($0) }) % 10 == 0
    }

    /// The Luhn sum of `digits` (ASCII digits, the check digit last; the caller has
    /// checked that they are digits): walking from the rightmost digit, every second
    /// digit, starting with the one left of the check digit, is doubled (and 9 subtracted
    /// when it exceeds 9). A number passes when the sum is a multiple of 10.
    @inline(__always)
    static func sum<Digits: BidirectionalCollection>(_ digits: Digits) -> Int where Digits.Element == UInt8 {
        var sum = 0
        var doubled = false
        for byte in digits.reversed() {
            var digit = Int(byte &- UInt8(ascii: "0"))
            if doubled {
                digit &*= 2
                if digit > 9 { digit &-= 9 }
            }
            sum &+= digit
            doubled.toggle()
        }
        return sum
    }

    @inline(__always)
    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-")
    }
}
