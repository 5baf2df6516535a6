// Passport numbers: the ICAO 9303 check digit, and the German passport number's
// structure and check digit.
//
// Sources:
// - ICAO Doc 9303, Machine Readable Travel Documents, Part 3 ("Specifications Common to
//   all MRTDs"), section 4.9 "Check digits in the MRZ": each character takes a value
//   (digits 0-9 their value, A-Z 10-35, the filler '<' 0), the values are multiplied by
//   the repeating weights 7, 3, 1 from the left, and the check digit is the sum modulo 10.
//   Worked example of Part 3 / Part 4 (the Utopia specimen): document number L898902C3
//   has check digit 6, date of birth 740812 has 2, expiry 120415 has 9.
// - German passports (Passgesetz; Passmusterverordnung, Anlage: Muster des Reisepasses;
//   BMI "Daten im Reisepass und Chip"): the document number (Seriennummer) has nine
//   characters, the first one of C F G H J K, the others from the alphabet
//   C F G H J K L M N P R T V W X Y Z and the digits (no vowels, no B D Q S, so no letter
//   reads like a digit). In the machine-readable zone, and where forms ask for the
//   number "mit Prüfziffer", it is followed by its ICAO 9303 check digit: the BMI specimen
//   (Erika Mustermann) has C01X00T47, check digit 8.
//
// The other passport numbers Macie reports (Canada, France, Italy, Spain, UK, US) carry
// no check digit of their own: only the MRZ adds one, and their detectors match the
// number as printed on the data page.
// The German identity card validator (GermanyIdentityCard.swift) uses the same check
// digit functions. No allocation.

public enum PassportNumber {
    /// ICAO 9303 character value: 0-9 for digits, 10-35 for A-Z, 0 for '<'; -1 otherwise.
    @inline(__always)
    static func icaoValue(_ byte: UInt8) -> Int {
        if byte >= 48 && byte <= 57 { return Int(byte &- 48) }
        if byte >= 65 && byte <= 90 { return Int(byte &- 55) }
        if byte == UInt8(ascii: "<") { return 0 }
        return -1
    }

    /// The ICAO 9303 check digit (0-9) of `bytes[from..<to]`, or nil when a byte is not
    /// a digit, an upper-case letter or '<'.
    public static func icaoCheckDigit(_ bytes: UnsafeRawBufferPointer, from: Int, to: Int) -> Int? {
        var sum = 0
        var index = from
        var weight = 0
        while index < to {
            let value = icaoValue(bytes[index])
            if value < 0 { return nil }
            switch weight {
            case 0: sum &+= value &* 7
            case 1: sum &+= value &* 3
            default: sum &+= value
            }
            weight = weight == 2 ? 0 : weight + 1
            index += 1
        }
        return sum % 10
    }

    /// True when `bytes[at]` is a digit and the ICAO 9303 check digit of `bytes[0..<at]`
    /// (the German passport and identity card numbers).
    static func hasICAOCheckDigit(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Bool {
        let last = bytes[index]
        guard last >= 48, last <= 57, let check = icaoCheckDigit(bytes, from: 0, to: index) else { return false }
        return check == Int(last &- 48)
    }

    /// The `passport-de` validator: a German passport number, nine characters (first one
    /// of CFGHJK, then the serial alphabet), optionally followed by its ICAO check digit,
    /// which must then be right.
    @Sendable
    public static func isValidGerman(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count == 9 || bytes.count == 10 else { return false }
        guard isGermanFirst(bytes[0]) else { return false }
        for index in 1..<9 where !isGermanSerial(bytes[index]) { return false }
        return bytes.count == 9 || hasICAOCheckDigit(bytes, at: 9)
    }

    @inline(__always)
    private static func isGermanFirst(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "C"), UInt8(ascii: "F"), UInt8(ascii: "G"), UInt8(ascii: "H"),
             UInt8(ascii: "J"), UInt8(ascii: "K"): return true
        default: return false
        }
    }

    @inline(__always)
    private static func isGermanSerial(_ byte: UInt8) -> Bool {
        if byte >= 48 && byte <= 57 { return true }
        switch byte {
        case UInt8(ascii: "C"), UInt8(ascii: "F"), UInt8(ascii: "G"), UInt8(ascii: "H"),
             UInt8(ascii: "J"), UInt8(ascii: "K"), UInt8(ascii: "L"), UInt8(ascii: "M"),
             UInt8(ascii: "N"), UInt8(ascii: "P"), UInt8(ascii: "R"), UInt8(ascii: "T"),
             UInt8(ascii: "V"), UInt8(ascii: "W"), UInt8(ascii: "X"), UInt8(ascii: "Y"),
             UInt8(ascii: "Z"): return true
        default: return false
        }
    }
}
