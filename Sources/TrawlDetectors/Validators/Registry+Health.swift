// Validators and type tables of one group of identifiers: Health identifiers (Macie's PHI category).
// One line per validator; the group lists are joined in Validator.swift.

extension Validators {
    static let health: [Validator] = [
    ]
    static let healthTables: [TypeTable] = [
    ]
}
