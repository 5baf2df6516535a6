// Validators and type tables of one group of identifiers: Health identifiers (Macie's PHI category).
// One line per validator; the group lists are joined in Validator.swift.

extension Validators {
    static let health: [Validator] = [
        Validator(name: "dea-number", check: DEARegistrationNumber.isValid),
        Validator(name: "hicn", check: HealthInsuranceClaimNumber.isValid),
        Validator(name: "canada-health-number", check: CanadaHealthNumber.isValid),
        Validator(name: "france-health-insurance-number", check: FranceHealthInsuranceNumber.isValid),
        Validator(name: "nhs-number", check: NHSNumber.isValid),
        Validator(name: "mbi", check: MedicareBeneficiaryIdentifier.isValid),
        Validator(name: "hcpcs", check: HCPCSCode.isValid),
        Validator(name: "ndc", check: NationalDrugCode.isValid),
        Validator(name: "npi", check: NationalProviderIdentifier.isValid),
        Validator(name: "udi", check: MedicalDeviceUDI.isValid),
    ]
    static let healthTables: [TypeTable] = [
        EuropeanHealthInsuranceCard.typeTable,
    ]
}
