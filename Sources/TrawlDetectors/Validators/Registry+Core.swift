// Validators and type tables of one group of identifiers: The first identifiers: payment cards, IBANs, US SSNs;
// and the credentials of the secrets pack (GitHub and npm token checksums).
// One line per validator; the group lists are joined in Validator.swift.

extension Validators {
    static let core: [Validator] = [
        Validator(name: "luhn", check: Luhn.isValid),
        Validator(name: "iban", check: IBAN.isValid),
        Validator(name: "ssn", check: USSocialSecurityNumber.isValid),
        Validator(name: "github-token", check: GitHubToken.isValid),
        Validator(name: "npm-token", check: GitHubToken.isValidNPM),
    ]
    static let coreTables: [TypeTable] = [
        IBAN.typeTable,
    ]
}
