// US National Drug Codes (NDC, USA_NATIONAL_DRUG_CODE). The NDC has no check digit; the
// check is its segment structure.
//
// Sources:
// - FDA, National Drug Code Directory and 21 CFR 207.35: a 10-digit code of three
//   segments, labeler-product-package, in one of the configurations 4-4-2, 5-3-2 or
//   5-4-1, printed with hyphens.
// - CMS / HIPAA billing format (NCPDP and the 837 claim): the 11-digit 5-4-2 form, made
//   by padding one segment of the 10-digit code with a leading zero (4-4-2 -> 0LLLL,
//   5-3-2 -> 0PPP, 5-4-1 -> 0K). An 11-digit code with no segment starting with 0 cannot
//   come from any NDC, and is rejected.
//
// Accepted: 4-4-2, 5-3-2, 5-4-1 and 5-4-2 with hyphens, and the 11 digits without
// separators. The labeler segment may not be all zeros. No allocation.

public enum NationalDrugCode {
    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        // Segment lengths and whether each starts with 0 / is all zeros.
        var lengths = (0, 0, 0)
        var leadingZero = (false, false, false)
        var labelerNonZero = false
        var segment = 0
        var total = 0
        for byte in bytes {
            if byte == 45 {
                segment += 1
                guard segment < 3 else { return false }
                continue
            }
            guard byte >= 48, byte <= 57 else { return false }
            total += 1
            switch segment {
            case 0:
                if lengths.0 == 0 { leadingZero.0 = byte == 48 }
                lengths.0 += 1
                if byte != 48 { labelerNonZero = true }
            case 1:
                if lengths.1 == 0 { leadingZero.1 = byte == 48 }
                lengths.1 += 1
            default:
                if lengths.2 == 0 { leadingZero.2 = byte == 48 }
                lengths.2 += 1
            }
        }
        if segment == 0 {
            // Unhyphenated: only the 11-digit billing form, split 5-4-2.
            // The bytes are then exactly the 11 digits: a segment starts with the padding 0,
            // and the labeler (the first five) is not all zeros.
            guard total == 11 else { return false }
            let padded = bytes[0] == 48 || bytes[5] == 48 || bytes[9] == 48
            return padded && bytes[0..<5].contains { $0 != 48 }
        }
        guard segment == 2, labelerNonZero else { return false }
        switch lengths {
        case (4, 4, 2), (5, 3, 2), (5, 4, 1):
            return true
        case (5, 4, 2):
            return leadingZero.0 || leadingZero.1 || leadingZero.2
        default:
            return false
        }
    }
}
