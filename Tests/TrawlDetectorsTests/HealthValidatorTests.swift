// The PHI validators (Macie's health identifiers) against published values: the worked
// examples of the specifications (CMS's NPI check-digit example, the NHS Data
// Dictionary's NHS number, the DEA check-digit examples, INSEE NIR examples, BC's PHN
// routine as python-stdnum documents it, CMS's example MBI, GS1's and HIBCC's example
// labels) and one-character-changed variants that must fail. Values marked "made up"
// were computed by hand from the specification's algorithm.

import XCTest
@testable import TrawlDetectors

final class HealthValidatorTests: XCTestCase {

    // MARK: - Registry and catalogue

    func testRegistryNamesTheHealthValidatorsAndTheEHICTable() throws {
        for name in ["dea-number", "hicn", "canada-health-number", "france-health-insurance-number", "nhs-number",
                     "mbi", "hcpcs", "ndc", "npi", "udi"] {
            XCTAssertNotNil(Validators.all[name], name)
        }
        XCTAssertEqual(Validators.tables["ehic"]?.ids,
                       ["EUROPEAN_HEALTH_INSURANCE_CARD_NUMBER", "FINLAND_EUROPEAN_HEALTH_INSURANCE_NUMBER"])
        let ids = Set(DetectorSet.selectableIDs(try DetectorLoader.load()))
        for id in ["US_DRUG_ENFORCEMENT_AGENCY_NUMBER", "USA_HEALTH_INSURANCE_CLAIM_NUMBER", "CANADA_HEALTH_NUMBER",
                   "EUROPEAN_HEALTH_INSURANCE_CARD_NUMBER", "FINLAND_EUROPEAN_HEALTH_INSURANCE_NUMBER",
                   "FRANCE_HEALTH_INSURANCE_NUMBER", "UK_NHS_NUMBER", "USA_MEDICARE_BENEFICIARY_IDENTIFIER",
                   "USA_HEALTHCARE_PROCEDURE_CODE", "USA_NATIONAL_DRUG_CODE", "USA_NATIONAL_PROVIDER_IDENTIFIER",
                   "MEDICAL_DEVICE_UDI"] {
            XCTAssertTrue(ids.contains(id), "\(id) is missing from the catalogue")
        }
    }

    func testPublishedExamplesAreNeverReported() throws {
        let set = try DetectorSet(try DetectorLoader.load())
        let engine = DetectionEngine(set)
        func ids(_ text: String) -> [String] { engine.matches(in: text).map { set.types[$0.typeIndex].id } }
        XCTAssertEqual(ids("DEA number F91234563"), [])
        XCTAssertEqual(ids("NPI 1234567893"), [])
        XCTAssertEqual(ids("NHS number 943 476 5919"), [])
        XCTAssertEqual(ids("MBI 1EG4-TE5-MK73"), [])
        XCTAssertEqual(ids("carte vitale 2 55 08 14 168 025 38"), [])
        XCTAssertEqual(ids("UDI +A123BJC5D6E71G"), [])
        // Their made-up neighbours with valid checks are reported.
        XCTAssertEqual(ids("NPI 2682308137"), ["USA_NATIONAL_PROVIDER_IDENTIFIER"])
        XCTAssertEqual(ids("EHIC 80246212919890918285"), ["FINLAND_EUROPEAN_HEALTH_INSURANCE_NUMBER"])
        XCTAssertEqual(ids("EHIC 80276794786631444294"), ["EUROPEAN_HEALTH_INSURANCE_CARD_NUMBER"])
    }

    // MARK: - DEA

    func testDEACheckDigit() {
        let dea: (String) -> Bool = { self.run(DEARegistrationNumber.isValid, $0) }
        // Wikipedia's example (business registrant, '9'), the textbook 1234563 series and
        // a verification guide's AP5836727 (5+3+7 + 2 x (8+6+2) = 47).
        for n in ["F91234563", "AB1234563", "BJ6125341", "AP5836727", "MK1234563", "XB1234563"] {
            XCTAssertTrue(dea(n), n)
        }
        for n in ["F91234564", "AP5836728", "AP5863727",          // check digit, transposition
                  "IB1234563", "OB1234563", "ZB1234563",          // unassigned registrant types
                  "A11234563", "ab1234563", "AB123456", "AB12345634", "AB-1234563"] {
            XCTAssertFalse(dea(n), n)
        }
    }

    // MARK: - HICN

    func testHICNStructure() {
        let hicn: (String) -> Bool = { self.run(HealthInsuranceClaimNumber.isValid, $0) }
        for n in ["385654217A", "385-65-4217B1", "385-65-4217-D", "385 65 4217 C5", "385654217TA",
                  "194020256W", "WA123456", "MA 385654217", "WCD123456", "A123456", "H385654217"] {
            XCTAssertTrue(hicn(n), n)
        }
        for n in ["123456789A", "078051120A", "219099999A",      // the SSA's example SSNs
                  "666654217A", "000654217A", "900654217A", "385004217A", "385650000A",
                  "385654217Z", "385654217N", "385654217A0", "385654217ABC",
                  "XY123456", "WA12345", "WA1234567", "WA000000", "38565421A"] {
            XCTAssertFalse(hicn(n), n)
        }
    }

    // MARK: - Canada

    func testCanadaHealthNumbers() {
        let ca: (String) -> Bool = { self.run(CanadaHealthNumber.isValid, $0) }
        // python-stdnum's BC PHN examples: valid, wrong check digit, not starting with 9.
        XCTAssertTrue(ca("9698 658 215"))
        XCTAssertTrue(ca("9698658215"))
        XCTAssertFalse(ca("9698648215"))
        XCTAssertFalse(ca("5736504210"))
        // Made up: BC PHNs (MOD 11) and Ontario numbers (Luhn).
        XCTAssertTrue(ca("9565 535 668"))
        XCTAssertFalse(ca("9565 535 667"))
        XCTAssertTrue(ca("6933-752-351"))
        XCTAssertFalse(ca("6933-752-352"))
        XCTAssertTrue(ca("8924695573"))
        XCTAssertFalse(ca("892469557"))
        XCTAssertFalse(ca("89246955731"))
        // Quebec NAM: birth month 01-12 or 51-62, day 01-31.
        XCTAssertTrue(ca("TREM 0412 1512"))
        XCTAssertTrue(ca("KGSV08530420"))
        XCTAssertFalse(ca("KGSV08130420"))
        XCTAssertFalse(ca("KGSV08033220"))
        XCTAssertFalse(ca("KGS 08030420"))
    }

    // MARK: - EHIC

    func testEHICTable() {
        func row(_ s: String) -> Int? {
            var t = s
            return t.withUTF8 { EuropeanHealthInsuranceCard.resolve(UnsafeRawBufferPointer($0)) }
        }
        XCTAssertEqual(row("8024680246 0140201993"), 1)              // Finland, printed 10 + 10
        XCTAssertEqual(row("80246212919890918285"), 1)
        XCTAssertEqual(row("80276794786631444294"), 0)              // Germany
        XCTAssertEqual(row("80250-81733-62835-50986"), 0)           // France
        XCTAssertEqual(row("8072 4113 0823 9182 3792"), 0)          // Spain
        XCTAssertEqual(row("80756000000000000001"), 0)              // Switzerland
        XCTAssertNil(row("80840794786631444294"))                   // the US issues no EHIC
        XCTAssertNil(row("80124794786631444294"))                   // nor Canada
        XCTAssertNil(row("81276794786631444294"))                   // not a health card number
        XCTAssertNil(row("8027679478663144429"))                    // 19 digits
        XCTAssertNil(row("802767947866314442941"))                  // 21 digits
        XCTAssertNil(row("80276000000000000000"))                   // no card serial
    }

    // MARK: - France

    func testFranceNIRKey() {
        let nir: (String) -> Bool = { self.run(FranceHealthInsuranceNumber.isValid, $0) }
        // Published examples: 2 55 08 14 168 025 (key 38, Wikipedia) and 2 06 12 75 111 005
        // (key 64, a key calculator's documentation).
        XCTAssertTrue(nir("2 55 08 14 168 025 38"))
        XCTAssertTrue(nir("255081416802538"))
        XCTAssertTrue(nir("2 06 12 75 111 005 64"))
        XCTAssertFalse(nir("2 55 08 14 168 025 39"))
        XCTAssertFalse(nir("2 55 08 14 168 052 38"))
        // Corsica: 2A counts as 19, 2B as 18 (made up: 97 - 190022A004123 mod 97 = 54,
        // with 2B 81).
        XCTAssertTrue(nir("1 90 02 2A 004 123 54"))
        XCTAssertTrue(nir("1 90 02 2B 004 123 81"))
        XCTAssertFalse(nir("1 90 02 2A 004 123 81"))
        XCTAssertFalse(nir("1 90 02 3A 004 123 54"))
        // Structure: sex digit, month, order number, length.
        XCTAssertFalse(nir("5 55 08 14 168 025 38"))
        XCTAssertFalse(nir("2551314168025" + "00"))
        XCTAssertFalse(nir("25508141680253"))
        XCTAssertFalse(nir("2550814168025380"))
        XCTAssertTrue(nir("2.55.08.14.168.025.38"))
    }

    // MARK: - NHS

    func testNHSNumberModulus11() {
        let nhs: (String) -> Bool = { self.run(NHSNumber.isValid, $0) }
        // The NHS Data Dictionary's example, and NHS England's sandbox patient.
        XCTAssertTrue(nhs("943 476 5919"))
        XCTAssertTrue(nhs("9434765919"))
        XCTAssertTrue(nhs("9000000009"))
        assertOnlyLastDigit("9", after: "943476591", nhs)
        // A check result of 10 is never issued: no last digit makes 004000001x valid.
        assertOnlyLastDigit(nil, after: "004000001", nhs)
        // The 999 test range, mod 11 valid, is not reported.
        XCTAssertFalse(nhs("999 000 0018"))
        XCTAssertFalse(nhs("943 476 591"))
    }

    // MARK: - MBI

    func testMBIPositions() {
        let mbi: (String) -> Bool = { self.run(MedicareBeneficiaryIdentifier.isValid, $0) }
        // CMS's example, with and without its dashes.
        XCTAssertTrue(mbi("1EG4-TE5-MK73"))
        XCTAssertTrue(mbi("1EG4TE5MK73"))
        XCTAssertTrue(mbi("8RU9-NG0-EE56"))
        for n in ["0EG4-TE5-MK73", "11G4-TE5-MK73", "1SG4-TE5-MK73", "1EG4-TB5-MK73", "1EGA-TE5-MK73",
                  "1EG4-TE5-M173", "1EG4-TE5-MK7", "1EG4-TE5-MK731", "1eg4-te5-mk73", "1EG4-TEZ-MK73"] {
            XCTAssertFalse(mbi(n), n)
        }
    }

    // MARK: - HCPCS

    func testHCPCSCodes() {
        let hcpcs: (String) -> Bool = { self.run(HCPCSCode.isValid, $0) }
        // Level II (J1100 dexamethasone, E0601 CPAP, A0428 ambulance, G0008, V2020) and
        // Level I (99213 office visit, 00100 anesthesia, 10004, 99607, 3008F, 0464T, 0001U).
        for code in ["J1100", "E0601", "A0428", "G0008", "V2020", "D0120", "99213", "00100", "10004", "99607",
                     "3008F", "0464T", "0001U"] {
            XCTAssertTrue(hcpcs(code), code)
        }
        for code in ["F1100", "I1100", "N1100", "W1100", "Z1100", "J0000", "00099", "02000", "09999", "10003",
                     "99608", "99999", "0000F", "1464T", "1001U", "9921", "992130", "j1100", "0000T"] {
            XCTAssertFalse(hcpcs(code), code)
        }
    }

    // MARK: - NDC

    func testNDCConfigurations() {
        let ndc: (String) -> Bool = { self.run(NationalDrugCode.isValid, $0) }
        // The three 10-digit configurations and the 11-digit forms made from them.
        for code in ["0777-3105-02", "50090-287-05", "47802-174-60", "50090-2875-0", "00777-3105-02", "50090-0287-05",
                     "47802-0174-60", "50090-2875-00", "00777310502", "50090287500"] {
            XCTAssertTrue(ndc(code), code)
        }
        // 5-4-2 with no padded segment, other configurations, no labeler, bad separators.
        for code in ["47802-1746-60", "47802174660", "123-4567-89", "123456-7890-12", "0000-3105-02",
                     "0777-3105", "0777-3105-02-1", "0777 3105 02", "0777310502", "0777-3105-0A"] {
            XCTAssertFalse(ndc(code), code)
        }
    }

    // MARK: - NPI

    func testNPICheckDigitWithThe80840Prefix() {
        let npi: (String) -> Bool = { self.run(NationalProviderIdentifier.isValid, $0) }
        // CMS's worked example: 123456789 gets check digit 3.
        assertOnlyLastDigit("3", after: "123456789", npi)
        // Plain Luhn (without the 80840 prefix) is not enough: 1234567897 passes Luhn.
        XCTAssertFalse(npi("1234567897"))
        XCTAssertTrue(npi("2682308137"))
        XCTAssertFalse(npi("3682308131"))
        XCTAssertFalse(npi("268230813"))
        XCTAssertFalse(npi("26823081371"))
    }

    // MARK: - UDI

    func testUDIGS1() {
        let udi: (String) -> Bool = { self.run(MedicalDeviceUDI.isValid, $0) }
        // GS1 US's example GTIN 00614141999996 (check digit 6) with production identifiers.
        XCTAssertTrue(udi("(01)00614141999996"))
        XCTAssertTrue(udi("(01)00614141999996(17)250731(10)A1B2C3"))
        XCTAssertTrue(udi("(01) 00614141999996 (11)240100 (21)12345"))
        XCTAssertFalse(udi("(01)00614141999995"))
        XCTAssertFalse(udi("(01)00614141999996(17)251331"))     // month 13
        XCTAssertFalse(udi("(01)00614141999996(17)250732"))     // day 32
        // GS1's own example GTIN (prefix 950) and the demonstration prefix 952.
        XCTAssertFalse(udi("(01)09506000134352(17)141120(10)AB-123"))
        XCTAssertFalse(udi("(01)09521234543213"))
    }

    func testUDIHIBCC() {
        let udi: (String) -> Bool = { self.run(MedicalDeviceUDI.isValid, $0) }
        // HIBCC's example primary label: LIC A123, product BJC5D6E7, unit 1, check G.
        XCTAssertTrue(udi("+A123BJC5D6E71G"))
        XCTAssertFalse(udi("+A123BJC5D6E71H"))
        XCTAssertFalse(udi("+1123BJC5D6E71G"))                 // LIC starts with a letter
        // Concatenated primary and secondary (made up; MOD 43 over every character).
        XCTAssertTrue(udi("+A123BJC5D6E71/$$3231231BC347"))
        XCTAssertFalse(udi("+A123BJC5D6E71/$$3231231BC348"))
        XCTAssertFalse(udi("+A123BJC5D6E7X/$$3231231BC34" + "7"))   // no unit of measure digit
    }

    func testUDIISBT128() {
        let udi: (String) -> Bool = { self.run(MedicalDeviceUDI.isValid, $0) }
        // ISO 7064 MOD 37-2 on the 13 DIN characters (made up: A9999 15 123456 -> 6,
        // W0000 07 123456 -> D).
        XCTAssertTrue(udi("A9999 15 123456 6"))
        XCTAssertTrue(udi("A9999 15 123456 00 6"))
        XCTAssertTrue(udi("A999915123456 6"))
        XCTAssertTrue(udi("W0000 07 123456 D"))
        XCTAssertFalse(udi("A9999 15 123456 7"))
        XCTAssertFalse(udi("O9999 15 123456 6"))                 // facility codes skip O
        // Encoded data after the "=" data identifier, with or without the flag digits.
        XCTAssertTrue(udi("=A999915123456"))
        XCTAssertTrue(udi("=A99991512345600"))
        XCTAssertFalse(udi("=A9999151234560"))
        XCTAssertFalse(udi("=O999915123456"))
    }
}
