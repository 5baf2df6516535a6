// Validators and type tables of one group of identifiers: Taxpayer identification numbers.
// One line per validator; the group lists are joined in Validator.swift.

extension Validators {
    static let taxpayer: [Validator] = [
        Validator(name: "argentina-cuit", check: ArgentinaTaxNumber.isValid),
        Validator(name: "australia-tfn", check: AustraliaTaxFileNumber.isValid),
        Validator(name: "brazil-cnpj", check: BrazilTaxNumbers.isValidCNPJ),
        Validator(name: "brazil-cpf", check: BrazilTaxNumbers.isValidCPF),
        Validator(name: "colombia-nit-individual", check: ColombiaNIT.isValidIndividual),
        Validator(name: "colombia-nit-organization", check: ColombiaNIT.isValidOrganization),
        Validator(name: "france-numero-fiscal", check: FranceTaxNumber.isValid),
        Validator(name: "germany-steuer-id", check: GermanyTaxIdentificationNumber.isValid),
        Validator(name: "india-pan", check: IndiaPermanentAccountNumber.isValid),
        Validator(name: "mexico-rfc", check: MexicoRFC.isValid),
        Validator(name: "spain-cif", check: SpainTaxNumbers.isValidCIF),
        Validator(name: "spain-nie", check: SpainTaxNumbers.isValidNIE),
        Validator(name: "spain-nif", check: SpainTaxNumbers.isValidNIF),
        Validator(name: "uk-utr-trn", check: UKTaxReference.isValid),
        Validator(name: "usa-itin", check: USIndividualTaxpayerNumber.isValid),
    ]
    static let taxpayerTables: [TypeTable] = [
    ]
}
