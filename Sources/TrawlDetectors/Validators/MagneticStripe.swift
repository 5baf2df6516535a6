// Payment card magnetic stripe data, tracks 1 and 2 as ISO/IEC 7813 defines them for
// financial transaction cards (the `magnetic-stripe` validator of
// CREDIT_CARD_MAGNETIC_STRIPE):
//
//   Track 1 (format code B, at most 79 characters):
//     [%] B PAN(≤19 digits) ^ NAME(2-26 characters) ^ YYMM|^ SSS|^ discretionary [?]
//   Track 2 (at most 40 characters):
//     [;] PAN(≤19 digits) = YYMM|= SSS|= discretionary [?]
//
// where % and ; are the start sentinels, ? the end sentinel (the LRC character after it
// is not part of the value), ^ and = the field separators, YYMM the expiry date and SSS
// the service code. An absent expiry date or service code is replaced by a field
// separator. Checks: the primary account number (ISO/IEC 7812-1) has 12-19 digits and
// passes the Luhn check; the expiry month is 01-12; the service code's digits are
// assigned values (ISO/IEC 7813: first digit 1, 2, 5, 6, 7 or 9 for interchange and
// technology, second 0, 2 or 4 for authorization processing, third 0-7 for allowed
// services and PIN requirements); the track's length is within its maximum; and the
// account number is not one of the card test numbers issuers and processors publish
// (Macie's list and the test cards in Stripe's, Adyen's and Braintree's documentation,
// the same as CREDIT_CARD_NUMBER's deny list) nor Wikipedia's example track's.
// No allocation.

public enum MagneticStripe {
    /// Track 1 and track 2 maximum lengths, sentinels and LRC included (ISO/IEC 7813).
    public static let track1MaximumLength = 79
    public static let track2MaximumLength = 40

    /// Published test account numbers: never reported in a track.
    public static let testAccountNumbers: Set<UInt64> = [
        76009244561, 4222222222222, 4911830000000, 30569309025904, 34343434343434,
        36148900647913, 36227206271667, 36700102000000, 38520000023237, 122000000000003,
        371449635398431, 378282246310005, 378734493671000, 2222405343248877, 2222990905257051,
        2223000048410010, 2223003122003222, 2223007648726984, 2223577120017656,
        3056930009020004, 3528000700000000, 3530111333300000, 3566002020360505,
        4000000000000002, 4000000000003220, 4000000000009995, 4000000760000002,
        4000001240000000, 4000002500003155, 4000056655665556, 4009348888881881,
        4012888888881881, 4111111111111111, 4242424242424242, 4444333322221111,
        4462030000000000, 4484070000000000, 4917300800000000, 4917484589897107,
        4917610000000000, 5019717010103742, 5105105105105100, 5111010030175156,
        5185540810000019, 5200828282828210, 5204230080000017, 5204740009900014,
        5420923878724339, 5454545454545454, 5455330760000018, 5506900490000436,
        5506900490000444, 5506900510000234, 5506920809243667, 5506922400634930,
        5506927427317625, 5553042241984105, 5555341244441115, 5555553753048194,
        5555555555554444, 5610591081018250, 6011000400000000, 6011000990139424,
        6011111111111117, 6011981111111113, 6200000000000005, 6243030000000001,
        6331101999990016, 6759649826438453, 6771798021000008, 630490017740292441,
        630495060000000000, 4917610000000000003, 6205500000000000004, 6799990100000000019,
        // Wikipedia's example tracks ("Magnetic stripe card", financial cards).
        1234567890123445,
    ]

    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let n = bytes.count
        guard n > 0 else { return false }
        var i = 0
        let track1: Bool
        switch bytes[0] {
        case UInt8(ascii: "%"):
            guard n > 1, bytes[1] == UInt8(ascii: "B") else { return false }
            track1 = true
            i = 2
        case UInt8(ascii: "B"):
            track1 = true
            i = 1
        case UInt8(ascii: ";"):
            track1 = false
            i = 1
        default:
            track1 = false
        }
        guard n <= (track1 ? track1MaximumLength : track2MaximumLength) else { return false }
        let separator = track1 ? UInt8(ascii: "^") : UInt8(ascii: "=")

        // Primary account number.
        let panStart = i
        var pan: UInt64 = 0
        while i < n, isDigit(bytes[i]) {
            if i - panStart < 19 { pan = pan &* 10 &+ UInt64(bytes[i] &- 48) }
            i += 1
        }
        let panEnd = i
        guard panEnd - panStart >= 12, panEnd - panStart <= 19, i < n, bytes[i] == separator else { return false }
        i += 1

        // Track 1: the cardholder's name, 2 to 26 characters.
        if track1 {
            let nameStart = i
            while i < n, bytes[i] != separator { i += 1 }
            guard i - nameStart >= 2, i - nameStart <= 26, i < n else { return false }
            i += 1
        }

        // Expiry date YYMM, or a separator when absent.
        if i + 4 <= n, isDigit(bytes[i]), isDigit(bytes[i + 1]), isDigit(bytes[i + 2]), isDigit(bytes[i + 3]) {
            let month = Int(bytes[i + 2] &- 48) * 10 + Int(bytes[i + 3] &- 48)
            guard month >= 1, month <= 12 else { return false }
            i += 4
        } else if i < n, bytes[i] == separator {
            i += 1
        } else {
            return false
        }

        // Service code, or a separator when absent.
        if i + 3 <= n, isDigit(bytes[i]), isDigit(bytes[i + 1]), isDigit(bytes[i + 2]) {
            switch bytes[i] {
            case UInt8(ascii: "1"), UInt8(ascii: "2"), UInt8(ascii: "5"), UInt8(ascii: "6"),
                 UInt8(ascii: "7"), UInt8(ascii: "9"): break
            default: return false
            }
            switch bytes[i + 1] {
            case UInt8(ascii: "0"), UInt8(ascii: "2"), UInt8(ascii: "4"): break
            default: return false
            }
            guard bytes[i + 2] <= UInt8(ascii: "7") else { return false }
        } else if !(i < n && bytes[i] == separator) {
            return false
        }

        guard Luhn.isValid(UnsafeRawBufferPointer(rebasing: bytes[panStart..<panEnd])) else { return false }
        return !testAccountNumbers.contains(pan)
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
}
