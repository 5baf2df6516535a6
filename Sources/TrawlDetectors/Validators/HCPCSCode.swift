// Healthcare Common Procedure Coding System codes (HCPCS, USA_HEALTHCARE_PROCEDURE_CODE).
// No check digit exists; the check is the codes' published structure and ranges.
//
// Sources:
// - CMS, HCPCS Level II coding procedures (https://www.cms.gov/medicare/coding-billing/
//   healthcare-common-procedure-system): one letter and four digits. Sections in use:
//   A (transportation, supplies), B (enteral/parenteral), C (outpatient PPS), D (dental),
//   E (durable medical equipment), G, H, J, K, L, M, P, Q, R, S, T, U, V.
// - AMA, CPT (HCPCS Level I): Category I codes are five digits in the ranges 00100-01999
//   (anesthesia), 10004-69990 (surgery), 70010-79999 (radiology), 80047-89398
//   (pathology and laboratory) and 90281-99607 (medicine, evaluation and management);
//   Category II codes are four digits and F; Category III codes 0001T-0999T;
//   Proprietary Laboratory Analyses 0001U-0999U.
//
// Exactly five characters, upper case. No allocation.

public enum HCPCSCode {
    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count == 5 else { return false }
        var value = 0
        for i in 1..<4 {
            guard isDigit(bytes[i]) else { return false }
            value = value * 10 + Int(bytes[i] &- 48)
        }
        let first = bytes[0], last = bytes[4]
        if isDigit(first) {
            let head = Int(first &- 48) * 1000 + value      // the first four digits
            if isDigit(last) {
                let code = head * 10 + Int(last &- 48)
                return (100...1999).contains(code) || (10004...99607).contains(code)
            }
            switch last {
            case UInt8(ascii: "F"): return head != 0
            case UInt8(ascii: "T"), UInt8(ascii: "U"): return first == 48 && head != 0
            default: return false
            }
        }
        guard isDigit(last), isLevelTwoSection(first) else { return false }
        return value * 10 + Int(last &- 48) != 0
    }

    @inline(__always)
    static func isLevelTwoSection(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "E"), UInt8(ascii: "G"), UInt8(ascii: "H"),
             UInt8(ascii: "J")...UInt8(ascii: "M"), UInt8(ascii: "P")...UInt8(ascii: "V"):
            return true
        default:
            return false
        }
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
}
