// Validators and type tables of one group of identifiers: Bank accounts (BBAN forms), magnetic stripes, card details.
// One line per validator; the group lists are joined in Validator.swift.

extension Validators {
    static let financial: [Validator] = [
        Validator(name: "fr-rib", check: NationalBankAccount.isValidFrance),
        Validator(name: "de-bban", check: NationalBankAccount.isValidGermany),
        Validator(name: "it-cin", check: NationalBankAccount.isValidItaly),
        Validator(name: "es-ccc", check: NationalBankAccount.isValidSpain),
        Validator(name: "magnetic-stripe", check: MagneticStripe.isValid),
    ]
    static let financialTables: [TypeTable] = [
    ]
}
