// A bad detector file is rejected before the scan with its file, line and reason.

import XCTest
@testable import TrawlDetectors

final class DetectorLoaderTests: XCTestCase {
    let good = """
    id: EMPLOYEE_BADGE
    name: Badge
    category: PERSONAL_INFORMATION
    regex: 'BADGE-[0-9]{6}'
    keywords: [badge]
    keywordRequired: true
    severity: [LOW, MEDIUM, HIGH]
    examples: ['badge BADGE-123456']
    negativeExamples: ['BADGE-12']
    """

    func error(_ text: String) -> ConfigurationError? {
        do {
            _ = try DetectorLoader.parse(text, file: "bad.yml")
            return nil
        } catch {
            return error
        }
    }

    func testAGoodFileLoads() throws {
        let d = try DetectorLoader.parse(good, file: "good.yml")
        XCTAssertEqual(d.id, "EMPLOYEE_BADGE")
        XCTAssertEqual(d.severity, SeverityTable(one: .low, some: .medium, many: .high))
        XCTAssertEqual(d.maximumMatchDistance, 30)
    }

    func testYAMLSyntaxErrorNamesFileAndLine() throws {
        let e = try XCTUnwrap(error("id: X\nname: [unclosed\ncategory: CREDENTIALS\n"))
        XCTAssertEqual(e.file, "bad.yml")
        XCTAssertNotNil(e.line)
        XCTAssertTrue(e.description.hasPrefix("bad.yml:"), e.description)
    }

    func testRegexThatDoesNotCompileNamesTheLineAndOffset() throws {
        let text = good.replacingOccurrences(of: "regex: 'BADGE-[0-9]{6}'", with: "regex: 'BADGE-([0-9]{6}'")
        let e = try XCTUnwrap(error(text))
        XCTAssertEqual(e.line, 4)
        XCTAssertEqual(e.field, "regex")
        XCTAssertTrue(e.message.contains("offset"), e.message)
    }

    func testUnknownFieldIsRejectedAtItsLine() throws {
        let e = try XCTUnwrap(error(good + "\nkeywordsRequired: true"))
        XCTAssertEqual(e.field, "keywordsRequired")
        XCTAssertEqual(e.line, 10)
    }

    func testBadValues() throws {
        XCTAssertEqual(error(good.replacingOccurrences(of: "PERSONAL_INFORMATION", with: "SECRETS"))?.line, 3)
        XCTAssertEqual(error(good.replacingOccurrences(of: "[LOW, MEDIUM, HIGH]", with: "[LOW, HIGH]"))?.field, "severity")
        XCTAssertEqual(error(good.replacingOccurrences(of: "[LOW, MEDIUM, HIGH]", with: "[LOW, MEDIUM, SEVERE]"))?.line, 7)
        XCTAssertEqual(error(good + "\nvalidator: crc99")?.field, "validator")
        XCTAssertEqual(error(good + "\nmaximumMatchDistance: 0")?.field, "maximumMatchDistance")
        XCTAssertEqual(error(good.replacingOccurrences(of: "id: EMPLOYEE_BADGE\n", with: ""))?.message,
                       "missing required field 'id'")
        XCTAssertEqual(error(good.replacingOccurrences(of: "keywords: [badge]\n", with: ""))?.field, "keywordRequired")
        XCTAssertNotNil(error("- just\n- a list\n"))
        // A keyword of spaces, tabs or other space separators (U+00A0, U+3000) is empty.
        for blank in ["' '", "\"\\t \"", "\"\\u00A0\"", "\"\\u3000\""] {
            let e = error(good.replacingOccurrences(of: "keywords: [badge]", with: "keywords: [badge, \(blank)]"))
            XCTAssertEqual(e?.field, "keywords", blank)
            XCTAssertEqual(e?.message, "entry 2 is empty", blank)
        }
        XCTAssertNil(error(good.replacingOccurrences(of: "keywords: [badge]", with: "keywords: [badge, ' x ']")))
    }

    func testBooleansAndIntegersAreReadAsYAML11ReadsThem() throws {
        // Unquoted yes/no/on/off/true/false in three cases are booleans; a quoted 'true' is
        // a string, and "maybe" is neither: both refused, at the field's line.
        for (word, value) in [("Yes", true), ("on", true), ("TRUE", true), ("no", false), ("Off", false), ("false", false)] {
            let d = try DetectorLoader.parse(good.replacingOccurrences(of: "keywordRequired: true", with: "keywordRequired: \(word)"),
                                             file: "good.yml")
            XCTAssertEqual(d.keywordRequired, value, word)
        }
        for bad in ["'true'", "maybe", "1"] {
            let e = try XCTUnwrap(error(good.replacingOccurrences(of: "keywordRequired: true", with: "keywordRequired: \(bad)")), bad)
            XCTAssertEqual(e.field, "keywordRequired", bad)
            XCTAssertEqual(e.line, 6, bad)
            XCTAssertEqual(e.message, "must be true or false", bad)
        }
        XCTAssertEqual(try DetectorLoader.parse(good + "\nmaximumMatchDistance: 1_00", file: "good.yml").maximumMatchDistance, 100)
        XCTAssertEqual(error(good + "\nmaximumMatchDistance: far")?.message, "must be an integer")
    }
}
