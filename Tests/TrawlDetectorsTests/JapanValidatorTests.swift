// The Japanese validators (Validators/JapanNumbers.swift) against values whose check
// digits were computed independently of the Swift code (python3, from the rules the
// validator's header cites, shown next to each value), published values (国税庁's own
// corporate number, the worked examples of the driver's license write-ups), and invalid
// variants: the check digit changed, a digit missing or added, a rule of the scheme broken.

import XCTest
@testable import TrawlDetectors

final class JapanValidatorTests: XCTestCase {

    func testRegisteredAndUsedByTheDetectorFiles() throws {
        let defs = try DetectorLoader.load()
        let byID = Dictionary(defs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let expected: [String: String?] = [
            "JAPAN_MY_NUMBER": "japan-my-number", "JAPAN_CORPORATE_NUMBER": "japan-corporate-number",
            "JAPAN_DRIVERS_LICENSE": "japan-drivers-license", "JAPAN_PHONE_NUMBER": "japan-phone",
            "JAPAN_PASSPORT_NUMBER": nil, "JAPAN_BANK_ACCOUNT_NUMBER": nil, "JAPAN_RESIDENCE_CARD_NUMBER": nil,
        ]
        for (id, validator) in expected {
            let d = try XCTUnwrap(byID[id], "\(id) has no detector file")
            XCTAssertEqual(d.validator, validator, id)
            if let validator { XCTAssertNotNil(Validators.all[validator], validator) }
            XCTAssertTrue(d.keywordRequired, id)
            XCTAssertFalse(d.recommended, id)
            XCTAssertEqual(d.category, .personalInformation, id)
            XCTAssertEqual(d.maximumMatchDistance, 30, id)
        }
    }

    // MARK: - My Number (総務省令: weights 6,5,4,3,2,7,6,5,4,3,2; r = sum mod 11; 0 if r <= 1 else 11 - r)

    func testMyNumber() {
        // python3: r = sum(int(c)*w for c, w in zip(base, (6,5,4,3,2,7,6,5,4,3,2))) % 11
        // 12345678901: sum = 6+10+12+12+10+42+42+40+36+0+2 = 212, 212 mod 11 = 3, check 8.
        // 30166131860: r = 0 -> check 0; 91390996030: r = 1 -> check 0; 89555979711: r = 2 -> check 9.
        valid("japan-my-number", ["123456789018", "1234 5678 9018", "1234-5678-9018", "518372640919",
                                  "739201854631", "204817365927", "301661318600", "913909960300", "895559797119"])
        invalid("japan-my-number", ["123456789017", "123456789019", "518372640918", "301661318601",
                                    "913909960301", "895559797110", "12345678901", "1234567890180",
                                    "000000000000", "1234x5678901"])
        assertOnlyLastDigit("9", after: "51837264091", { self.check("japan-my-number", $0) })
        assertOnlyLastDigit("0", after: "30166131860", { self.check("japan-my-number", $0) })
    }

    // MARK: - Corporate number (財務省令: 9 - (sum, even places from the right doubled) mod 9, leading)

    func testCorporateNumber() {
        // 7000012050002: 国税庁 (National Tax Agency), its published corporate number.
        // python3: 9 - sum(int(c)*(1 if (12-i)%2 else 2) for i, c in enumerate(base)) % 9
        // 700110005901 -> 8; 010401088011 -> 3; 401234567890 -> 3; 512345098765 -> 1.
        valid("japan-corporate-number", ["7000012050002", "8700110005901", "3010401088011", "3401234567890",
                                         "1512345098765"])
        invalid("japan-corporate-number", ["6000012050002", "8000012050002", "7700110005901", "700001205000",
                                           "70000120500021", "0000000000000", "9999999999999"])
        for lead in "0123456789" {
            let value = String(lead) + "000012050002"
            XCTAssertEqual(check("japan-corporate-number", value), lead == "7", value)
        }
    }

    // MARK: - Driver's license (weights 5,4,3,2,7,6,5,4,3,2; (11 - sum mod 11) mod 10 is the 11th digit)

    func testDriversLicense() {
        // 30 90 123456: 15+0+27+0+7+12+15+16+15+12 = 119, 119 mod 11 = 9, 11 - 9 = 2 (jiko0.com's example).
        // 4598033587: 174 mod 11 = 9 -> 2 (kojima-yutaka.main.jp's example).
        // python3: 3039825979 r = 1 -> 0; 3051620466 r = 0 -> 11 -> 1.
        valid("japan-drivers-license", ["309012345620", "309012345621", "459803358720", "621548273960",
                                        "441073925450", "3019 0001 2330", "303982597900", "305162046610"])
        invalid("japan-drivers-license", ["309012345630", "459803358710", "621548273950", "303982597910",
                                          "305162046600", "30901234562", "3090123456200",
                                          "009012345660",    // commission code 00 (check 6 is right)
                                          "151548273980"])   // commission code 15 (check 8 is right)
    }

    // MARK: - Phone numbers (総務省 numbering plan: digits per prefix)

    func testPhone() {
        valid("japan-phone", ["03-1234-5678", "(03) 1234-5678", "03(1234)5678", "0123-45-6789", "01456-2-1234",
                              "090-1234-5678", "080-2345-6789", "070-3456-7890", "050-1234-5678", "09012345678",
                              "0120-123-456", "0570-123-456", "0800-123-4567",
                              "+81 3-1234-5678", "+81 90 1234 5678", "+819012345678", "+81 (0)3-1234-5678",
                              "+81-120-123-456"])
        invalid("japan-phone", ["03-1234-567", "03-1234-56789", "090-1234-567", "090-0234-5678",
                                "020-1234-5678", "010-1234-5678", "060-1234-5678", "0990-123-456",
                                "0120-1234-567", "03-3333-3333", "+82 2-1234-5678", "+81 03-1234-5678",
                                "+8190123456789", "3-1234-5678"])
    }
}
