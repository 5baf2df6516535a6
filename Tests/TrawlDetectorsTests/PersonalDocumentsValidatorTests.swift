// Validators of the personal-documents group against published values: ICAO Doc 9303's
// worked example (the Utopia specimen) and the German BMI specimen passport for the
// 7-3-1 check digit; Wikipedia's VIN examples and the all-ones VIN for 49 CFR 565's
// check digit; calendar facts (leap years) for birth dates; ISO 6709 ranges for GPS
// coordinates. Plus hand-made invalid variants.

import XCTest
@testable import TrawlDetectors

final class PersonalDocumentsValidatorTests: XCTestCase {

    // MARK: - Helpers

    private func icao(_ s: String) -> Int? {
        var t = s
        return t.withUTF8 { PassportNumber.icaoCheckDigit(UnsafeRawBufferPointer($0), from: 0, to: $0.count) }
    }

    private func vinCheck(_ s: String) -> Character? {
        var t = s
        return t.withUTF8 { VehicleIdentificationNumber.checkCharacter(UnsafeRawBufferPointer($0)) }
            .map { Character(UnicodeScalar($0)) }
    }

    /// The birth-date validator with a fixed "today" (2025-06-30).
    private func dob(_ s: String, today: Int = 2025_06_30) -> Bool {
        var t = s
        return t.withUTF8 { DateOfBirth.isValid(UnsafeRawBufferPointer($0), today: today) }
    }

    // MARK: - Registry

    func testTheGroupsValidatorsAreRegistered() {
        XCTAssertTrue(Set(Validators.all.keys).isSuperset(of: ["passport-de", "date-of-birth",
                                                              "latitude-longitude", "vin"]))
        XCTAssertEqual(Validators.check("passport-de", "CF4T92HV18"), true)
        XCTAssertEqual(Validators.check("vin", "1M8GDM9AXKP042788"), true)
        XCTAssertEqual(Validators.check("latitude-longitude", "41.948614,-87.655311"), true)
        // Any date from 1900 up to the real today is a possible birth date.
        XCTAssertEqual(Validators.check("date-of-birth", "1984-03-17"), true)
        XCTAssertEqual(Validators.check("date-of-birth", "2999-03-17"), false)
    }

    // MARK: - ICAO 9303 check digits

    func testICAOCheckDigitsOfTheDoc9303WorkedExample() {
        // Doc 9303 Part 4, TD3 specimen (Utopia, Anna Maria Eriksson):
        // L898902C36UTO7408122F1204159ZE184226B<<<<<10
        XCTAssertEqual(icao("L898902C3"), 6)           // document number
        XCTAssertEqual(icao("740812"), 2)              // date of birth
        XCTAssertEqual(icao("120415"), 9)              // date of expiry
        XCTAssertEqual(icao("ZE184226B<<<<<"), 1)      // optional data, '<' counts 0
        // Composite: positions 1-10, 14-20 and 22-43 of the second line.
        XCTAssertEqual(icao("L898902C36" + "7408122" + "1204159" + "ZE184226B<<<<<1"), 0)
    }

    func testICAOCheckDigitOfTheGermanSpecimenPassport() {
        // BMI specimen passport (Erika Mustermann): document number C01X00T47, MRZ C01X00T478.
        XCTAssertEqual(icao("C01X00T47"), 8)
    }

    func testICAOCheckDigitRejectsCharactersOutsideTheMRZAlphabet() {
        XCTAssertNil(icao("c01x00t47"))
        XCTAssertNil(icao("C01X-00T47"))
    }

    // MARK: - German passport numbers

    func testGermanPassportNumbers() {
        let valid = PassportNumber.isValidGerman
        XCTAssertTrue(run(valid, "C01X00T47"))        // structure (deny lists drop the specimen)
        XCTAssertTrue(run(valid, "C01X00T478"))       // with its check digit
        XCTAssertTrue(run(valid, "CF4T92HV18"))
        XCTAssertTrue(run(valid, "K9M3TWZ40"))
        XCTAssertFalse(run(valid, "C01X00T479"))      // wrong check digit
        XCTAssertFalse(run(valid, "C01X00T47X"))      // a check digit is a digit
        XCTAssertFalse(run(valid, "A01X00T47"))       // first character not one of CFGHJK
        XCTAssertFalse(run(valid, "C01B00T47"))       // B is not in the serial alphabet
        XCTAssertFalse(run(valid, "C01X00T4"))        // too short
        XCTAssertFalse(run(valid, "C01X00T4788"))     // too long
        XCTAssertFalse(run(valid, "c01x00t47"))
    }

    // MARK: - Vehicle identification numbers

    func testVINCheckDigitsOfPublishedExamples() {
        // Wikipedia, "Vehicle identification number", check-digit section: 1M8GDM9AXKP042788
        // (check digit X); the all-ones VIN; 5GZCZ43D13S812715; the Honda example of VIN
        // decoders, 1HGCM82633A004352.
        XCTAssertEqual(vinCheck("1M8GDM9AXKP042788"), "X")
        XCTAssertEqual(vinCheck("11111111111111111"), "1")
        XCTAssertEqual(vinCheck("5GZCZ43D13S812715"), "1")
        XCTAssertEqual(vinCheck("1HGCM82633A004352"), "3")
        XCTAssertNil(vinCheck("1M8GDM9AXKP04278"))
        XCTAssertNil(vinCheck("1M8GDM9AXKP04278O"))
    }

    func testVINValidatorAppliesTheCheckDigitInNorthAmericaAndChina() {
        let valid = VehicleIdentificationNumber.isValid
        XCTAssertTrue(run(valid, "1M8GDM9AXKP042788"))
        XCTAssertTrue(run(valid, "1FT6ZLH86BG423667"))
        XCTAssertTrue(run(valid, "LSVEP1KT0MW571177"))
        XCTAssertFalse(run(valid, "1M8GDM9A1KP042788"))   // wrong check digit
        XCTAssertFalse(run(valid, "1FT6ZLH86BG423668"))   // one digit changed
        XCTAssertFalse(run(valid, "LSVEP1KT1MW571177"))   // Chinese WMI, wrong check digit
        // Model year never U, Z or 0 in North America. Check digits by hand (49 CFR 565.15
        // transliteration and weights 8 7 6 5 4 3 2 10 0 9 8 7 6 5 4 3 2): the weighted sum of
        // 1FT6ZLH8?BG423667 without position 10 is 406, plus 9 x the year's value: U (4) 442,
        // mod 11 = 2; Z (9) 487, mod 11 = 3; 0 (0) 406, mod 11 = 10, written X.
        for v in ["1FT6ZLH82UG423667", "1FT6ZLH83ZG423667", "1FT6ZLH8X0G423667"] {
            XCTAssertFalse(run(valid, v), v)
        }
        // 11111111111111111 has a right check digit but no letter: not a VIN.
        XCTAssertFalse(run(valid, "11111111111111111"))
    }

    func testVINValidatorTakesOtherRegionsOnTheirStructure() {
        let valid = VehicleIdentificationNumber.isValid
        // Wikipedia's European examples: position 9 is not a check digit under ISO 3779.
        XCTAssertTrue(run(valid, "SGZCZ43D13S812715"))
        XCTAssertTrue(run(valid, "WP0ZZZ99ZTS392124"))
        XCTAssertTrue(run(valid, "JTD77WFK3DL472803"))
        // I, O and Q never appear; 17 characters exactly; letters and digits both.
        XCTAssertFalse(run(valid, "WP0ZZZ99ZTS39212O"))
        XCTAssertFalse(run(valid, "WPIZZZ99ZTS392124"))
        XCTAssertFalse(run(valid, "WP0ZZZ99ZTS39212"))
        XCTAssertFalse(run(valid, "WP0ZZZ99ZTS3921245"))
        XCTAssertFalse(run(valid, "wp0zzz99zts392124"))
        XCTAssertFalse(run(valid, "98765432109876543"))
    }

    // MARK: - Birth dates

    func testBirthDatesInTheNumericForms() {
        XCTAssertTrue(dob("1984-03-17"))
        XCTAssertTrue(dob("1984/3/7"))
        XCTAssertTrue(dob("17/03/1984"))     // day first
        XCTAssertTrue(dob("03/17/1984"))     // month first
        XCTAssertTrue(dob("17-03-84"))       // two-digit year
        XCTAssertTrue(dob("17 03 1984"))
        XCTAssertTrue(dob("19840317"))       // YYYYMMDD
        XCTAssertTrue(dob("17031984"))       // DDMMYYYY
        XCTAssertTrue(dob("03171984"))       // MMDDYYYY
        XCTAssertFalse(dob("1984-02-30"))
        XCTAssertFalse(dob("31/04/1990"))    // April has 30 days, and there is no month 31
        XCTAssertFalse(dob("13/13/1984"))
        XCTAssertFalse(dob("19841317"))
        XCTAssertFalse(dob("1984-03"))
        XCTAssertFalse(dob("1984-03-17-01"))
    }

    func testBirthDatesWithMonthNames() {
        XCTAssertTrue(dob("12 May 1980"))
        XCTAssertTrue(dob("3rd May 1979"))
        XCTAssertTrue(dob("May 12, 1980"))
        XCTAssertTrue(dob("Sept. 5, 1980"))
        XCTAssertTrue(dob("17-MAR-84"))
        XCTAssertTrue(dob("1980-May-12"))
        XCTAssertTrue(dob("december 24th, 1999"))
        XCTAssertFalse(dob("30 Feb 1980"))
        XCTAssertFalse(dob("Foo 12, 1980"))
        XCTAssertFalse(dob("May 1980"))
    }

    func testLeapYearsFollowTheGregorianRule() {
        XCTAssertTrue(dob("2000-02-29"))     // divisible by 400
        XCTAssertTrue(dob("29 Feb 1996"))
        XCTAssertFalse(dob("1900-02-29"))    // century not divisible by 400
        XCTAssertFalse(dob("1985-02-29"))
        // A two-digit year is read as 19YY or 20YY: 29/02/00 is 2000-02-29.
        XCTAssertTrue(dob("29/02/00"))
    }

    func testBirthDatesLieBetween1900AndToday() {
        XCTAssertTrue(dob("1900-01-01"))
        XCTAssertFalse(dob("1899-12-31"))
        XCTAssertTrue(dob("2025-06-30"))
        XCTAssertFalse(dob("2025-07-01"))
        XCTAssertFalse(dob("2091-05-12"))
        // Two-digit years: 05/07/30 is 1930 (2030 is in the future).
        XCTAssertTrue(dob("05/07/30"))
    }

    func testDateCalendarHelpers() {
        XCTAssertEqual(DateOfBirth.daysIn(month: 2, year: 2024), 29)
        XCTAssertEqual(DateOfBirth.daysIn(month: 2, year: 2100), 28)
        XCTAssertEqual(DateOfBirth.daysIn(month: 9, year: 2023), 30)
        XCTAssertTrue(DateOfBirth.today >= 2025_01_01)
    }

    // MARK: - GPS coordinates

    func testCoordinatePairsWithinISO6709Ranges() {
        let valid = GPSCoordinates.isValid
        XCTAssertTrue(run(valid, "41.948614,-87.655311"))     // Macie's example, latitude first
        XCTAssertTrue(run(valid, "-122.41942, 37.77493"))     // GeoJSON order, longitude first
        XCTAssertTrue(run(valid, "-33.86882 151.20930"))
        XCTAssertTrue(run(valid, "90.000,180.000"))
        XCTAssertTrue(run(valid, "+0.001,-0.001"))
        XCTAssertFalse(run(valid, "120.5000,150.2500"))       // no value within 90 degrees
        XCTAssertFalse(run(valid, "181.000,10.000"))
        XCTAssertFalse(run(valid, "10.000,-180.001"))
        XCTAssertFalse(run(valid, "41.948614"))
        XCTAssertFalse(run(valid, "41,948614"))
        XCTAssertFalse(run(valid, "41.948614,-87.655311,12.5"))
    }

    // MARK: - Detectors (engine level)

    func testANineDigitNumberNearPassportNumberIsBothAUKAndAUSPassportNumber() throws {
        let defs = try DetectorLoader.load()
        let set = try DetectorSet(defs, selection: IdentifierSelection(
            managed: .none, include: ["UK_PASSPORT_NUMBER", "USA_PASSPORT_NUMBER"]))
        let engine = DetectionEngine(set)
        func ids(_ text: String) -> [String] { engine.matches(in: text).map { set.types[$0.typeIndex].id }.sorted() }
        XCTAssertEqual(ids("passport number: 533380006"), ["UK_PASSPORT_NUMBER", "USA_PASSPORT_NUMBER"])
        // Bare "passport" is one of Macie's US keywords, not a UK one.
        XCTAssertEqual(ids("Passport: 533380006"), ["USA_PASSPORT_NUMBER"])
        XCTAssertEqual(ids("passport number: 123456789"), [])
    }

    func testGermanPassportNumbersWithACheckDigitMustCarryTheRightOne() throws {
        let defs = try DetectorLoader.load()
        let set = try DetectorSet(defs, selection: IdentifierSelection(managed: .none, include: ["GERMANY_PASSPORT_NUMBER"]))
        let engine = DetectionEngine(set)
        XCTAssertEqual(engine.matches(in: "Reisepass-Nr. CF4T92HV18").count, 1)
        XCTAssertEqual(engine.matches(in: "Reisepass-Nr. CF4T92HV13").count, 0)
        XCTAssertEqual(engine.matches(in: "Reisepass-Nr. C01X00T478").count, 0)   // the specimen
    }
}
