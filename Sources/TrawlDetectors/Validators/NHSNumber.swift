// UK NHS numbers (UK_NHS_NUMBER): England, Wales and the Isle of Man's 10-digit patient
// identifier (the same check digit is used by Scotland's CHI number and Northern
// Ireland's H&C number).
//
// Sources:
// - NHS Data Model and Dictionary, "NHS Number": 10 digits, the 10th a modulus 11 check
//   digit. Multiply digits 1-9 by the weights 10, 9, ..., 2, add the products, take the
//   remainder mod 11 and subtract it from 11; 11 gives check digit 0, and 10 means the
//   number is not valid (never issued). Printed 3-3-4: 943 476 5919.
// - NHS England (NHS Digital), test data: numbers beginning 999 are reserved for testing
//   and never issued; they are not reported.
//
// Spaces and dashes between groups are skipped. No allocation.

public enum NHSNumber {
    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var count = 0
        var sum = 0
        var head = 0
        var check = -1
        for byte in bytes {
            if byte == 32 || byte == 45 { continue }
            guard byte >= 48, byte <= 57, count < 10 else { return false }
            let digit = Int(byte &- 48)
            if count < 9 {
                sum += digit * (10 - count)
                if count < 3 { head = head * 10 + digit }
            } else {
                check = digit
            }
            count += 1
        }
        guard count == 10, head != 999 else { return false }
        let expected = 11 - sum % 11
        if expected == 10 { return false }
        return (expected == 11 ? 0 : expected) == check
    }
}
