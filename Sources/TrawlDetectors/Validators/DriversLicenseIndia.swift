// Indian driving licence numbers in the national format the Sarathi system issues.
//
// Sources:
// - Ministry of Road Transport and Highways (Central Motor Vehicles Rules 1989, the form
//   of the driving licence; the Sarathi / Parivahan services) and Wikipedia, "Driving
//   licence in India", section "Format": the licence number SS-RRYYYYNNNNNNN is
//   the two-letter state or union territory code, the two-digit code of the issuing
//   Regional Transport Office, the four-digit year of issue and a seven-digit serial
//   number (15 characters; printed compact, or with a space or hyphen after the state
//   code, the RTO code and the year).
// - The state and union territory codes are those of vehicle registration marks
//   (Wikipedia, "Vehicle registration plates of India"), listed below.
//
// Checked: a listed state code, an RTO code other than 00, a year 1900-2099, a serial
// other than 0000000. No allocation.

public enum DriversLicenseIndia {
    /// State and union territory codes (old and current ones: OR and OD, UA and UK, CG and
    /// CT, TS and TG, DD and DN with their merged successor).
    static let stateCodes: Set<UInt16> = Set([
        "AN", "AP", "AR", "AS", "BR", "CG", "CH", "CT", "DD", "DL", "DN", "GA", "GJ", "HP",
        "HR", "JH", "JK", "KA", "KL", "LA", "LD", "MH", "ML", "MN", "MP", "MZ", "NL", "OD",
        "OR", "PB", "PY", "RJ", "SK", "TG", "TN", "TR", "TS", "UA", "UK", "UP", "WB",
    ].map { code -> UInt16 in
        let b = Array(code.utf8)
        return UInt16(b[0]) << 8 | UInt16(b[1])
    })

    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var position = 0
        var state: UInt16 = 0
        var rto = 0, year = 0, serial = 0
        for byte in bytes {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") { continue }
            if position < 2 {
                guard byte &- 65 < 26 else { return false }
                state = state << 8 | UInt16(byte)
            } else {
                guard byte &- 48 < 10 else { return false }
                let d = Int(byte &- 48)
                switch position {
                case 2, 3: rto = rto * 10 + d
                case 4...7: year = year * 10 + d
                case 8...14: serial = serial * 10 + d
                default: return false
                }
            }
            position += 1
        }
        guard position == 15, stateCodes.contains(state) else { return false }
        return rto != 0 && year >= 1900 && year <= 2099 && serial != 0
    }
}
