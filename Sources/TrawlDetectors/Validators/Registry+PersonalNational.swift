// Validators and type tables of one group of identifiers: National identification, insurance and phone numbers.
// One line per validator; the group lists are joined in Validator.swift.

extension Validators {
    static let personalNational: [Validator] = [
        Validator(name: "chile-rut", check: NationalNumbers.ChileRUT.isValid),
        Validator(name: "italy-codice-fiscale", check: NationalNumbers.ItalyCodiceFiscale.isValid),
        Validator(name: "india-aadhaar", check: NationalNumbers.IndiaAadhaar.isValid),
        Validator(name: "mexico-curp", check: NationalNumbers.MexicoCURP.isValid),
        Validator(name: "spain-dni", check: NationalNumbers.SpainDNI.isValid),
        Validator(name: "uk-nino", check: NationalNumbers.UKNationalInsuranceNumber.isValid),
        Validator(name: "france-nir", check: NationalNumbers.FranceNIR.isValid),
        Validator(name: "germany-id-card", check: NationalNumbers.GermanyIdentityCard.isValid),
        Validator(name: "canada-sin", check: NationalNumbers.CanadaSIN.isValid),
        Validator(name: "spain-social-security", check: NationalNumbers.SpainSocialSecurityNumber.isValid),
        Validator(name: "argentina-dni", check: NationalNumbers.PlainNumbers.argentinaDNI),
        Validator(name: "brazil-rg", check: NationalNumbers.PlainNumbers.brazilRG),
        Validator(name: "colombia-cedula", check: NationalNumbers.PlainNumbers.colombiaCedula),
        Validator(name: "canada-permanent-resident", check: NationalNumbers.PlainNumbers.canadaPermanentResident),
        Validator(name: "nanp-phone", check: NationalNumbers.Phone.nanp),
        Validator(name: "uk-phone", check: NationalNumbers.Phone.uk),
        Validator(name: "germany-phone", check: NationalNumbers.Phone.germany),
        Validator(name: "italy-phone", check: NationalNumbers.Phone.italy),
        Validator(name: "brazil-phone", check: NationalNumbers.Phone.brazil),
        Validator(name: "japan-my-number", check: NationalNumbers.Japan.myNumber),
        Validator(name: "japan-corporate-number", check: NationalNumbers.Japan.corporateNumber),
        Validator(name: "japan-drivers-license", check: NationalNumbers.Japan.driversLicense),
        Validator(name: "japan-phone", check: NationalNumbers.Japan.phone),
    ]
    static let personalNationalTables: [TypeTable] = [
    ]
}
