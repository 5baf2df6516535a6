// European Health Insurance Card numbers: the card's identification number (field 8 of
// the card), reported as FINLAND_EUROPEAN_HEALTH_INSURANCE_NUMBER for cards Finland's
// Kela issues and as EUROPEAN_HEALTH_INSURANCE_CARD_NUMBER for the other issuing states.
//
// Sources:
// - EHIC technical specifications (Administrative Commission for the Coordination of
//   Social Security Systems, Decision No S2 and its annex): field 8, "identification
//   number of the card", is the card number the issuing institution assigns, of up to 20
//   characters.
// - ISO/IEC 7812-1 numbering of health cards, which the EHIC issuers use for that number:
//   the major industry identifier 80 (health care) followed by the issuing state's
//   ISO 3166-1 numeric code, then the issuer and card serial: 20 digits in all. Finland's
//   cards begin 80246 (the Finnish EHIC pattern Microsoft Purview documents is 8024680246,
//   an optional space or hyphen, and 10 digits).
// - The issuing states: the EU and EEA members, Switzerland and the United Kingdom.
//
// No check digit is defined for the 20-digit number (its length exceeds the 19 digits of
// an ISO/IEC 7812 card number with a Luhn digit), so the check is structural: 20 digits
// (spaces or dashes between groups skipped), prefix 80, an issuing state's code, and a
// card serial (the last 15 digits) that is not all zeros. No allocation.

public enum EuropeanHealthInsuranceCard {
    /// Reported IDs, in row order: the table's `resolve` answers 0 or 1.
    public static let ids = ["EUROPEAN_HEALTH_INSURANCE_CARD_NUMBER", "FINLAND_EUROPEAN_HEALTH_INSURANCE_NUMBER"]

    /// ISO 3166-1 numeric codes of the states that issue the EHIC, Finland (246) included.
    public static let issuingStates: [Int] = [
        40, 56, 100, 191, 196, 203, 208, 233, 246, 250, 276, 300, 348, 352, 372, 380, 428, 438,
        440, 442, 470, 528, 578, 616, 620, 642, 703, 705, 724, 752, 756, 826,
    ]
    static let finland = 246

    public static let typeTable = TypeTable(name: "ehic", ids: ids, resolve: { resolve($0) })

    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool { resolve(bytes) != nil }

    /// 1 for a Finnish card, 0 for another issuing state's, nil when not a card number.
    @Sendable
    public static func resolve(_ bytes: UnsafeRawBufferPointer) -> Int? {
        var count = 0
        var head = 0          // the first five digits: 80 and the state code
        var serialNonZero = false
        for byte in bytes {
            if byte == 32 || byte == 45 { continue }
            guard byte >= 48, byte <= 57, count < 20 else { return nil }
            if count < 5 {
                head = head * 10 + Int(byte &- 48)
            } else if byte != 48 {
                serialNonZero = true
            }
            count += 1
        }
        guard count == 20, serialNonZero, head / 1000 == 80 else { return nil }
        let state = head % 1000
        guard isIssuingState[state] else { return nil }
        return state == finland ? 1 : 0
    }

    private static let isIssuingState: [Bool] = {
        var table = [Bool](repeating: false, count: 1000)
        for code in issuingStates { table[code] = true }
        return table
    }()
}
