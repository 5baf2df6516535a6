// Validators against published values from independent sources (card networks' and
// payment processors' test numbers, the SWIFT IBAN Registry's examples, the SSA's rules)
// plus hand-made invalid variants: one character changed, wrong length, wrong country.

import XCTest
@testable import TrawlDetectors

final class ValidatorTests: XCTestCase {

    // MARK: - Helpers

    private func luhn(_ s: String) -> Bool { run(Luhn.isValid, s) }
    private func ssn(_ s: String) -> Bool { run(USSocialSecurityNumber.isValid, s) }
    private func ibanRow(_ s: String) -> Int? {
        var t = s
        return t.withUTF8 { IBAN.typeTable.resolve(UnsafeRawBufferPointer($0)) }
    }
    private func ibanID(_ s: String) -> String? { ibanRow(s).map { IBAN.typeTable.ids[$0] } }

    // MARK: - Registry

    func testRegistryNamesTheCoreValidatorsAndTheIBANTable() throws {
        XCTAssertTrue(Set(Validators.all.keys).isSuperset(of: ["luhn", "iban", "ssn"]))
        // Every validator a shipped detector file names is registered (a failed load
        // fails the test rather than leaving nothing to check).
        let defs = try DetectorLoader.load()
        XCTAssertFalse(defs.filter { $0.validator != nil }.isEmpty)
        for d in defs {
            if let v = d.validator { XCTAssertNotNil(Validators.all[v], "\(d.id): validator \(v) is not registered") }
        }
        XCTAssertEqual(Validators.check("luhn", "4111111111111111"), true)
        XCTAssertEqual(Validators.check("luhn", "4111111111111112"), false)
        XCTAssertEqual(Validators.check("iban", "GB82 WEST 1234 5698 7654 32"), true)
        XCTAssertEqual(Validators.check("iban", "GB82 WEST 1234 5698 7654 33"), false)
        XCTAssertEqual(Validators.check("ssn", "536-22-1234"), true)
        XCTAssertEqual(Validators.check("ssn", "666-22-1234"), false)
        XCTAssertNil(Validators.check("no-such-validator", "1234"))
        XCTAssertEqual(Validators.tables["iban"]?.name, "iban")
        XCTAssertEqual(Validators.tables["iban"]?.ids, IBAN.typeTable.ids)
    }

    // MARK: - Luhn

    func testLuhnAcceptsPublishedCardNetworkTestNumbers() {
        // Test numbers published by card networks and processors (all pass Luhn); Macie
        // lists them as reserved for public testing.
        for number in ["4111111111111111", "4012888888881881", "4222222222222", "5555555555554444",
                       "5105105105105100", "2223003122003222", "378282246310005", "371449635398431",
                       "6011111111111117", "6011000990139424", "3530111333300000", "3566002020360505",
                       "30569309025904", "36148900647913", "6759649826438453", "4917610000000000003"] {
            XCTAssertTrue(luhn(number), number)
        }
    }

    func testLuhnRejectsOneDigitChanged() {
        XCTAssertFalse(luhn("4111111111111112"))
        XCTAssertFalse(luhn("5555555555554445"))
        XCTAssertFalse(luhn("378282246310006"))
        XCTAssertFalse(luhn("6011111111111116"))
        XCTAssertFalse(luhn("3530111333300001"))
        // A swap of two adjacent digits (other than 0/9) changes the sum too.
        XCTAssertFalse(luhn("4012888888888181"))
    }

    func testLuhnWikipediaExampleAndItsLengthBounds() {
        // Wikipedia's worked example 7992739871-3 has 11 digits: a correct checksum, but
        // too short for a card number (ISO/IEC 7812: 12 to 19 digits).
        XCTAssertFalse(luhn("79927398713"))
        // Leading zeros add nothing to the sum: padded to 15 digits it passes, and every
        // other check digit fails.
        assertOnlyLastDigit("3", after: "00007992739871", luhn)
        // 12 digits is the shortest accepted, 19 the longest.
        XCTAssertTrue(luhn("501812345673"))
        XCTAssertFalse(luhn("50181234563"))
        XCTAssertTrue(luhn("4917610000000000003"))
        // 20 digits with a correct checksum is still too long.
        XCTAssertFalse(luhn("40001234567890123454"))
    }

    func testLuhnSkipsSpacesAndDashesButNothingElse() {
        XCTAssertTrue(luhn("4111 1111 1111 1111"))
        XCTAssertTrue(luhn("4111-1111-1111-1111"))
        XCTAssertTrue(luhn("3782 822463 10005"))
        XCTAssertFalse(luhn("4111.1111.1111.1111"))
        XCTAssertFalse(luhn("4111/1111/1111/1111"))
        XCTAssertFalse(luhn("4111 1111 1111 111a"))
        XCTAssertFalse(luhn(""))
        XCTAssertFalse(luhn("---- ----"))
    }

    // MARK: - IBAN

    /// The example IBAN of each of Macie's 52 jurisdictions: the SWIFT IBAN Registry's
    /// examples, Senegal's from the IBAN libraries that carry it (not in the registry).
    static let registryExamples: [(String, String)] = [
        ("AL47 2121 1009 0000 0002 3569 8741", "ALBANIA_BANK_ACCOUNT_NUMBER"),
        ("AD12 0001 2030 2003 5910 0100", "ANDORRA_BANK_ACCOUNT_NUMBER"),
        ("BA39 1290 0794 0102 8494", "BOSNIA_AND_HERZEGOVINA_BANK_ACCOUNT_NUMBER"),
        ("BR18 0036 0305 0000 1000 9795 493C 1", "BRAZIL_BANK_ACCOUNT_NUMBER"),
        ("BG80 BNBG 9661 1020 3456 78", "BULGARIA_BANK_ACCOUNT_NUMBER"),
        ("CR05 0152 0200 1026 2840 66", "COSTA_RICA_BANK_ACCOUNT_NUMBER"),
        ("HR12 1001 0051 8630 0016 0", "CROATIA_BANK_ACCOUNT_NUMBER"),
        ("CY17 0020 0128 0000 0012 0052 7600", "CYPRUS_BANK_ACCOUNT_NUMBER"),
        ("CZ65 0800 0000 1920 0014 5399", "CZECH_REPUBLIC_BANK_ACCOUNT_NUMBER"),
        ("DK50 0040 0440 1162 43", "DENMARK_BANK_ACCOUNT_NUMBER"),
        ("DO28 BAGR 0000 0001 2124 5361 1324", "DOMINICAN_REPUBLIC_BANK_ACCOUNT_NUMBER"),
        ("EG38 0019 0005 0000 0000 2631 8000 2", "EGYPT_BANK_ACCOUNT_NUMBER"),
        ("EE38 2200 2210 2014 5685", "ESTONIA_BANK_ACCOUNT_NUMBER"),
        ("FO62 6460 0001 6316 34", "FAROE_ISLANDS_BANK_ACCOUNT_NUMBER"),
        ("FI21 1234 5600 0007 85", "FINLAND_BANK_ACCOUNT_NUMBER"),
        ("FR14 2004 1010 0505 0001 3M02 606", "FRANCE_BANK_ACCOUNT_NUMBER"),
        ("GE29 NB00 0000 0101 9049 17", "GEORGIA_BANK_ACCOUNT_NUMBER"),
        ("DE89 3704 0044 0532 0130 00", "GERMANY_BANK_ACCOUNT_NUMBER"),
        ("GR16 0110 1250 0000 0001 2300 695", "GREECE_BANK_ACCOUNT_NUMBER"),
        ("GL89 6471 0001 0002 06", "GREENLAND_BANK_ACCOUNT_NUMBER"),
        ("HU42 1177 3016 1111 1018 0000 0000", "HUNGARY_BANK_ACCOUNT_NUMBER"),
        ("IS14 0159 2600 7654 5510 7303 39", "ICELAND_BANK_ACCOUNT_NUMBER"),
        ("IE29 AIBK 9311 5212 3456 78", "IRELAND_BANK_ACCOUNT_NUMBER"),
        ("IT60 X054 2811 1010 0000 0123 456", "ITALY_BANK_ACCOUNT_NUMBER"),
        ("JO94 CBJO 0010 0000 0000 0131 0003 02", "JORDAN_BANK_ACCOUNT_NUMBER"),
        ("XK05 1212 0123 4567 8906", "KOSOVO_BANK_ACCOUNT_NUMBER"),
        ("LI21 0881 0000 2324 013A A", "LIECHTENSTEIN_BANK_ACCOUNT_NUMBER"),
        ("LT12 1000 0111 0100 1000", "LITHUANIA_BANK_ACCOUNT_NUMBER"),
        ("MT84 MALT 0110 0001 2345 MTLC AST0 01S", "MALTA_BANK_ACCOUNT_NUMBER"),
        ("MR13 0002 0001 0100 0012 3456 753", "MAURITANIA_BANK_ACCOUNT_NUMBER"),
        ("MU17 BOMM 0101 1010 3030 0200 000M UR", "MAURITIUS_BANK_ACCOUNT_NUMBER"),
        ("MC58 1122 2000 0101 2345 6789 030", "MONACO_BANK_ACCOUNT_NUMBER"),
        ("ME25 5050 0001 2345 6789 51", "MONTENEGRO_BANK_ACCOUNT_NUMBER"),
        ("NL91 ABNA 0417 1643 00", "NETHERLANDS_BANK_ACCOUNT_NUMBER"),
        ("MK07 2501 2000 0058 984", "NORTH_MACEDONIA_BANK_ACCOUNT_NUMBER"),
        ("PL61 1090 1014 0000 0712 1981 2874", "POLAND_BANK_ACCOUNT_NUMBER"),
        ("PT50 0002 0123 1234 5678 9015 4", "PORTUGAL_BANK_ACCOUNT_NUMBER"),
        ("SM86 U032 2509 8000 0000 0270 100", "SAN_MARINO_BANK_ACCOUNT_NUMBER"),
        ("SN08 SN01 0015 2000 0485 0000 3035", "SENEGAL_BANK_ACCOUNT_NUMBER"),
        ("RS35 2600 0560 1001 6113 79", "SERBIA_BANK_ACCOUNT_NUMBER"),
        ("SK31 1200 0000 1987 4263 7541", "SLOVAKIA_BANK_ACCOUNT_NUMBER"),
        ("SI56 2633 0001 2039 086", "SLOVENIA_BANK_ACCOUNT_NUMBER"),
        ("ES91 2100 0418 4502 0005 1332", "SPAIN_BANK_ACCOUNT_NUMBER"),
        ("SE45 5000 0000 0583 9825 7466", "SWEDEN_BANK_ACCOUNT_NUMBER"),
        ("CH93 0076 2011 6238 5295 7", "SWITZERLAND_BANK_ACCOUNT_NUMBER"),
        ("TL38 0080 0123 4567 8910 157", "TIMOR_LESTE_BANK_ACCOUNT_NUMBER"),
        ("TN59 1000 6035 1835 9847 8831", "TUNISIA_BANK_ACCOUNT_NUMBER"),
        ("TR33 0006 1005 1978 6457 8413 26", "TURKIYE_BANK_ACCOUNT_NUMBER"),
        ("GB29 NWBK 6016 1331 9268 19", "UK_BANK_ACCOUNT_NUMBER"),
        ("UA21 3223 1300 0002 6007 2335 6600 1", "UKRAINE_BANK_ACCOUNT_NUMBER"),
        ("AE07 0331 2345 6789 0123 456", "UNITED_ARAB_EMIRATES_BANK_ACCOUNT_NUMBER"),
        ("VG96 VPVG 0000 0123 4567 8901", "VIRGIN_ISLANDS_BANK_ACCOUNT_NUMBER"),
    ]

    func testIBANTableIsMaciesListOf52Jurisdictions() {
        let table = IBAN.typeTable
        XCTAssertEqual(table.name, "iban")
        XCTAssertEqual(table.ids.count, 52)
        XCTAssertEqual(Set(table.ids).count, 52, "IDs are unique")
        XCTAssertEqual(Set(IBAN.countries.map(\.code)).count, 52, "country codes are unique")
        // Macie lists the IDs alphabetically by jurisdiction name; the table keeps that order.
        XCTAssertEqual(table.ids.first, "ALBANIA_BANK_ACCOUNT_NUMBER")
        XCTAssertEqual(table.ids.last, "VIRGIN_ISLANDS_BANK_ACCOUNT_NUMBER")
        XCTAssertEqual(Array(table.ids[48...49]), ["UK_BANK_ACCOUNT_NUMBER", "UKRAINE_BANK_ACCOUNT_NUMBER"])
        for id in ["GERMANY_BANK_ACCOUNT_NUMBER", "UK_BANK_ACCOUNT_NUMBER", "FRANCE_BANK_ACCOUNT_NUMBER",
                   "TURKIYE_BANK_ACCOUNT_NUMBER", "TIMOR_LESTE_BANK_ACCOUNT_NUMBER"] {
            XCTAssertTrue(table.ids.contains(id), id)
        }
        // Jurisdictions Macie does not list (though they use IBANs) are not in the table.
        for code in ["AT", "BE", "LU", "NO", "LV", "RO", "SA"] {
            XCTAssertFalse(IBAN.countries.contains { $0.code == code }, code)
        }
    }

    func testEveryJurisdictionsRegistryExampleResolvesToItsMacieID() {
        XCTAssertEqual(Self.registryExamples.count, 52)
        XCTAssertEqual(Set(Self.registryExamples.map(\.1)), Set(IBAN.typeTable.ids))
        for (iban, id) in Self.registryExamples {
            XCTAssertEqual(ibanID(iban), id, iban)
            // Compact (electronic) and hyphen-separated forms are the same IBAN.
            let compact = iban.replacingOccurrences(of: " ", with: "")
            XCTAssertEqual(ibanID(compact), id, compact)
            XCTAssertEqual(ibanID(iban.replacingOccurrences(of: " ", with: "-")), id)
        }
    }

    func testIBANWikipediaAndMacieDocumentationExamples() {
        XCTAssertEqual(ibanID("GB82 WEST 1234 5698 7654 32"), "UK_BANK_ACCOUNT_NUMBER")
        XCTAssertEqual(ibanID("GB82WEST12345698765432"), "UK_BANK_ACCOUNT_NUMBER")
        XCTAssertEqual(ibanID("DE89 3704 0044 0532 0130 00"), "GERMANY_BANK_ACCOUNT_NUMBER")
        // Macie's documentation shows the three forms it detects.
        for form in ["GB29NWBK60161331926819", "GB29 NWBK 6016 1331 9268 19", "GB29-NWBK-6016-1331-9268-19"] {
            XCTAssertEqual(ibanID(form), "UK_BANK_ACCOUNT_NUMBER", form)
        }
    }

    func testIBANRejectsOneCharacterChanged() {
        XCTAssertNil(ibanRow("GB82 WEST 1234 5698 7654 33"))
        XCTAssertNil(ibanRow("GB82 WEST 1234 5698 7655 32"))
        XCTAssertNil(ibanRow("GB82 WEST 1234 5698 7654 23"), "two digits swapped")
        XCTAssertNil(ibanRow("GB83 WEST 1234 5698 7654 32"), "check digits changed")
        XCTAssertNil(ibanRow("GB82 WEBT 1234 5698 7654 32"), "bank code letter changed")
        XCTAssertNil(ibanRow("DE89 3704 0044 0532 0130 01"))
        XCTAssertNil(ibanRow("FR14 2004 1010 0505 0001 3M02 607"))
    }

    func testIBANRejectsWrongLength() {
        XCTAssertNil(ibanRow("GB82 WEST 1234 5698 7654 3"))
        XCTAssertNil(ibanRow("DE89 3704 0044 0532 0130 000"))
        // Check digits made for a 23-character BBAN: MOD 97 holds, but Germany's and the
        // UK's IBANs have 22 characters (values computed with an independent big-integer
        // implementation).
        XCTAssertNil(ibanRow("DE57 1234 5678 9012 3456 789"))
        XCTAssertNil(ibanRow("GB49 WEST 1234 5698 7654 321"))
        XCTAssertNil(ibanRow("DE89"))
        XCTAssertNil(ibanRow(""))
    }

    func testIBANRejectsValidIBANsOfJurisdictionsMacieDoesNotList() {
        // SWIFT IBAN Registry examples: valid IBANs, but no Macie ID exists for them.
        XCTAssertNil(ibanRow("AT61 1904 3002 3457 3201"))
        XCTAssertNil(ibanRow("BE68 5390 0754 7034"))
        XCTAssertNil(ibanRow("NO93 8601 1117 947"))
        XCTAssertNil(ibanRow("LU28 0019 4006 4475 0000"))
        // Germany's example under another listed country's code and length.
        XCTAssertNil(ibanRow("GB89 3704 0044 0532 0130 00"))
        XCTAssertNil(ibanRow("ZZ89 3704 0044 0532 0130 00"))
    }

    func testIBANRejectsCheckDigitsOutside02To98EvenWhenTheRemainderIsOne() {
        // Made-up German IBANs whose check digits are 97, 98 and 02; replacing them by
        // 00, 01 and 99 (equal mod 97) keeps the remainder 1, but ISO 13616 check digits
        // are always 02...98.
        XCTAssertEqual(ibanID("DE97628194821993518190"), "GERMANY_BANK_ACCOUNT_NUMBER")
        XCTAssertEqual(ibanID("DE98402614014193141705"), "GERMANY_BANK_ACCOUNT_NUMBER")
        XCTAssertEqual(ibanID("DE02123227610773350098"), "GERMANY_BANK_ACCOUNT_NUMBER")
        XCTAssertNil(ibanRow("DE00628194821993518190"))
        XCTAssertNil(ibanRow("DE01402614014193141705"))
        XCTAssertNil(ibanRow("DE99123227610773350098"))
    }

    func testIBANRejectsOtherCharactersAndLowerCase() {
        XCTAssertNil(ibanRow("GB82.WEST.1234.5698.7654.32"))
        XCTAssertNil(ibanRow("GB82 WEST 1234 5698 7654 3_"))
        XCTAssertNil(ibanRow("gb82west12345698765432"))
        XCTAssertNil(ibanRow("G882 WEST 1234 5698 7654 32"))
        XCTAssertNil(ibanRow("GBA2 WEST 1234 5698 7654 32"))
    }

    func testIBANValidatorAgreesWithTheTable() {
        XCTAssertTrue(run(IBAN.isValid, "NL91 ABNA 0417 1643 00"))
        XCTAssertFalse(run(IBAN.isValid, "NL91 ABNA 0417 1643 01"))
        XCTAssertFalse(run(IBAN.isValid, "AT61 1904 3002 3457 3201"))
    }

    // MARK: - US Social Security number

    func testSSNAcceptsStructurallyValidNumbersInEachWrittenForm() {
        XCTAssertTrue(ssn("536-22-1234"))
        XCTAssertTrue(ssn("536 22 1234"))
        XCTAssertTrue(ssn("536221234"))
        // Boundaries of the SSA's rules: the values next to each excluded range.
        XCTAssertTrue(ssn("001-01-0001"))
        XCTAssertTrue(ssn("665-12-3456"))
        XCTAssertTrue(ssn("667-12-3456"))
        XCTAssertTrue(ssn("899-99-9999"))
        XCTAssertTrue(ssn("078-05-1121"))
        XCTAssertTrue(ssn("123-45-6788"))
    }

    func testSSNRejectsAreasTheSSANeverAssigns() {
        XCTAssertFalse(ssn("000-12-3456"))
        XCTAssertFalse(ssn("666-12-3456"))
        XCTAssertFalse(ssn("900-12-3456"))
        XCTAssertFalse(ssn("987-65-4321"), "987-65-432x are the SSA's advertising numbers")
        XCTAssertFalse(ssn("999-99-9999"))
    }

    func testSSNRejectsZeroGroupOrSerial() {
        XCTAssertFalse(ssn("536-00-1234"))
        XCTAssertFalse(ssn("536-22-0000"))
        XCTAssertFalse(ssn("536000000"))
    }

    func testSSNRejectsPublishedExampleNumbers() {
        XCTAssertFalse(ssn("078-05-1120"), "Woolworth wallet card")
        XCTAssertFalse(ssn("078051120"))
        XCTAssertFalse(ssn("219-09-9999"), "1940 SSA pamphlet")
        XCTAssertFalse(ssn("123-45-6789"))
        XCTAssertFalse(ssn("123 45 6789"))
    }

    func testSSNRejectsInconsistentOrMisplacedSeparatorsAndWrongLengths() {
        XCTAssertFalse(ssn("536-22 1234"))
        XCTAssertFalse(ssn("536 22-1234"))
        XCTAssertFalse(ssn("53-622-1234"))
        XCTAssertFalse(ssn("536-221-234"))
        XCTAssertFalse(ssn("536.22.1234"))
        XCTAssertFalse(ssn("536-22-12345"))
        XCTAssertFalse(ssn("53622123"))
        XCTAssertFalse(ssn("5362212345"))
        XCTAssertFalse(ssn("536-2A-1234"))
        XCTAssertFalse(ssn(""))
    }
}
