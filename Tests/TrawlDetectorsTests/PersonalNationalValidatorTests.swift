// The national identification, insurance and phone number validators against values
// published with their specifications (examples printed by the issuing agencies,
// Wikipedia's worked examples, specimen documents) and hand-made invalid variants: one
// character changed, wrong length, a rule of the numbering scheme broken.

import XCTest
@testable import TrawlDetectors

final class PersonalNationalValidatorTests: XCTestCase {

    // MARK: - Registry

    func testEveryValidatorOfTheGroupIsRegisteredAndUsedByItsDetectorFile() throws {
        let names = ["chile-rut", "italy-codice-fiscale", "india-aadhaar", "mexico-curp", "spain-dni", "uk-nino",
                     "france-nir", "germany-id-card", "canada-sin", "spain-social-security", "argentina-dni",
                     "brazil-rg", "colombia-cedula", "canada-permanent-resident", "nanp-phone", "uk-phone",
                     "germany-phone", "italy-phone", "brazil-phone"]
        for n in names { XCTAssertNotNil(Validators.all[n], n) }
        let defs = try DetectorLoader.load()
        let byID = Dictionary(defs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let expected: [String: String?] = [
            "ARGENTINA_DNI_NUMBER": "argentina-dni", "BRAZIL_RG_NUMBER": "brazil-rg", "CHILE_RUT_NUMBER": "chile-rut",
            "COLOMBIA_CITIZENSHIP_CARD_NUMBER": "colombia-cedula", "FRANCE_NATIONAL_IDENTIFICATION_NUMBER": "france-nir",
            "GERMANY_NATIONAL_IDENTIFICATION_NUMBER": "germany-id-card",
            "ITALY_NATIONAL_IDENTIFICATION_NUMBER": "italy-codice-fiscale", "INDIA_AADHAAR_NUMBER": "india-aadhaar",
            "MEXICO_CURP_NUMBER": "mexico-curp", "SPAIN_DNI_NUMBER": "spain-dni", "UK_NATIONAL_INSURANCE_NUMBER": "uk-nino",
            "CANADA_NATIONAL_IDENTIFICATION_NUMBER": "canada-permanent-resident",
            "CANADA_SOCIAL_INSURANCE_NUMBER": "canada-sin", "SPAIN_SOCIAL_SECURITY_NUMBER": "spain-social-security",
            "ARGENTINA_TARJETA_SUBE": "luhn", "PHONE_NUMBER": "nanp-phone", "UK_PHONE_NUMBER": "uk-phone",
            "GERMANY_PHONE_NUMBER": "germany-phone", "ITALY_PHONE_NUMBER": "italy-phone",
            "BRAZIL_PHONE_NUMBER": "brazil-phone", "FRANCE_PHONE_NUMBER": nil, "SPAIN_PHONE_NUMBER": nil,
        ]
        for (id, validator) in expected {
            let d = try XCTUnwrap(byID[id], "\(id) has no detector file")
            XCTAssertEqual(d.validator, validator, id)
            XCTAssertTrue(d.keywordRequired, "\(id): Macie requires a keyword")
            XCTAssertEqual(d.maximumMatchDistance, 30, id)
        }
    }

    // MARK: - Chile RUN/RUT (mod 11)

    func testChileRUT() {
        // 12.345.678-5 and 11.111.111-1: the SII's and every tutorial's worked examples.
        valid("chile-rut", ["12.345.678-5", "12345678-5", "123456785", "11.111.111-1", "1.000.005-K", "1000005-k"])
        invalid("chile-rut", ["12.345.678-6", "12.345.678-K", "1.000.005-0", "00.000.000-0", "1234-3", "123.456.789-0"])
    }

    // MARK: - Italy codice fiscale

    func testItalyCodiceFiscale() {
        // RSSMRA85T10A562S: Wikipedia's worked example (Mario Rossi, 10 Dec 1985, Bagnolo
        // San Vito); RSSMRA85T10A56NH the same with omocodia on the last digit.
        valid("italy-codice-fiscale", ["RSSMRA85T10A562S", "rssmra85t10a562s", "RSSMRA85T10A56NH", "RSSMRA80A01H501U"])
        invalid("italy-codice-fiscale", ["RSSMRA85T10A562T", "RSSMRA85F10A562S", "RSSMRA85T32A562S", "RSSMRA85T10A562",
                                          "RSSMRA85T10A56AS", "1SSMRA85T10A562S"])
    }

    // MARK: - India Aadhaar (Verhoeff)

    func testIndiaAadhaar() {
        // Verhoeff's worked example (236 -> check digit 3) through the table code.
        var s = "2363"
        XCTAssertTrue(s.withUTF8 { NationalNumbers.IndiaAadhaar.verhoeff($0) })
        s = "2364"
        XCTAssertFalse(s.withUTF8 { NationalNumbers.IndiaAadhaar.verhoeff($0) })
        // UIDAI's sample card number 2341 2341 2346 passes Verhoeff.
        valid("india-aadhaar", ["234123412346", "2341 2341 2346", "2341-2341-2346"])
        invalid("india-aadhaar", ["234123412347", "134123412346", "034123412346", "23412341234", "2341234123460"])
    }

    // MARK: - Mexico CURP

    func testMexicoCURP() {
        // HEGG560427MVZRRL04: RENAPO's example in the CURP guide (Gloria Hernández García).
        valid("mexico-curp", ["HEGG560427MVZRRL04"])
        invalid("mexico-curp", ["HEGG560427MVZRRL05", "HEGG561327MVZRRL04", "HEGG560427FVZRRL04", "hegg560427mvzrrl04",
                                "HEGG560427MVZRRL0"])
    }

    // MARK: - Spain DNI (mod 23)

    func testSpainDNI() {
        // 12345678Z: the Ministerio del Interior's worked example of the control letter.
        valid("spain-dni", ["12345678Z", "12345678-Z", "12.345.678-Z", "12345678z", "00000001R"])
        invalid("spain-dni", ["12345678A", "00000000T", "1234567Z", "123456789Z", "12345678"])
    }

    // MARK: - UK National Insurance number

    func testUKNationalInsuranceNumber() {
        // AB123456C passes HMRC's format rules (it is the detector's deny value);
        // QQ 12 34 56 C, GOV.UK's placeholder, uses letters never allocated.
        valid("uk-nino", ["AB123456C", "AB 12 34 56 C", "CE123456A", "ZY123456D"])
        invalid("uk-nino", ["QQ123456C", "QQ 12 34 56 C", "DA123456A", "AO123456A", "GB123456A", "NK123456A",
                            "TN123456A", "ZZ123456A", "AB123456E", "AB12345C", "AB1234567C"])
    }

    // MARK: - France NIR (key mod 97)

    func testFranceNIR() {
        // 2 55 08 14 168 025 38 and 1 84 12 76 451 089 46: published worked examples of the
        // key; Corsican department 2A counts as 19 in the key.
        valid("france-nir", ["2 55 08 14 168 025 38", "255081416802538", "1 84 12 76 451 089 46",
                             "1 84 07 2A 123 456 17", "2 84 07 2B 004 012 31"])
        invalid("france-nir", ["2 55 08 14 168 025 39", "5 55 08 14 168 025 38", "1 84 13 76 451 089 46",
                               "1 84 07 2C 123 456 17", "1 84 07 3A 123 456 17", "2 55 08 14 168 025 3"])
    }

    // MARK: - Germany Personalausweis (ICAO 9303)

    func testGermanyIdentityCard() {
        // The Bundesinnenministerium's specimens: T22000129 (MRZ T220001293), LZ6311T47
        // (MRZ LZ6311T475), and the pre-2010 card 1220001297.
        valid("germany-id-card", ["T220001293", "T22000129", "LZ6311T475", "L01X00T471", "1220001297"])
        invalid("germany-id-card", ["T220001294", "LZ6311T476", "1220001298", "A22000129", "T2200012", "TBCDFGHJK",
                                    "TA2000129", "122000129"])
    }

    // MARK: - Canada SIN (Luhn)

    func testCanadaSIN() {
        // 046 454 286, Service Canada's sample card, passes Luhn but starts with 0, which is
        // never assigned to a person; 130 692 544 passes both.
        XCTAssertTrue(check("luhn", "4111111111111111"))
        valid("canada-sin", ["130 692 544", "130-692-544", "130692544", "123456782"])
        invalid("canada-sin", ["046 454 286", "130 692 545", "830 692 543", "13069254", "1306925440"])
    }

    // MARK: - Spain social security number (mod 97)

    func testSpainSocialSecurityNumber() {
        // 28/12345678/40 and the 11-digit 28/1234567/42 (today 28/01234567/42): the TGSS
        // control-digit examples.
        valid("spain-social-security", ["28/12345678/40", "281234567840", "28 12345678 40", "28/01234567/42"])
        invalid("spain-social-security", ["28/12345678/41", "28/1234567/42", "60/12345678/35", "00/12345678/40",
                                          "2812345678400"])
    }

    // MARK: - Numbers without a check digit

    func testNumbersWithoutACheckDigit() {
        valid("argentina-dni", ["30.456.789", "30456789", "4512337"])
        invalid("argentina-dni", ["99.999.999", "11111111", "123456", "123456789", "04512337"])
        valid("colombia-cedula", ["1.023.456.789", "79.482.113", "52817364", "123456"])
        invalid("colombia-cedula", ["2.023.456.789", "1.111.111.111", "12345", "01234567"])
        valid("brazil-rg", ["24.681.357-1", "32.547.198-X", "413579247", "15.882.904"])
        invalid("brazil-rg", ["11.111.111-1", "123456", "24.681.35A-1"])
        valid("canada-permanent-resident", ["RA4829137", "3184-2957", "52-8137-4096", "7319428650"])
        invalid("canada-permanent-resident", ["PA0000000", "11111111", "318429571", "R4829137"])
    }

    // MARK: - Phones

    func testNANPPhone() {
        valid("nanp-phone", ["(206) 734-0143", "+1 206 734 0143", "1-800-642-0111", "2067340143"])
        // 555-0100 to 555-0199: NANPA's fictitious range; N11 codes; 0/1 leading digits.
        invalid("nanp-phone", ["(206) 555-0143", "206-555-0199", "211-734-0143", "206-911-0143", "106-734-0143",
                               "+2 206 734 0143", "2-206-734-0143", "206734014"])
        valid("nanp-phone", ["(206) 555-0200", "206-555-0099"])
    }

    func testUKPhone() {
        valid("uk-phone", ["020 3278 9488", "+44 20 3278 9488", "+44 (0)20 3278 9488", "0044 20 3278 9488",
                           "07467 995812", "(01632) 961234", "0800 123 456"])
        // Ofcom's drama numbers and plan violations.
        invalid("uk-phone", ["020 7946 0958", "07700 900123", "0161 496 0000", "01632 960999", "+44 20 7946 0001",
                             "020 3278 948", "04467 995812", "20 3278 9488", "+33 20 3278 9488"])
    }

    func testGermanyPhone() {
        valid("germany-phone", ["030 48363745", "+49 30 48363745", "+49 (0)30 48363745", "0049 30 48363745",
                                "0171 4829371", "06221/523213", "(030) 483 6374"])
        invalid("germany-phone", ["0171 48293", "030 4836374512345", "30 48363745", "+33 30 48363745", "00 30 4836"])
    }

    func testItalyPhone() {
        valid("italy-phone", ["06 16092634", "+39 06 1609 2634", "0039 055 3420556", "347 512 8830", "+39 347 5128830",
                              "0471 529397"])
        invalid("italy-phone", ["547 512 8830", "347 512", "00 1609 2634", "+39 547 5128830", "06 1609263412345"])
    }

    func testBrazilPhone() {
        valid("brazil-phone", ["(31) 99795-4281", "+55 31 99795-4281", "0055 (92) 5159-4176", "(011) 3456-7890",
                               "11912345678"])
        invalid("brazil-phone", ["(20) 99795-4281", "(31) 89795-4281", "(31) 6795-4281", "+1 31 99795-4281",
                                 "(31) 99795-428"])
    }
}
