// The driver's licence validators against the specifications' published values (the
// DVLA specimen licence, the Spanish Interior ministry's DNI example, Skatteverket's and
// DVV's example identity numbers, the German specimen licence, the Sarathi format
// example) and hand-made invalid variants: one character changed, impossible dates,
// wrong lengths. Then the detector files that use them, end to end.

import XCTest
@testable import TrawlDetectors

final class DriversLicenseValidatorTests: XCTestCase {

    /// Macie's 32 driver's licence identifiers (DRIVERS_LICENSE is the US one).
    static let driversLicenseIDs = [
        "AUSTRALIA_DRIVERS_LICENSE", "AUSTRIA_DRIVERS_LICENSE", "BELGIUM_DRIVERS_LICENSE", "BULGARIA_DRIVERS_LICENSE",
        "CANADA_DRIVERS_LICENSE", "CROATIA_DRIVERS_LICENSE", "CYPRUS_DRIVERS_LICENSE", "CZECHIA_DRIVERS_LICENSE",
        "DENMARK_DRIVERS_LICENSE", "DRIVERS_LICENSE", "ESTONIA_DRIVERS_LICENSE", "FINLAND_DRIVERS_LICENSE",
        "FRANCE_DRIVERS_LICENSE", "GERMANY_DRIVERS_LICENSE", "GREECE_DRIVERS_LICENSE", "HUNGARY_DRIVERS_LICENSE",
        "INDIA_DRIVERS_LICENSE", "IRELAND_DRIVERS_LICENSE", "ITALY_DRIVERS_LICENSE", "LATVIA_DRIVERS_LICENSE",
        "LITHUANIA_DRIVERS_LICENSE", "LUXEMBOURG_DRIVERS_LICENSE", "MALTA_DRIVERS_LICENSE", "NETHERLANDS_DRIVERS_LICENSE",
        "POLAND_DRIVERS_LICENSE", "PORTUGAL_DRIVERS_LICENSE", "ROMANIA_DRIVERS_LICENSE", "SLOVAKIA_DRIVERS_LICENSE",
        "SLOVENIA_DRIVERS_LICENSE", "SPAIN_DRIVERS_LICENSE", "SWEDEN_DRIVERS_LICENSE", "UK_DRIVERS_LICENSE",
    ]

    func testTheCatalogueHasEveryDriversLicenceIdentifierWithMaciesSettings() throws {
        let defs = try DetectorLoader.load()
        let byId = Dictionary(defs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // Macie's recommended set holds the Canadian, US and UK identifiers only.
        let recommended: Set = ["CANADA_DRIVERS_LICENSE", "DRIVERS_LICENSE", "UK_DRIVERS_LICENSE"]
        for id in Self.driversLicenseIDs {
            guard let d = byId[id] else { XCTFail("\(id) is missing"); continue }
            XCTAssertTrue(d.keywordRequired, id)
            XCTAssertEqual(d.maximumMatchDistance, 30, id)
            XCTAssertEqual(d.category, .personalInformation, id)
            XCTAssertEqual(d.severity, SeverityTable(one: .low, some: .medium, many: .high), id)
            XCTAssertEqual(d.recommended, recommended.contains(id), id)
            XCTAssertNotNil(d.prefilter, id)
        }
    }

    func testTheValidatorsAreRegistered() {
        for name in ["dl-uk", "dl-spain", "dl-sweden", "dl-finland", "dl-germany", "dl-india"] {
            XCTAssertNotNil(Validators.all[name], name)
        }
    }

    // MARK: - UK (DVLA driver number)

    func testUKAcceptsTheSpecimenStructure() {
        // The DVLA specimen licence: MORGAN, born 11 March 1976 (month 53: a woman),
        // initials S M, arbitrary digit 9, check characters IJ.
        valid("dl-uk", [
            "MORGA753116SM9IJ", "MORGA 753116 SM9IJ",
            // A short surname padded with 9s and a single initial (second initial 9).
            "LEE99612150J99AB",
            // 29 February in a year whose two digits are a multiple of 4.
            "SMITH802294JA9XY",
        ])
    }

    func testUKRejectsImpossibleDatesAndBrokenStructure() {
        invalid("dl-uk", [
            "MORGA713116SM9IJ",  // month 13
            "MORGA763116SM9IJ",  // month 63 (13 + 50)
            "MORGA700116SM9IJ",  // month 00
            "MORGA753326SM9IJ",  // 32 March
            "MORGA704316SM9IJ",  // 31 April
            "SMITH802297JA9XY",  // 29 February, year 87
            "LE9E9612150J99AB",  // a letter after the padding
            "99999612150J99AB",  // no surname letter
            "M7RGA753116SM9IJ",  // a digit in the surname
            "MORGA7531169M9IJ",  // first initial must be a letter
            "MORGA753116SMAIJ",  // position 14 is a digit
            "MORGA753116SM9I",  // 15 characters
            "MORGA753116SM9IJK",  // 17 characters
            "morga753116sm9ij",  // lower case
        ])
    }

    // MARK: - Spain (DNI / NIE control letter)

    func testSpainAcceptsPublishedAndComputedControlLetters() {
        // The Interior ministry's worked example: 12345678 mod 23 = 14, letter Z.
        valid("dl-spain", [
            "12345678Z",
            "12345678-Z",
            "12345678z",
            // NIE: X, Y, Z count as 0, 1, 2 (X1234567: 1234567 mod 23 = 19, L).
            "X1234567L",
            "Y1234567X",
            "Z-1234567-R",
            "00000001R",
        ])
    }

    func testSpainRejectsWrongLettersAndLengths() {
        invalid("dl-spain", [
            "12345678A",
            "12345679Z",
            "X1234567T",
            "1234567Z",  // seven digits without X/Y/Z
            "X12345678L",  // NIE with eight digits
            "123456789Z",
            "12345678",  // no letter
            "12345678ZZ",
            "1234Z5678",  // letter in the middle
        ])
    }

    // MARK: - Sweden (personnummer)

    func testSwedenAcceptsPublishedPersonnummer() {
        valid("dl-sweden", [
            "121212-1212",  // Skatteverket's Tolvan Tolvansson
            "19121212-1212",
            "191212121212",
            "811218-9876",  // the Wikipedia example
            "8112189876",
            "121212+1212",  // the form used from age 100
            "701063-2391",  // samordningsnummer (day 3 + 60)
            "000229-1235",  // 29 February 2000
            "20000229-1235",
        ])
    }

    func testSwedenRejectsLuhnFailuresAndImpossibleDates() {
        invalid("dl-sweden", [
            "811218-9877",
            "121212-1213",
            "811318-9876",  // month 13
            "19000229-1235",  // 1900 is not a leap year
            "17121212-1212",  // century 17
            "811218-987",
            "811218-98765",
            "811218 9876",  // space is not a separator
        ])
    }

    // MARK: - Finland (HETU)

    func testFinlandAcceptsDVVsExampleAndTheNewCenturySigns() {
        valid("dl-finland", [
            "131052-308T",  // DVV's example code
            "131052Y308T",  // 1900s, sign Y (from 2023)
            "131052A308T",  // same digits, 2000s
            "290200A1239",  // 29 February 2000
        ])
    }

    func testFinlandRejectsWrongControlCharactersAndDates() {
        invalid("dl-finland", [
            "131052-308U",
            "131052-309T",
            "290200-1239",  // 1900 is not a leap year
            "131352-308T",  // month 13
            "131052Z308T",  // not a century sign
            "131052-001T",  // individual numbers start at 002
            "131052-308",
            "131052-308TT",
        ])
    }

    // MARK: - Germany (Führerscheinnummer)

    func testGermanyAcceptsTheSpecimenLicenceNumber() {
        // Specimen licence: B072RRE2I, weighted sum 467, 467 mod 11 = 5; issue number 5.
        valid("dl-germany", [
            "B072RRE2I55",
            "B072RRE2I5A",  // any issue character
            "C123ABCDEX1",  // remainder 10 is written X
        ])
    }

    func testGermanyRejectsWrongCheckDigits() {
        invalid("dl-germany", [
            "B072RRE2I45",
            "B072RRE2J55",
            "C123ABCDE01",
            "B072RRE2I5",
            "B072RRE2I555",
            "b072rre2i55",
        ])
    }

    // MARK: - India (SS-RRYYYYNNNNNNN)

    func testIndiaAcceptsTheFormatExamples() {
        valid("dl-india", [
            "MH-1420110062821",
            "MH1420110062821",
            "MH14 20110062821",
            "DL-0420110149646",
            "KA-01-2015-0012345",
        ])
    }

    func testIndiaRejectsUnknownStatesAndEmptyFields() {
        invalid("dl-india", [
            "XX-1420110062821",  // no such state code
            "MH-0020110062821",  // RTO 00
            "MH-1420110000000",  // serial 0000000
            "MH-1418110062821",  // year 1811
            "MH-142011006282",  // 14 characters
            "MH-14201100628210",
        ])
    }

    // MARK: - The detector files, end to end

    func testEachValidatedDetectorFindsItsValueOnlyWithAKeywordAndAValidCheck() throws {
        let set = try DetectorSet(try DetectorLoader.load(),
                                  selection: IdentifierSelection(managed: .none, include: Set(Self.driversLicenseIDs)))
        let engine = DetectionEngine(set)
        func ids(_ text: String) -> Set<String> { Set(engine.matches(in: text).map { set.types[$0.typeIndex].id }) }
        let cases: [(String, String, String)] = [
            // (identifier, valid value, the same value with its check broken)
            ("UK_DRIVERS_LICENSE", "HARGR706031UB9UB", "HARGR716031UB9UB"),
            ("SPAIN_DRIVERS_LICENSE", "Y1234567X", "Y1234567T"),
            ("SWEDEN_DRIVERS_LICENSE", "850709-9805", "850709-9806"),
            ("FINLAND_DRIVERS_LICENSE", "290200A1239", "290200-1239"),
            ("GERMANY_DRIVERS_LICENSE", "C123ABCDEX1", "C123ABCDE11"),
            ("INDIA_DRIVERS_LICENSE", "KA-01-2015-0012345", "QQ-01-2015-0012345"),
        ]
        let keyword = ["UK_DRIVERS_LICENSE": "driving licence", "SPAIN_DRIVERS_LICENSE": "permiso de conducir",
                       "SWEDEN_DRIVERS_LICENSE": "körkortsnummer", "FINLAND_DRIVERS_LICENSE": "ajokortti",
                       "GERMANY_DRIVERS_LICENSE": "Führerscheinnummer", "INDIA_DRIVERS_LICENSE": "driving licence"]
        for (id, valid, broken) in cases {
            let kw = keyword[id]!
            XCTAssertTrue(ids("\(kw): \(valid)").contains(id), "\(id): \(valid)")
            XCTAssertFalse(ids("\(kw): \(broken)").contains(id), "\(id): \(broken)")
            XCTAssertFalse(ids("reference \(valid) filed").contains(id), "\(id) without a keyword")
        }
    }

    func testALongKeywordCountsFromItsOwnEnd() throws {
        // "führerschein republik österreich" ends 12 characters before the second value;
        // "führerschein", which starts at the same place, ends 32 before it.
        let set = try DetectorSet(try DetectorLoader.load(),
                                  selection: IdentifierSelection(managed: .none, include: ["AUSTRIA_DRIVERS_LICENSE"]))
        let engine = DetectionEngine(set)
        XCTAssertEqual(engine.matches(in: "Führerschein Republik Österreich: 49917594, 34493565").count, 2)
    }

    func testTheEnglishShapesDoNotTakeAGroupOutOfALongerValue() throws {
        let set = try DetectorSet(try DetectorLoader.load(),
                                  selection: IdentifierSelection(managed: .none, include: Set(Self.driversLicenseIDs)))
        let engine = DetectionEngine(set)
        func ids(_ text: String) -> [String] { engine.matches(in: text).map { set.types[$0.typeIndex].id }.sorted() }
        // An Indian number's year-and-serial group and a grouped UK number's date group
        // are not Australian, Canadian or US numbers.
        XCTAssertEqual(ids("driving licence KA01 20150012345"), ["INDIA_DRIVERS_LICENSE"])
        XCTAssertEqual(ids("driving licence HARGR 706031 UB9UB"), ["UK_DRIVERS_LICENSE"])
    }
}
