// International Bank Account Numbers (ISO 13616): the per-country length and the
// ISO 7064 MOD 97-10 check, for exactly the jurisdictions Amazon Macie reports as
// <COUNTRY>_BANK_ACCOUNT_NUMBER.
//
// Sources:
// - Macie's list of IBAN identifiers ("International Bank Account Number (IBAN)" in
//   https://docs.aws.amazon.com/macie/latest/user/mdis-reference-financial.html):
//   52 jurisdictions, IDs spelled as Macie spells them, in Macie's order.
// - IBAN lengths: the SWIFT IBAN Registry
//   (https://www.swift.com/standards/data-standards/iban-international-bank-account-number).
//   Senegal is not in that registry (it uses an IBAN format outside it, as other
//   WAEMU countries do); its IBANs have 28 characters (SN, 2 check digits, 24 BBAN
//   characters), as the IBAN libraries that carry non-registry countries list it.
//
// The check runs on the matched bytes as they are (printed form with spaces or dashes
// between groups, or the compact electronic form): separators are skipped, the first four
// characters are moved to the end, letters count A = 10 ... Z = 35, and the remainder
// mod 97 is computed digit by digit (no big integers, no allocation); it must be 1.
// ISO 13616 check digits run from 02 to 98, so 00, 01 and 99 are rejected even though
// some such strings satisfy the remainder.

public enum IBAN {
    /// One IBAN jurisdiction Macie reports.
    public struct Country: Sendable, Equatable {
        /// ISO 3166-1 alpha-2 code that starts the IBAN.
        public let code: String
        /// Total IBAN length in characters, country code and check digits included.
        public let length: Int
        /// Macie managed data identifier ID.
        public let id: String
    }

    /// The one table: Macie's IBAN jurisdictions, in Macie's order.
    public static let countries: [Country] = [
        Country(code: "AL", length: 28, id: "ALBANIA_BANK_ACCOUNT_NUMBER"),
        Country(code: "AD", length: 24, id: "ANDORRA_BANK_ACCOUNT_NUMBER"),
        Country(code: "BA", length: 20, id: "BOSNIA_AND_HERZEGOVINA_BANK_ACCOUNT_NUMBER"),
        Country(code: "BR", length: 29, id: "BRAZIL_BANK_ACCOUNT_NUMBER"),
        Country(code: "BG", length: 22, id: "BULGARIA_BANK_ACCOUNT_NUMBER"),
        Country(code: "CR", length: 22, id: "COSTA_RICA_BANK_ACCOUNT_NUMBER"),
        Country(code: "HR", length: 21, id: "CROATIA_BANK_ACCOUNT_NUMBER"),
        Country(code: "CY", length: 28, id: "CYPRUS_BANK_ACCOUNT_NUMBER"),
        Country(code: "CZ", length: 24, id: "CZECH_REPUBLIC_BANK_ACCOUNT_NUMBER"),
        Country(code: "DK", length: 18, id: "DENMARK_BANK_ACCOUNT_NUMBER"),
        Country(code: "DO", length: 28, id: "DOMINICAN_REPUBLIC_BANK_ACCOUNT_NUMBER"),
        Country(code: "EG", length: 29, id: "EGYPT_BANK_ACCOUNT_NUMBER"),
        Country(code: "EE", length: 20, id: "ESTONIA_BANK_ACCOUNT_NUMBER"),
        Country(code: "FO", length: 18, id: "FAROE_ISLANDS_BANK_ACCOUNT_NUMBER"),
        Country(code: "FI", length: 18, id: "FINLAND_BANK_ACCOUNT_NUMBER"),
        Country(code: "FR", length: 27, id: "FRANCE_BANK_ACCOUNT_NUMBER"),
        Country(code: "GE", length: 22, id: "GEORGIA_BANK_ACCOUNT_NUMBER"),
        Country(code: "DE", length: 22, id: "GERMANY_BANK_ACCOUNT_NUMBER"),
        Country(code: "GR", length: 27, id: "GREECE_BANK_ACCOUNT_NUMBER"),
        Country(code: "GL", length: 18, id: "GREENLAND_BANK_ACCOUNT_NUMBER"),
        Country(code: "HU", length: 28, id: "HUNGARY_BANK_ACCOUNT_NUMBER"),
        Country(code: "IS", length: 26, id: "ICELAND_BANK_ACCOUNT_NUMBER"),
        Country(code: "IE", length: 22, id: "IRELAND_BANK_ACCOUNT_NUMBER"),
        Country(code: "IT", length: 27, id: "ITALY_BANK_ACCOUNT_NUMBER"),
        Country(code: "JO", length: 30, id: "JORDAN_BANK_ACCOUNT_NUMBER"),
        Country(code: "XK", length: 20, id: "KOSOVO_BANK_ACCOUNT_NUMBER"),
        Country(code: "LI", length: 21, id: "LIECHTENSTEIN_BANK_ACCOUNT_NUMBER"),
        Country(code: "LT", length: 20, id: "LITHUANIA_BANK_ACCOUNT_NUMBER"),
        Country(code: "MT", length: 31, id: "MALTA_BANK_ACCOUNT_NUMBER"),
        Country(code: "MR", length: 27, id: "MAURITANIA_BANK_ACCOUNT_NUMBER"),
        Country(code: "MU", length: 30, id: "MAURITIUS_BANK_ACCOUNT_NUMBER"),
        Country(code: "MC", length: 27, id: "MONACO_BANK_ACCOUNT_NUMBER"),
        Country(code: "ME", length: 22, id: "MONTENEGRO_BANK_ACCOUNT_NUMBER"),
        Country(code: "NL", length: 18, id: "NETHERLANDS_BANK_ACCOUNT_NUMBER"),
        Country(code: "MK", length: 19, id: "NORTH_MACEDONIA_BANK_ACCOUNT_NUMBER"),
        Country(code: "PL", length: 28, id: "POLAND_BANK_ACCOUNT_NUMBER"),
        Country(code: "PT", length: 25, id: "PORTUGAL_BANK_ACCOUNT_NUMBER"),
        Country(code: "SM", length: 27, id: "SAN_MARINO_BANK_ACCOUNT_NUMBER"),
        Country(code: "SN", length: 28, id: "SENEGAL_BANK_ACCOUNT_NUMBER"),
        Country(code: "RS", length: 22, id: "SERBIA_BANK_ACCOUNT_NUMBER"),
        Country(code: "SK", length: 24, id: "SLOVAKIA_BANK_ACCOUNT_NUMBER"),
        Country(code: "SI", length: 19, id: "SLOVENIA_BANK_ACCOUNT_NUMBER"),
        Country(code: "ES", length: 24, id: "SPAIN_BANK_ACCOUNT_NUMBER"),
        Country(code: "SE", length: 24, id: "SWEDEN_BANK_ACCOUNT_NUMBER"),
        Country(code: "CH", length: 21, id: "SWITZERLAND_BANK_ACCOUNT_NUMBER"),
        Country(code: "TL", length: 23, id: "TIMOR_LESTE_BANK_ACCOUNT_NUMBER"),
        Country(code: "TN", length: 24, id: "TUNISIA_BANK_ACCOUNT_NUMBER"),
        Country(code: "TR", length: 26, id: "TURKIYE_BANK_ACCOUNT_NUMBER"),
        Country(code: "GB", length: 22, id: "UK_BANK_ACCOUNT_NUMBER"),
        Country(code: "UA", length: 29, id: "UKRAINE_BANK_ACCOUNT_NUMBER"),
        Country(code: "AE", length: 23, id: "UNITED_ARAB_EMIRATES_BANK_ACCOUNT_NUMBER"),
        Country(code: "VG", length: 24, id: "VIRGIN_ISLANDS_BANK_ACCOUNT_NUMBER"),
    ]

    /// The type table detector files name as `typeTable: iban`: ids are Macie's IDs in
    /// table order; `resolve` gives the row of a valid IBAN of a listed country.
    public static let typeTable = TypeTable(name: "iban", ids: countries.map(\.id),
                                            resolve: { resolve($0) })

    /// The `iban` validator: a valid IBAN of one of Macie's jurisdictions.
    @Sendable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        resolve(bytes) != nil
    }

    /// Row index in `countries` for a valid IBAN (length for its country, check digits
    /// 02...98, MOD 97-10 remainder 1), nil otherwise.
    @Sendable
    public static func resolve(_ bytes: UnsafeRawBufferPointer) -> Int? {
        var head: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        var count = 0
        var remainder = 0
        for byte in bytes {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") { continue }
            switch count {
            case 0: head.0 = byte
            case 1: head.1 = byte
            case 2: head.2 = byte
            case 3: head.3 = byte
            default:
                guard let value = alphanumericValue(byte) else { return nil }
                remainder = accumulate(remainder, value)
            }
            count &+= 1
            if count > maximumLength { return nil }
        }
        guard count >= 4,
              let row = countryRow(head.0, head.1),
              Int(lengthByRow[row]) == count,
              isDigit(head.2), isDigit(head.3) else { return nil }
        let checkDigits = Int(head.2 &- 48) * 10 + Int(head.3 &- 48)
        guard checkDigits >= 2, checkDigits <= 98 else { return nil }
        // The rearranged number ends with the country code (as letter values) and the
        // check digits.
        remainder = accumulate(remainder, Int(head.0 &- 55))
        remainder = accumulate(remainder, Int(head.1 &- 55))
        remainder = accumulate(remainder, Int(head.2 &- 48))
        remainder = accumulate(remainder, Int(head.3 &- 48))
        return remainder == 1 ? row : nil
    }

    // MARK: - Internals

    /// The longest IBAN in the table (Malta, 31).
    static let maximumLength: Int = countries.map(\.length).max() ?? 34

    /// IBAN length per row (a plain array, so the hot path touches no String).
    private static let lengthByRow: [UInt8] = countries.map { UInt8($0.length) }

    /// 26 x 26 lookup from a two-letter code to a row index (-1: not a Macie jurisdiction).
    private static let rowByCode: [Int8] = {
        var table = [Int8](repeating: -1, count: 26 * 26)
        for (index, country) in countries.enumerated() {
            let letters = Array(country.code.utf8)
            precondition(letters.count == 2, "IBAN table: bad country code \(country.code)")
            let slot = Int(letters[0] - 65) * 26 + Int(letters[1] - 65)
            precondition(table[slot] == -1, "IBAN table: duplicate country \(country.code)")
            table[slot] = Int8(index)
        }
        return table
    }()

    @inline(__always)
    private static func countryRow(_ first: UInt8, _ second: UInt8) -> Int? {
        guard isUpper(first), isUpper(second) else { return nil }
        let row = rowByCode[Int(first &- 65) * 26 + Int(second &- 65)]
        return row < 0 ? nil : Int(row)
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    @inline(__always)
    private static func isUpper(_ byte: UInt8) -> Bool { byte >= 65 && byte <= 90 }

    /// 0...9 for digits, 10...35 for A...Z; nil for anything else (IBANs are upper case).
    @inline(__always)
    private static func alphanumericValue(_ byte: UInt8) -> Int? {
        if isDigit(byte) { return Int(byte &- 48) }
        if isUpper(byte) { return Int(byte &- 55) }
        return nil
    }

    /// Appends one digit (0...9) or one letter value (10...35, two decimal digits).
    @inline(__always)
    private static func accumulate(_ remainder: Int, _ value: Int) -> Int {
        value < 10 ? (remainder &* 10 &+ value) % 97 : (remainder &* 100 &+ value) % 97
    }
}
