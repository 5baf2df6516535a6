// National bank account numbers (the BBAN, ISO 13616's "Basic Bank Account Number") of
// the five countries whose national forms Amazon Macie reports under their IBAN IDs:
// FRANCE_, GERMANY_, ITALY_, SPAIN_ and UK_BANK_ACCOUNT_NUMBER. Each check runs on the
// matched bytes as they are: spaces and dashes between groups are skipped, any other
// byte outside the format rejects the candidate. No allocation.
//
// Structures: the SWIFT IBAN Registry's BBAN format per country
// (https://www.swift.com/standards/data-standards/iban-international-bank-account-number).
//
// - France (`fr-rib`), 5n bank code, 5n branch code, 11c account number, 2n RIB key
//   (clé RIB). The key is defined by the French banking standard (CFONB / Banque de
//   France, "relevé d'identité bancaire"): letters of the account number are first
//   replaced by digits (A-I -> 1-9, J-R -> 1-9, S-Z -> 2-9), then
//   key = 97 - ((89 x bank + 15 x branch + 3 x account) mod 97).
// - Italy (`it-cin`), 1a CIN, 5n ABI, 5n CAB, 12c account number. The CIN (Codice di
//   Controllo Interno) is defined by ABI (Associazione Bancaria Italiana, "coordinate
//   bancarie" standard CIN/ABI/CAB): each of the 22 characters ABI+CAB+account is given
//   a value (digits 0-9, letters A=0 ... Z=25); odd positions (1st, 3rd, ...) are mapped
//   through the table 1 0 5 7 9 13 15 17 19 21 2 4 18 20 11 3 6 8 12 14 16 10 22 25 24 23,
//   even positions keep their value; the sum mod 26 is the CIN letter (0 = A).
// - Spain (`es-ccc`), 4n entidad, 4n oficina, 2n DC (dígitos de control), 10n cuenta:
//   the Código Cuenta Cliente of the Spanish banking system (Consejo Superior Bancario;
//   Orden EHA/2899/2011, and the CCC rules published by the Banco de España). Weights
//   1 2 4 8 5 10 9 7 3 6 from the left; the first DC covers "00" + entidad + oficina,
//   the second the account number; each is 11 - (sum mod 11), with 11 -> 0 and 10 -> 1.
// - Germany (`de-bban`), 8n Bankleitzahl, 10n Kontonummer. The Kontonummer has no
//   national check digit: its check-digit method is chosen by each bank (the Deutsche
//   Bundesbank's "Prüfzifferberechnungsmethoden", more than 150 methods, assigned per
//   Bankleitzahl in the Bankleitzahlendatei), so none is applied here. What the
//   Bundesbank's numbering defines for every BBAN is checked: the Bankleitzahl's first
//   digit is a clearing area 1-8, and the account number is not zero.
// - UK: sort code and account number have no public national check either (the Pay.UK
//   / Vocalink modulus checking is driven by a table of weights per sort-code range that
//   the banks maintain), so the UK detector has no validator.

public enum NationalBankAccount {
    // MARK: - France: RIB key

    /// `fr-rib`: 23 characters, bank and branch digits, an account of digits or
    /// upper-case letters, and the RIB key.
    @Sendable
    public static func isValidFrance(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var count = 0
        var bank = 0, branch = 0, account = 0, key = 0
        for byte in bytes {
            if isSeparator(byte) { continue }
            let value: Int
            if isDigit(byte) {
                value = Int(byte &- 48)
            } else if count >= 10, count < 21, let letter = ribLetterValue(byte) {
                value = letter
            } else {
                return false
            }
            switch count {
            case 0..<5: bank = bank &* 10 &+ value
            case 5..<10: branch = branch &* 10 &+ value
            case 10..<21: account = (account &* 10 &+ value) % 97
            case 21..<23: key = key &* 10 &+ value
            default: return false
            }
            count &+= 1
        }
        guard count == 23 else { return false }
        let remainder = (89 &* (bank % 97) &+ 15 &* (branch % 97) &+ 3 &* account) % 97
        return key == 97 - remainder
    }

    /// The RIB's digit for a letter of the account number (nil for anything else).
    @inline(__always)
    static func ribLetterValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "I"): return Int(byte &- 64)
        case UInt8(ascii: "J")...UInt8(ascii: "R"): return Int(byte &- 73)
        case UInt8(ascii: "S")...UInt8(ascii: "Z"): return Int(byte &- 81)
        default: return nil
        }
    }

    // MARK: - Italy: CIN

    /// Values of the odd positions (1st, 3rd, ...) for 0-9 / A-Z (digits and the letter
    /// with the same index share a value).
    static let cinOddValues: [UInt8] = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20,
                                        11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]

    /// `it-cin`: the CIN letter, ABI and CAB digits, a 12-character account of digits
    /// or upper-case letters, and the CIN computed over them.
    @Sendable
    public static func isValidItaly(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var count = 0
        var cin: UInt8 = 0
        var sum = 0
        for byte in bytes {
            if isSeparator(byte) { continue }
            if count == 0 {
                guard isUpper(byte) else { return false }
                cin = byte
            } else {
                let value: Int
                if isDigit(byte) {
                    value = Int(byte &- 48)
                } else if count > 10, isUpper(byte) {
                    value = Int(byte &- 65)
                } else {
                    return false
                }
                guard count <= 22 else { return false }
                // count 1 is the first position of ABI+CAB+account: an odd position.
                sum &+= count & 1 == 1 ? Int(cinOddValues[value]) : value
            }
            count &+= 1
        }
        guard count == 23 else { return false }
        return Int(cin &- 65) == sum % 26
    }

    // MARK: - Spain: CCC control digits

    /// `es-ccc`: 20 digits whose two control digits (positions 9 and 10) match.
    @Sendable
    public static func isValidSpain(_ bytes: UnsafeRawBufferPointer) -> Bool {
        // Weights of the 10 digits each control digit covers; the first one's leading
        // "00" contributes nothing, so entidad + oficina take the last eight weights.
        let weights = cccWeights
        var count = 0
        var bankSum = 0, accountSum = 0, control = 0
        for byte in bytes {
            if isSeparator(byte) { continue }
            guard isDigit(byte), count < 20 else { return false }
            let digit = Int(byte &- 48)
            switch count {
            case 0..<8: bankSum &+= digit &* Int(weights[count &+ 2])
            case 8..<10: control = control &* 10 &+ digit
            default: accountSum &+= digit &* Int(weights[count &- 10])
            }
            count &+= 1
        }
        guard count == 20 else { return false }
        return cccDigit(bankSum) &* 10 &+ cccDigit(accountSum) == control
    }

    /// The CCC's weights, from the left.
    static let cccWeights: [UInt8] = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]

    @inline(__always)
    static func cccDigit(_ sum: Int) -> Int {
        let d = 11 - sum % 11
        return d == 11 ? 0 : (d == 10 ? 1 : d)
    }

    // MARK: - Germany: Bankleitzahl and Kontonummer

    /// `de-bban`: 18 digits, a Bankleitzahl in clearing area 1-8 and a non-zero
    /// account number (no check digit: it is bank-specific).
    @Sendable
    public static func isValidGermany(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var count = 0
        var accountNonZero = false
        for byte in bytes {
            if isSeparator(byte) { continue }
            guard isDigit(byte), count < 18 else { return false }
            if count == 0, byte == UInt8(ascii: "0") || byte == UInt8(ascii: "9") { return false }
            if count >= 8, byte != UInt8(ascii: "0") { accountNonZero = true }
            count &+= 1
        }
        return count == 18 && accountNonZero
    }

    // MARK: - Bytes

    @inline(__always)
    static func isSeparator(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    @inline(__always)
    static func isUpper(_ byte: UInt8) -> Bool { byte >= 65 && byte <= 90 }
}
