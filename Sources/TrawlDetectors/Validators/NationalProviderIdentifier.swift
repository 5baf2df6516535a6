// US National Provider Identifiers (NPI, USA_NATIONAL_PROVIDER_IDENTIFIER).
//
// Source: CMS, "Requirements for the National Provider Identifier (NPI) and NPI
// Enumeration: Check Digit" (https://www.cms.gov/Regulations-and-Guidance/
// Administrative-Simplification/NationalProvIdentStand/Downloads/NPIcheckdigit.pdf):
// 10 digits, the first 1 or 2, the last a Luhn check digit computed over the card issuer
// prefix 80840 (ISO 7812 health industry, US) followed by the first 9 digits. Without the
// prefix this is the Luhn sum of the 10 digits plus the constant 24. CMS's worked example
// 1234567893 is a published value and is denied by the detector file.
//
// Exactly 10 digits, no separators; the Luhn sum is Luhn.swift's. No allocation.

public enum NationalProviderIdentifier {
    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count == 10 else { return false }
        let first = bytes[0]
        guard first == UInt8(ascii: "1") || first == UInt8(ascii: "2") else { return false }
        for byte in bytes where byte < 48 || byte > 57 { return false }
        return (24 + Luhn.sum(bytes)) % 10 == 0
    }
}
