// Vehicle identification numbers (VIN).
//
// Sources:
// - ISO 3779:2009 (content and structure of the VIN) and ISO 3780:2009 (world
//   manufacturer identifier, WMI): 17 characters, the digits and the capital letters
//   except I, O and Q; positions 1-3 the WMI, whose first character names the region
//   (1-5 North America, 6-7 Oceania, 8-9 South America, A-H Africa, J-R Asia with L for
//   China, S-Z Europe). ISO 3779 defines no check digit.
// - US 49 CFR Part 565 (FMVSS 565), section 565.15 "Content requirements": position 9 is
//   a check digit, computed by transliterating letters (A=1 B=2 C=3 D=4 E=5 F=6 G=7 H=8,
//   J=1 K=2 L=3 M=4 N=5 P=7 R=9, S=2 T=3 U=4 V=5 W=6 X=7 Y=8 Z=9), multiplying position
//   by position with the weights 8 7 6 5 4 3 2 10 0 9 8 7 6 5 4 3 2, and taking the sum
//   modulo 11 (10 is written X); position 10 is the model year, never 0, U or Z.
//   Transport Canada (CMVSS 115) and Mexico (NOM) require the same VIN, and China's
//   GB 16735 uses the same check digit in position 9.
//
// How the check digit applies, since Macie reports VINs worldwide: a VIN whose WMI is
// North American (first character 1-5) or Chinese (L) must carry a correct check digit
// (and, North American, a valid model-year code); a VIN from another region is accepted
// on its ISO 3779 structure alone, because ISO 3779 makes position 9 free there (most
// European VINs fail the North American formula). Every VIN also holds at least one
// letter and one digit (a WMI and a serial). No allocation.

public enum VehicleIdentificationNumber {
    /// Position weights of 49 CFR 565.15.
    static let weights: [Int] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]

    /// Transliterated value per byte: digits their value, VIN letters per 49 CFR 565.15,
    /// -1 for I, O, Q and every other byte.
    static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for digit in 0...9 { table[48 + digit] = Int8(digit) }
        let letters: [(Character, Int8)] = [
            ("A", 1), ("B", 2), ("C", 3), ("D", 4), ("E", 5), ("F", 6), ("G", 7), ("H", 8),
            ("J", 1), ("K", 2), ("L", 3), ("M", 4), ("N", 5), ("P", 7), ("R", 9),
            ("S", 2), ("T", 3), ("U", 4), ("V", 5), ("W", 6), ("X", 7), ("Y", 8), ("Z", 9),
        ]
        for (letter, value) in letters { table[Int(letter.asciiValue!)] = value }
        return table
    }()

    /// The check digit character (ASCII '0'-'9' or 'X') for a 17-character VIN, or nil
    /// when a character is not a VIN character.
    public static func checkCharacter(_ bytes: UnsafeRawBufferPointer) -> UInt8? {
        guard bytes.count == 17 else { return nil }
        var sum = 0
        for index in 0..<17 {
            let value = values[Int(bytes[index])]
            if value < 0 { return nil }
            sum &+= Int(value) &* weights[index]
        }
        let remainder = sum % 11
        return remainder == 10 ? UInt8(ascii: "X") : UInt8(48 + remainder)
    }

    /// The `vin` validator (see the header for the rules).
    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count == 17 else { return false }
        var letters = 0
        var digits = 0
        for byte in bytes {
            if values[Int(byte)] < 0 { return false }
            if byte <= 57 { digits &+= 1 } else { letters &+= 1 }
        }
        guard letters > 0, digits > 0 else { return false }
        let region = bytes[0]
        let northAmerican = region >= UInt8(ascii: "1") && region <= UInt8(ascii: "5")
        guard northAmerican || region == UInt8(ascii: "L") else { return true }
        if northAmerican {
            let year = bytes[9]
            if year == UInt8(ascii: "0") || year == UInt8(ascii: "U") || year == UInt8(ascii: "Z") { return false }
        }
        return checkCharacter(bytes) == bytes[8]
    }
}
