// trawl.yml's identifier selection, with Macie's managedDataIdentifierSelector semantics
// (CreateClassificationJob: INCLUDE runs only the listed IDs, EXCLUDE all but them), and
// its errors located by file and line.

import XCTest
@testable import TrawlDetectors

final class ScanConfigurationTests: XCTestCase {
    let known: Set<String> = ["USA_SOCIAL_SECURITY_NUMBER", "EMAIL_ADDRESS", "AWS_CREDENTIALS"]

    func parse(_ text: String) throws(ConfigurationError) -> ScanConfiguration {
        try ScanConfiguration.parse(text, file: "trawl.yml")
    }

    func testSelectorsMapToMaciesSemantics() throws {
        let include = try parse("managedDataIdentifierSelector: INCLUDE\nmanagedDataIdentifierIds: [EMAIL_ADDRESS]\n")
            .selection(knownIDs: known)
        XCTAssertTrue(include.enables(id: "EMAIL_ADDRESS", recommended: false))
        XCTAssertFalse(include.enables(id: "USA_SOCIAL_SECURITY_NUMBER", recommended: true))

        let exclude = try parse("managedDataIdentifierSelector: EXCLUDE\nmanagedDataIdentifierIds:\n  - EMAIL_ADDRESS\n")
            .selection(knownIDs: known)
        XCTAssertFalse(exclude.enables(id: "EMAIL_ADDRESS", recommended: false))
        XCTAssertTrue(exclude.enables(id: "AWS_CREDENTIALS", recommended: false))

        let recommended = try parse("managedDataIdentifierSelector: RECOMMENDED\n").selection(knownIDs: known)
        XCTAssertTrue(recommended.enables(id: "USA_SOCIAL_SECURITY_NUMBER", recommended: true))
        XCTAssertFalse(recommended.enables(id: "EMAIL_ADDRESS", recommended: false))

        let none = try parse("managedDataIdentifierSelector: NONE\n").selection(knownIDs: known)
        XCTAssertFalse(none.enables(id: "USA_SOCIAL_SECURITY_NUMBER", recommended: true))

        // Trawl's default is ALL (Macie's is RECOMMENDED).
        let empty = try parse("{}\n").selection(knownIDs: known)
        XCTAssertTrue(empty.enables(id: "EMAIL_ADDRESS", recommended: false))
    }

    func assertError(_ text: String, line: Int?, contains fragment: String, file: StaticString = #filePath, lineNo: UInt = #line) {
        do {
            _ = try parse(text).selection(knownIDs: known)
            XCTFail("accepted: \(text)", file: file, line: lineNo)
        } catch {
            XCTAssertEqual(error.file, "trawl.yml", file: file, line: lineNo)
            XCTAssertEqual(error.line, line, error.description, file: file, line: lineNo)
            XCTAssertTrue(error.description.contains(fragment), error.description, file: file, line: lineNo)
        }
    }

    func testLimitsSection() throws {
        let config = try parse("limits:\n  archiveNestingDepth: 3\n  documentBytes: 1048576\n")
        XCTAssertEqual(config.limits.archiveNestingDepth, 3)
        XCTAssertEqual(config.limits.documentBytes, 1_048_576)
        XCTAssertNil(config.limits.archiveMembers)
        XCTAssertEqual(try parse("{}\n").limits, ScanConfiguration.Limits())
        assertError("limits:\n  archiveNestingDepth: -1\n", line: 2, contains: "must be between 0 and 1000")
        assertError("limits:\n  expansionRatio: lots\n", line: 2, contains: "must be an integer")
        assertError("limits:\n  archiveDepth: 3\n", line: 2, contains: "unknown field")
    }

    func testErrorsNameTheLineAndTheProblem() {
        assertError("# selection\nmanagedDataIdentifierSelector: SOME\n", line: 2, contains: "must be one of ALL, RECOMMENDED")
        assertError("managedDataIdentifierSelector: INCLUDE\n", line: 1, contains: "needs managedDataIdentifierIds")
        assertError("managedDataIdentifierSelector: ALL\nmanagedDataIdentifierIds: [EMAIL_ADDRESS]\n", line: 2,
                    contains: "only used with managedDataIdentifierSelector INCLUDE or EXCLUDE")
        assertError("managedDataIdentifierSelector: EXCLUDE\nmanagedDataIdentifierIds: [NO_SUCH_ID]\n", line: 2,
                    contains: "unknown identifier 'NO_SUCH_ID'")
        assertError("managedDataIdentifierSelectr: ALL\n", line: 1, contains: "unknown field")
        assertError("managedDataIdentifierSelector: ALL\nscope: {include: [x], modifiedAfter: yesterday}\n", line: 2, contains: "not an ISO 8601 date")
        assertError("managedDataIdentifierSelector: [ALL\n", line: 2, contains: "YAML syntax")
    }
}
