// Validators and type tables of one group of identifiers: Driver's licenses, passports, electoral roll, dates, places, cookies, vehicles.
// One line per validator; the group lists are joined in Validator.swift.

extension Validators {
    static let personalDocuments: [Validator] = [
        Validator(name: "dl-uk", check: DriversLicenseUK.isValid),
        Validator(name: "dl-spain", check: DriversLicenseSpain.isValid),
        Validator(name: "dl-sweden", check: DriversLicenseSweden.isValid),
        Validator(name: "dl-finland", check: DriversLicenseFinland.isValid),
        Validator(name: "dl-germany", check: DriversLicenseGermany.isValid),
        Validator(name: "dl-india", check: DriversLicenseIndia.isValid),
        Validator(name: "passport-de", check: PassportNumber.isValidGerman),
        Validator(name: "date-of-birth", check: DateOfBirth.isValid),
        Validator(name: "latitude-longitude", check: GPSCoordinates.isValid),
        Validator(name: "vin", check: VehicleIdentificationNumber.isValid),
    ]
    static let personalDocumentsTables: [TypeTable] = [
    ]
}
