// Validators and type tables of one group of identifiers: Bank accounts (BBAN forms), magnetic stripes, card details.
// One line per validator; the group lists are joined in Validator.swift.

extension Validators {
    static let financial: [Validator] = [
    ]
    static let financialTables: [TypeTable] = [
    ]
}
