// Validators and type tables of one group of identifiers: Taxpayer identification numbers.
// One line per validator; the group lists are joined in Validator.swift.

extension Validators {
    static let taxpayer: [Validator] = [
    ]
    static let taxpayerTables: [TypeTable] = [
    ]
}
