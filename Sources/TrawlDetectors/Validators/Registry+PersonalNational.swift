// Validators and type tables of one group of identifiers: National identification, insurance and phone numbers.
// One line per validator; the group lists are joined in Validator.swift.

extension Validators {
    static let personalNational: [Validator] = [
    ]
    static let personalNationalTables: [TypeTable] = [
    ]
}
