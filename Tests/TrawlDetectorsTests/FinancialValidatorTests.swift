// The FINANCIAL group's validators against published values: the SWIFT IBAN Registry's
// national BBAN examples (France, Germany, Italy, San Marino, Monaco, Spain), Wikipedia's
// RIB and CCC examples, and Wikipedia's example magnetic stripe tracks (ISO/IEC 7813);
// then hand-made invalid variants (one character or check digit changed, wrong length,
// wrong alphabet), and made-up values whose check digits were computed independently
// (Corpus/generators/eval/financial.py).

import XCTest
import TrawlTestSupport
@testable import TrawlDetectors

final class FinancialValidatorTests: XCTestCase {

    private func france(_ s: String) -> Bool { run(NationalBankAccount.isValidFrance, s) }
    private func germany(_ s: String) -> Bool { run(NationalBankAccount.isValidGermany, s) }
    private func italy(_ s: String) -> Bool { run(NationalBankAccount.isValidItaly, s) }
    private func spain(_ s: String) -> Bool { run(NationalBankAccount.isValidSpain, s) }
    private func stripe(_ s: String) -> Bool { run(MagneticStripe.isValid, s) }

    // MARK: - Registry

    func testTheFinancialValidatorsAreRegistered() {
        for name in ["fr-rib", "de-bban", "it-cin", "es-ccc", "magnetic-stripe"] {
            XCTAssertNotNil(Validators.all[name], name)
        }
        XCTAssertEqual(Validators.check("fr-rib", "20041 01005 0500013M026 06"), true)
        XCTAssertEqual(Validators.check("es-ccc", "2100 0418 45 0200051332"), true)
    }

    // MARK: - France: RIB key

    func testFranceAcceptsPublishedRIBs() {
        // SWIFT IBAN Registry: FR14 2004 1010 0505 0001 3M02 606 (BBAN with a letter).
        XCTAssertTrue(france("20041010050500013M02606"))
        XCTAssertTrue(france("20041 01005 0500013M026 06"))
        XCTAssertTrue(france("2004-1010-0505-0001-3M02-606"))
        // Wikipedia's RIB example (letter Z in the account number).
        XCTAssertTrue(france("30002005500000157841Z25"))
        // Monaco uses the French RIB: the registry's MC58 1122 2000 0101 2345 6789 030.
        XCTAssertTrue(france("11222000010123456789030"))
        // A bank's documentation example: 30006 00001 12345678901 89.
        XCTAssertTrue(france("30006000011234567890189"))
    }

    func testFranceRejectsAChangedKeyDigitOrLetterAndBadShapes() {
        XCTAssertFalse(france("20041010050500013M02607"))
        XCTAssertFalse(france("20041010050500013M12606"))
        XCTAssertFalse(france("20041010050500013N02606"))
        XCTAssertFalse(france("30002005500000157841Z26"))
        // Letters only in the account number, upper case only; 23 characters exactly.
        XCTAssertFalse(france("2004A010050500013M02606"))
        XCTAssertFalse(france("20041010050500013m02606"))
        XCTAssertFalse(france("20041010050500013M0260"))
        XCTAssertFalse(france("20041010050500013M026060"))
        XCTAssertFalse(france("20041/01005/0500013M026/06"))
        // Key 00 is never computed (97 - r runs from 1 to 97).
        XCTAssertFalse(france("20041010050500013M02600"))
    }

    func testFranceLetterValuesFollowTheRIBTable() {
        // A-I -> 1-9, J-R -> 1-9, S-Z -> 2-9: letters with the same value are
        // interchangeable, so M (4), D (4) and U (4) give the same key.
        XCTAssertTrue(france("20041010050500013D02606"))
        XCTAssertTrue(france("20041010050500013U02606"))
        XCTAssertTrue(france("200410100505000134026 06"))
    }

    // MARK: - Italy: CIN

    func testItalyAcceptsPublishedBBANs() {
        // SWIFT IBAN Registry: IT60 X054 2811 1010 0000 0123 456.
        XCTAssertTrue(italy("X0542811101000000123456"))
        XCTAssertTrue(italy("X 05428 11101 000000123456"))
        XCTAssertTrue(italy("X054-2811-1010-0000-0123-456"))
        // San Marino uses the Italian CIN: SM86 U032 2509 8000 0000 0270 100.
        XCTAssertTrue(italy("U0322509800000000270100"))
        // Made-up values (check letter computed by the eval generator).
        XCTAssertTrue(italy("K1117374148955597971147"))
        XCTAssertTrue(italy("D8107416347703423667127"))
    }

    func testItalyRejectsAWrongCINAndBadShapes() {
        XCTAssertFalse(italy("Y0542811101000000123456"))
        XCTAssertFalse(italy("X0542811101000000123457"))
        // Two adjacent digits swapped (odd and even positions weigh differently).
        XCTAssertFalse(italy("X0452811101000000123456"))
        XCTAssertFalse(italy("x0542811101000000123456"))
        XCTAssertFalse(italy("X054281110100000012345"))
        XCTAssertFalse(italy("X05428111010000001234567"))
        // ABI and CAB are digits.
        XCTAssertFalse(italy("X05A2811101000000123456"))
        XCTAssertFalse(italy("10542811101000000123456"))
    }

    // MARK: - Spain: CCC control digits

    func testSpainAcceptsPublishedCCCs() {
        // SWIFT IBAN Registry: ES91 2100 0418 4502 0005 1332.
        XCTAssertTrue(spain("21000418450200051332"))
        XCTAssertTrue(spain("2100 0418 45 0200051332"))
        XCTAssertTrue(spain("2100-0418-4502-0005-1332"))
        // Wikipedia's CCC example (both control digits 0).
        XCTAssertTrue(spain("20770024003102575766"))
        // Examples bank documentation repeats.
        XCTAssertTrue(spain("00491500051234567892"))
        XCTAssertTrue(spain("21000813610123456789"))
        // 11 - r = 10 is written 1, 11 - r = 11 is written 0 (accounts 1000000000 and
        // 0000000000 after the registry's bank and branch, whose control digit is 4).
        XCTAssertTrue(spain("21000418411000000000"))
        XCTAssertFalse(spain("21000418401000000000"))
        XCTAssertTrue(spain("21000418400000000000"))
        XCTAssertFalse(spain("21000418410000000000"))
    }

    func testSpainRejectsWrongControlDigitsAndBadShapes() {
        XCTAssertFalse(spain("21000418460200051332"))
        XCTAssertFalse(spain("21000418440200051332"))
        XCTAssertFalse(spain("21000418450200051333"))
        XCTAssertFalse(spain("21000419450200051332"))
        XCTAssertFalse(spain("2100041845020005133"))
        XCTAssertFalse(spain("210004184502000513320"))
        XCTAssertFalse(spain("2100041845020005133A"))
    }

    // MARK: - Germany: structure only

    func testGermanyChecksTheBankleitzahlAndAccount() {
        // SWIFT IBAN Registry: DE89 3704 0044 0532 0130 00.
        XCTAssertTrue(germany("370400440532013000"))
        XCTAssertTrue(germany("370 400 44 0532013000"))
        XCTAssertTrue(germany("3704 0044 0532 0130 00"))
        // Clearing areas are 1-8: no Bankleitzahl starts with 0 or 9.
        XCTAssertFalse(germany("070400440532013000"))
        XCTAssertFalse(germany("970400440532013000"))
        XCTAssertTrue(germany("870400440532013000"))
        // The account number is not zero; 18 digits exactly.
        XCTAssertFalse(germany("370400440000000000"))
        XCTAssertFalse(germany("37040044053201300"))
        XCTAssertFalse(germany("3704004405320130000"))
        XCTAssertFalse(germany("37040044053201300A"))
    }

    // MARK: - Magnetic stripe

    func testStripeAcceptsWellFormedTracks() {
        // Made-up account numbers with Luhn digits; service codes 101, 201, 120.
        XCTAssertTrue(stripe("%B4787789328792170^GOMES/ANA^27111010000000000000?"))
        XCTAssertTrue(stripe("B4787789328792170^GOMES/ANA^2711101"))
        XCTAssertTrue(stripe(";5442180967929089=28042010000012345?"))
        XCTAssertTrue(stripe("5442180967929089=2804201"))
        XCTAssertTrue(stripe(";373834701746811=2612120123456789?"))
        // Expiry date and service code absent: field separators in their place.
        XCTAssertTrue(stripe("%B4787789328792170^GOMES/ANA^^^0000?"))
        XCTAssertTrue(stripe(";5442180967929089===123?"))
    }

    func testStripeRejectsPublishedTestNumbersAndWikipediasExample() {
        // Wikipedia's example tracks: structurally valid, a published example number.
        XCTAssertFalse(stripe("%B1234567890123445^PADILLA/L.                ^99011200000000000000"))
        XCTAssertFalse(stripe(";1234567890123445=99011200"))
        XCTAssertFalse(stripe("%B4111111111111111^TEST/CARD^27121010000000000000?"))
        XCTAssertFalse(stripe(";5555555555554444=2712101?"))
        XCTAssertFalse(stripe(";4917610000000000003=2712101?"))
    }

    func testStripeRejectsBrokenFields() {
        // Luhn failure.
        XCTAssertFalse(stripe(";5442180967929088=28042010000012345?"))
        // Month 13 and 00.
        XCTAssertFalse(stripe(";5442180967929089=28132010000012345?"))
        XCTAssertFalse(stripe(";5442180967929089=28002010000012345?"))
        // Service code digits: first not 1/2/5/6/7/9, second not 0/2/4, third 8 or 9.
        XCTAssertFalse(stripe(";5442180967929089=28043010000012345?"))
        XCTAssertFalse(stripe(";5442180967929089=28042110000012345?"))
        XCTAssertFalse(stripe(";5442180967929089=28042080000012345?"))
        // Account number of 11 or 20 digits.
        XCTAssertFalse(stripe(";54421809679=2804201?"))
        XCTAssertFalse(stripe(";54421809679290890000=2804201?"))
        // Name shorter than 2 or longer than 26 characters.
        XCTAssertFalse(stripe("%B4787789328792170^G^2711101?"))
        XCTAssertFalse(stripe("%B4787789328792170^GOMES/ANA MARIA DOS SANTOS X^2711101?"))
        // Longer than the track allows (track 2: 40 characters).
        XCTAssertFalse(stripe(";5442180967929089=280420100000123456789012345?"))
        // Wrong separator for the track.
        XCTAssertFalse(stripe(";5442180967929089^2804201?"))
        XCTAssertFalse(stripe("%B4787789328792170=GOMES/ANA=2711101?"))
    }

    // MARK: - Detectors

    private func ids(_ engine: DetectionEngine, _ set: DetectorSet, _ text: String) -> [String] {
        engine.matches(in: text).map { set.types[$0.typeIndex].id }
    }

    func testNationalFormsAreNotCutOutOfIBANsAndTracksAreNotCards() throws {
        let set = try DetectorSet(try DetectorLoader.load())
        let engine = DetectionEngine(set)
        // An IBAN is reported once, by the IBAN table, not again as its BBAN tail.
        XCTAssertEqual(ids(engine, set, "IBAN ES37 9458 0730 0721 5736 8193"), ["SPAIN_BANK_ACCOUNT_NUMBER"])
        XCTAssertEqual(ids(engine, set, "iban: ES3794580730072157368193"), ["SPAIN_BANK_ACCOUNT_NUMBER"])
        XCTAssertEqual(ids(engine, set, "cuenta bancaria 9458 0730 07 2157368193"), ["SPAIN_BANK_ACCOUNT_NUMBER"])
        // A BBAN's grouped digits are not a card number (account number is a card keyword).
        XCTAssertEqual(ids(engine, set, "account number 4556 9542 5550 3490 72"), ["GERMANY_BANK_ACCOUNT_NUMBER"])
        // The expiry and service code fields of a track are not a card number; the track
        // 2's own account number is.
        XCTAssertEqual(ids(engine, set, "swipe %B4787789328792170^GOMES/ANA^2711101000000000?"),
                       ["CREDIT_CARD_MAGNETIC_STRIPE"])
        XCTAssertEqual(Set(ids(engine, set, "swipe ;4787789328792170=2711101000000000?")),
                       ["CREDIT_CARD_MAGNETIC_STRIPE", "CREDIT_CARD_NUMBER_(NO_KEYWORD)"])
        // Macie's domestic UK example is published: never reported; another one is.
        XCTAssertEqual(ids(engine, set, "sort code 60-16-13 31926819"), [])
        XCTAssertEqual(ids(engine, set, "sort code 20-45-77 63917024"), ["UK_BANK_ACCOUNT_NUMBER"])
    }

    func testWindowedAndPlainPassesAgreeOnFinancialNearMisses() throws {
        // Pieces on the edges of the financial detectors' windows and anchors: track
        // sentinels and separators, names, BBAN groups, sort codes, IBAN heads, keywords.
        var rng = SplitMix64(seed: 7813)
        let pieces = ["%B", "B", "^", "=", "?", ";", "GOMES/ANA", "4787789328792170", "5442180967929089",
                      "2711101", "0000", "swipe", "track 2", "iban", "IBAN ", "ES37", "9458 0730 07 2157368193",
                      "9458 0730 0721 5736 8193", "52445 19772 6018159P830 01", "K1117374148955597971147",
                      "20-45-77", "63917024", "BARC", "sort code", "kontonummer", "614506123100772837",
                      "4266 1663 0494 0326 99", "checking account", "4471092835", "expY=", "2026", ", expM=",
                      "02", "exp", "cvv", "418", "card", "4556 9542 5550 3490", " ", "-", "/", ",", ".", "\n", "é"]
        var text = ""
        for _ in 0..<12_000 {
            let r = Int(rng.next() % 100)
            if r < 80 {
                text += pieces[Int(rng.next() % UInt64(pieces.count))]
            } else {
                let n = Int(rng.next() % 20) + 1
                text += String((0..<n).map { _ in Character(String(rng.next() % 10)) })
            }
        }
        for selection in [IdentifierSelection(), IdentifierSelection(exclude: ["CREDIT_CARD_NUMBER_(NO_KEYWORD)"])] {
            let set = try DetectorSet(try DetectorLoader.load(), selection: selection)
            let fast = DetectionEngine(set, usePrefilters: true).matches(in: text)
            let reference = DetectionEngine(set, usePrefilters: false).matches(in: text)
            XCTAssertGreaterThan(reference.count, 0)
            XCTAssertEqual(fast, reference)
        }
    }
}
