// Validators and type tables of one group of identifiers: The first identifiers: payment cards, IBANs, US SSNs.
// One line per validator; the group lists are joined in Validator.swift.

extension Validators {
    static let core: [Validator] = [
        Validator(name: "luhn", check: Luhn.isValid),
        Validator(name: "iban", check: IBAN.isValid),
        Validator(name: "ssn", check: USSocialSecurityNumber.isValid),
    ]
    static let coreTables: [TypeTable] = [
        IBAN.typeTable,
    ]
}
