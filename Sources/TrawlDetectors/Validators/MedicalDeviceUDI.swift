// Unique Device Identifiers (MEDICAL_DEVICE_UDI) in the human-readable forms of the three
// FDA-accredited issuing agencies (21 CFR 830; FDA, "UDI Basics").
//
// - GS1 (GS1 General Specifications, sections 3.2 and 7.9): "(01)" and a 14-digit GTIN
//   whose last digit is the GS1 mod 10 check digit (weights 3, 1, 3, ... from the right,
//   check = (10 - sum mod 10) mod 10), optionally followed by the production identifiers
//   (11) production date and (17) expiry date as YYMMDD (month 01-12, day 00-31), (10)
//   batch/lot and (21) serial number. GTINs under the GS1 prefixes 950 (GS1 Global Office)
//   and 952 (reserved for demonstrations and examples) are example numbers: rejected.
// - HIBCC (ANSI/HIBC 2.6, Supplier Labeling Standard): "+", a 4-character Labeler
//   Identification Code (first character a letter), a product/catalog number, a 1-digit
//   unit of measure, optionally "/" and the secondary data (concatenated format), and a
//   final check character: the sum of the values of every preceding character (0-9 ->
//   0-9, A-Z -> 10-35, '-' 36, '.' 37, ' ' 38, '$' 39, '/' 40, '+' 41, '%' 42) mod 43.
// - ICCBBA (ISBT 128 Standard Technical Specification, ST-001): the Donation
//   Identification Number, a facility code (a letter A-N or P-Z and 4 digits), a 2-digit
//   year and a 6-digit sequence number. Either as encoded data, after the data identifier
//   "=" (optionally followed by the 2 flag digits), or as printed for keyboard entry:
//   groups 5-2-6, optional flag digits, and the check character computed on the 13 DIN
//   characters with ISO/IEC 7064 MOD 37-2 (0-9, A-Z = 10-35, '*' = 36).
//
// No allocation.

public enum MedicalDeviceUDI {
    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let first = bytes.first else { return false }
        switch first {
        case UInt8(ascii: "("): return isGS1(bytes)
        case UInt8(ascii: "+"): return isHIBCC(bytes)
        case UInt8(ascii: "="): return isISBTData(bytes)
        default: return isISBTPrinted(bytes)
        }
    }

    // MARK: - GS1

    static func isGS1(_ b: UnsafeRawBufferPointer) -> Bool {
        // "(01)", an optional space, 14 digits.
        guard b.count >= 18, b[1] == 48, b[2] == 49, b[3] == UInt8(ascii: ")") else { return false }
        var i = 4
        if b[i] == 32 { i += 1 }
        guard i + 14 <= b.count else { return false }
        var sum = 0
        for k in 0..<13 {
            let byte = b[i + k]
            guard isDigit(byte) else { return false }
            // Weight 3 for the digit next to the check digit, alternating leftwards.
            sum += Int(byte &- 48) * ((12 - k) & 1 == 0 ? 3 : 1)
        }
        let check = b[i + 13]
        guard isDigit(check), (10 - sum % 10) % 10 == Int(check &- 48) else { return false }
        let prefix = Int(b[i + 1] &- 48) * 100 + Int(b[i + 2] &- 48) * 10 + Int(b[i + 3] &- 48)
        guard prefix != 950, prefix != 952 else { return false }
        i += 14
        // Application identifiers that follow: check the dates of (11) and (17).
        while i < b.count {
            if b[i] == 32 { i += 1; continue }
            guard b[i] == UInt8(ascii: "("), i + 3 < b.count, b[i + 3] == UInt8(ascii: ")") else {
                i += 1
                continue
            }
            let ai = Int(b[i + 1] &- 48) * 10 + Int(b[i + 2] &- 48)
            i += 4
            if i < b.count && b[i] == 32 { i += 1 }
            if ai == 11 || ai == 17 {
                guard i + 6 <= b.count else { return false }
                for k in 0..<6 where !isDigit(b[i + k]) { return false }
                let month = Int(b[i + 2] &- 48) * 10 + Int(b[i + 3] &- 48)
                let day = Int(b[i + 4] &- 48) * 10 + Int(b[i + 5] &- 48)
                guard month >= 1, month <= 12, day <= 31 else { return false }
                i += 6
            }
        }
        return true
    }

    // MARK: - HIBCC

    static func isHIBCC(_ b: UnsafeRawBufferPointer) -> Bool {
        // +, LIC (4), at least one product character, the unit of measure digit, check.
        guard b.count >= 8, b.count <= 80, isUpper(b[1]) else { return false }
        var sum = 0
        var slash = -1
        for i in 0..<(b.count - 1) {
            guard let v = hibcValue(b[i]) else { return false }
            if i >= 2 && i <= 4 && !(isUpper(b[i]) || isDigit(b[i])) { return false }
            if v == 40 && slash < 0 && i > 4 { slash = i }
            sum += v
        }
        guard let check = hibcValue(b[b.count - 1]), sum % 43 == check else { return false }
        // The unit of measure digit ends the primary data: before the "/" of the
        // concatenated format, or before the check character.
        let unit = slash > 0 ? slash - 1 : b.count - 2
        return unit >= 6 && isDigit(b[unit])
    }

    @inline(__always)
    static func hibcValue(_ byte: UInt8) -> Int? {
        if isDigit(byte) { return Int(byte &- 48) }
        if isUpper(byte) { return Int(byte &- 55) }
        switch byte {
        case UInt8(ascii: "-"): return 36
        case UInt8(ascii: "."): return 37
        case UInt8(ascii: " "): return 38
        case UInt8(ascii: "$"): return 39
        case UInt8(ascii: "/"): return 40
        case UInt8(ascii: "+"): return 41
        case UInt8(ascii: "%"): return 42
        default: return nil
        }
    }

    // MARK: - ISBT 128

    /// "=" and the 13 DIN characters, optionally 2 flag digits.
    static func isISBTData(_ b: UnsafeRawBufferPointer) -> Bool {
        guard b.count == 14 || b.count == 16, isFacilityLetter(b[1]) else { return false }
        for i in 2..<b.count where !isDigit(b[i]) { return false }
        return true
    }

    /// Printed DIN: 5-2-6 (spaces optional), optional flag digits, check character.
    static func isISBTPrinted(_ b: UnsafeRawBufferPointer) -> Bool {
        guard b.count >= 15, isFacilityLetter(b[0]) else { return false }
        var p = 0                 // ISO 7064 MOD 37-2 running value
        var count = 0
        var i = 0
        while i < b.count && count < 13 {
            let byte = b[i]
            i += 1
            if byte == 32 { continue }
            let v: Int
            if count == 0 {
                v = Int(byte &- 55)
            } else {
                guard isDigit(byte) else { return false }
                v = Int(byte &- 48)
            }
            p = ((p + v) * 2) % 37
            count += 1
        }
        guard count == 13 else { return false }
        // Skip the optional " ff" flag digits: the check character is the last byte,
        // after a space.
        let last = b[b.count - 1]
        guard b[b.count - 2] == 32 else { return false }
        let rest = b.count - 2 - i      // bytes between the DIN and " K"
        guard rest == 0 || (rest == 3 && b[i] == 32 && isDigit(b[i + 1]) && isDigit(b[i + 2])) else { return false }
        let value: Int
        if isDigit(last) {
            value = Int(last &- 48)
        } else if isUpper(last) {
            value = Int(last &- 55)
        } else if last == UInt8(ascii: "*") {
            value = 36
        } else {
            return false
        }
        return (38 - p) % 37 == value
    }

    /// ISBT 128 facility codes begin with A-N or P-Z.
    @inline(__always)
    static func isFacilityLetter(_ byte: UInt8) -> Bool { isUpper(byte) && byte != UInt8(ascii: "O") }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }
}
