// trawl.yml's customDataIdentifiers and allowLists: Macie's limits and rules
// (CreateCustomDataIdentifier, CreateAllowList), each error naming the file, line and
// field. The limits are the API reference's; the texts are written by hand.

import Foundation
import XCTest
@testable import TrawlDetectors

final class CustomIdentifierConfigTests: XCTestCase {
    func parse(_ text: String, file: String = "trawl.yml") throws(ConfigurationError) -> ScanConfiguration {
        try ScanConfiguration.parse(text, file: file)
    }

    func custom(_ body: String) -> String {
        "customDataIdentifiers:\n  - name: employee-id\n" + body.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n") + "\n"
    }

    func assertError(_ text: String, line: Int?, field: String? = nil, contains fragment: String,
                     file: StaticString = #filePath, lineNo: UInt = #line) {
        do {
            _ = try parse(text)
            XCTFail("accepted: \(text)", file: file, line: lineNo)
        } catch {
            XCTAssertEqual(error.line, line, error.description, file: file, line: lineNo)
            if let field { XCTAssertEqual(error.field, field, error.description, file: file, line: lineNo) }
            XCTAssertTrue(error.description.contains(fragment), error.description, file: file, line: lineNo)
        }
    }

    func testAFullIdentifierAndItsDefaults() throws {
        let config = try parse(custom("""
        regex: 'EMP-[0-9]{6}'
        keywords: [employee, staff id]
        maximumMatchDistance: 40
        ignoreWords: [EMP-000000]
        severityLevels:
          - {occurrencesThreshold: 10, severity: HIGH}
          - {occurrencesThreshold: 1, severity: LOW}
        """))
        let spec = try XCTUnwrap(config.customIdentifiers.first)
        XCTAssertEqual(spec.keywords, ["employee", "staff id"])
        XCTAssertEqual(spec.maximumMatchDistance, 40)
        let d = spec.definition(file: "trawl.yml")
        XCTAssertEqual(d.category, .customIdentifier)
        XCTAssertTrue(d.keywordRequired && d.keywordsBefore && d.isUserRegex)
        // Below the lowest threshold: no level (no finding); then LOW, then HIGH from 10 on.
        XCTAssertEqual(d.severity.level(forCount: 1), .low)
        XCTAssertEqual(d.severity.level(forCount: 9), .low)
        XCTAssertEqual(d.severity.level(forCount: 10), .high)

        let plain = try XCTUnwrap(try parse(custom("regex: 'X[0-9]{4}'")).customIdentifiers.first)
        XCTAssertEqual(plain.maximumMatchDistance, 50, "Macie's default")
        XCTAssertEqual(plain.severityLevels, [SeverityThreshold(occurrences: 1, level: .medium)], "Macie's default")
        XCTAssertFalse(plain.definition(file: "t").keywordRequired, "no keywords: none required")

        let thresholds = try XCTUnwrap(try parse(custom("""
        regex: 'X[0-9]{4}'
        severityLevels:
          - {occurrencesThreshold: 5, severity: MEDIUM}
        """)).customIdentifiers.first).definition(file: "t").severity
        XCTAssertNil(thresholds.level(forCount: 4), "fewer than the lowest threshold: no finding")
    }

    func testEveryLimitAndRuleIsEnforced() {
        let long = String(repeating: "a", count: 513)
        assertError(custom("regex: '\(long)'"), line: 3, field: "regex", contains: "1-512 characters")
        assertError(custom("regex: '(a)\\1'"), line: 3, field: "regex", contains: "backreferences")
        assertError(custom("regex: '(a|(?R))'"), line: 3, field: "regex", contains: "recursion")
        assertError(custom("regex: '(unclosed'"), line: 3, field: "regex", contains: "does not compile")
        assertError(custom("keywords: [ab]\nregex: 'x'"), line: 3, field: "keywords", contains: "3-90 characters")
        let fifty1 = (0..<51).map { "kw\($0)x" }.joined(separator: ", ")
        assertError(custom("regex: 'x'\nkeywords: [\(fifty1)]"), line: 4, field: "keywords", contains: "at most 50")
        assertError(custom("regex: 'x'\nmaximumMatchDistance: 301"), line: 4, field: "maximumMatchDistance",
                    contains: "between 1 and 300")
        assertError(custom("regex: 'x'\nmaximumMatchDistance: 0"), line: 4, contains: "between 1 and 300")
        let eleven = (0..<11).map { "word\($0)" }.joined(separator: ", ")
        assertError(custom("regex: 'x'\nignoreWords: [\(eleven)]"), line: 4, field: "ignoreWords", contains: "at most 10")
        assertError(custom("regex: 'x'\nignoreWords: [abc]"), line: 4, field: "ignoreWords", contains: "4-90 characters")
        assertError(custom("""
        regex: 'x'
        severityLevels:
          - {occurrencesThreshold: 1, severity: LOW}
          - {occurrencesThreshold: 2, severity: MEDIUM}
          - {occurrencesThreshold: 3, severity: HIGH}
          - {occurrencesThreshold: 4, severity: HIGH}
        """), line: 5, field: "severityLevels", contains: "at most 3")
        assertError(custom("regex: 'x'\nseverityLevels:\n  - {occurrencesThreshold: 1, severity: SEVERE}"), line: 5,
                    field: "severity", contains: "LOW, MEDIUM or HIGH")
        assertError(custom("""
        regex: 'x'
        severityLevels:
          - {occurrencesThreshold: 1, severity: LOW}
          - {occurrencesThreshold: 1, severity: HIGH}
        """), line: 6, field: "occurrencesThreshold", contains: "given twice")
        assertError("customDataIdentifiers:\n  - regex: 'x'\n", line: 2, contains: "required field 'name'")
        assertError("customDataIdentifiers:\n  - name: a\n    regex: x\n  - name: a\n    regex: y\n", line: 4,
                    field: "name", contains: "defined twice")
        assertError(custom("regex: 'x'\nkeyword: [employee]"), line: 4, contains: "unknown field")
    }

    func testAllowLists() throws {
        let dir = NSTemporaryDirectory() + "trawl-allow-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "alice@example.com\n\nBOB@EXAMPLE.COM\r\n".write(toFile: dir + "/allow.txt", atomically: false, encoding: .utf8)
        let config = try parse("""
        allowLists:
          - name: people
            file: allow.txt
          - name: corp
            regex: '[a-z]+@corp\\.example'
        """, file: dir + "/trawl.yml")
        XCTAssertEqual(config.allowLists.first?.values, ["alice@example.com", "BOB@EXAMPLE.COM"], "relative to the config")
        XCTAssertEqual(config.allowLists.last?.regex, "[a-z]+@corp\\.example")

        try (String(repeating: "x", count: 91) + "\n").write(toFile: dir + "/long.txt", atomically: false, encoding: .utf8)
        do {
            _ = try parse("allowLists:\n  - name: l\n    file: long.txt\n", file: dir + "/trawl.yml")
            XCTFail("a 91-character entry was accepted")
        } catch {
            XCTAssertEqual(error.file, dir + "/long.txt")
            XCTAssertEqual(error.line, 1)
        }
        try (0...100_000).map { "v\($0)" }.joined(separator: "\n").write(toFile: dir + "/many.txt", atomically: false, encoding: .utf8)
        XCTAssertThrowsError(try parse("allowLists:\n  - name: m\n    file: many.txt\n", file: dir + "/trawl.yml")) {
            XCTAssertTrue("\($0)".contains("at most 100,000"), "\($0)")
        }
        assertError("allowLists:\n  - name: both\n    file: a.txt\n    regex: 'x'\n", line: 2, contains: "exactly one of file or regex")
        assertError("allowLists:\n  - name: none\n", line: 2, contains: "exactly one of file or regex")
        assertError("allowLists:\n  - name: missing\n    file: nope.txt\n", line: 3, field: "file", contains: "cannot read")
        assertError("allowLists:\n  - name: r\n    regex: '(a)\\1'\n", line: 3, field: "regex", contains: "backreferences")
    }
}
