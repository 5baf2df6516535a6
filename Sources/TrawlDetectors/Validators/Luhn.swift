// The Luhn (mod 10) check used by payment card numbers (ISO/IEC 7812-1, annex B).
// Runs on the matched bytes as they are: spaces and dashes between digit groups are
// skipped, any other non-digit byte rejects the candidate. No allocation.

public enum Luhn {
    /// Payment card numbers have 12 to 19 digits (ISO/IEC 7812-1).
    public static let minimumDigits = 12
    public static let maximumDigits = 19

    /// True when `bytes` holds 12...19 digits (spaces and dashes ignored) whose Luhn sum
    /// is a multiple of 10.
    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        // Walk from the rightmost digit: every second digit, starting with the one left
        // of the check digit, is doubled (and 9 subtracted when it exceeds 9).
        var sum = 0
        var count = 0
        var index = bytes.count
        while index > 0 {
            index -= 1
            let byte = bytes[index]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") { continue }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return false }
            var digit = Int(byte &- UInt8(ascii: "0"))
            if count & 1 == 1 {
                digit &*= 2
                if digit > 9 { digit &-= 9 }
            }
            sum &+= digit
            count &+= 1
            if count > maximumDigits { return false }
        }
        return count >= minimumDigits && sum % 10 == 0
    }
}
