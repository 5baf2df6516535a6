// Validators and type tables of one group of identifiers: Driver's licenses, passports, electoral roll, dates, places, cookies, vehicles.
// One line per validator; the group lists are joined in Validator.swift.

extension Validators {
    static let personalDocuments: [Validator] = [
    ]
    static let personalDocumentsTables: [TypeTable] = [
    ]
}
