// US Social Security numbers: the structure the Social Security Administration assigns
// (https://www.ssa.gov/employer/randomizationfaqs.html and
// https://www.ssa.gov/history/ssn/misused.html):
// - nine digits AAA-GG-SSSS, written compact or with '-' or ' ' after the area and the
//   group, the same separator both times;
// - area (AAA) never 000, 666 or 900-999; group (GG) never 00; serial (SSSS) never 0000;
// - numbers published in advertising or as examples are not reported: 078-05-1120 (the
//   Woolworth wallet card), 219-09-9999 (an SSA pamphlet) and 123-45-6789.
// No allocation.

public enum USSocialSecurityNumber {
    /// Published example numbers, as 9-digit integers.
    public static let publishedExamples: [Int] = [078_05_1120, 219_09_9999, 123_45_6789]

    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let separator: UInt8?
        switch bytes.count {
        case 9:
            separator = nil
        case 11:
            let first = bytes[3]
            guard first == UInt8(ascii: "-") || first == UInt8(ascii: " "),
                  bytes[6] == first else { return false }
            separator = first
        default:
            return false
        }
        var value = 0
        for (index, byte) in bytes.enumerated() {
            if separator != nil, index == 3 || index == 6 { continue }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return false }
            value = value &* 10 &+ Int(byte &- UInt8(ascii: "0"))
        }
        return isAssignable(value)
    }

    /// The SSA's assignment rules and published examples, for a 9-digit value (also the
    /// SSN part of a Medicare HICN, HealthInsuranceClaimNumber.swift).
    static func isAssignable(_ value: Int) -> Bool {
        let area = value / 1_000_000
        let group = (value / 10_000) % 100
        let serial = value % 10_000
        guard area != 0, area != 666, area < 900, group != 0, serial != 0 else { return false }
        return !publishedExamples.contains(value)
    }
}
