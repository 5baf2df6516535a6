// Custom identifiers and allow lists in the engine: Macie's keyword rule for custom
// identifiers (the keyword precedes the match; the distance runs from the keyword's end
// to the match's end, in characters), ignore words (case-sensitive), allow lists (exact
// and case-insensitive on the whole value, or a regex matching the whole value), and
// the time budget of users' regexes. Expected results worked out by hand.

import XCTest
@testable import TrawlDetectors

final class CustomIdentifierEngineTests: XCTestCase {
    func engine(distance: Int = 10, ignore: [String] = [], allow: [ScanConfiguration.AllowListSpec] = [],
                regex: String = "EMP-[0-9]{4}", keywords: [String] = ["employee"]) throws -> DetectionEngine {
        let spec = ScanConfiguration.CustomIdentifierSpec(
            name: "employee-id", regex: regex, keywords: keywords, maximumMatchDistance: distance,
            ignoreWords: ignore, severityLevels: [SeverityThreshold(occurrences: 1, level: .low)], line: 1)
        let email = DetectorDefinition(id: "EMAIL_ADDRESS", name: "e-mail", category: .personalInformation,
                                       regex: "[a-z.]+@[a-z.]+\\.[a-z]{2,}")
        return DetectionEngine(try DetectorSet([email, spec.definition(file: "t")], allowList: try AllowList(allow)))
    }

    func found(_ e: DetectionEngine, _ text: String, _ id: String = "employee-id") -> [String] {
        let bytes = Array(text.utf8)
        return e.matches(in: text).filter { e.set.types[$0.typeIndex].id == id }
            .map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
    }

    func testTheKeywordMustPrecedeWithinTheDistanceToTheMatchEnd() throws {
        let e = try engine(distance: 10)
        // "employee " then the 8-character value: 9 characters from the keyword's end to the
        // value's end... plus the space: 1 + 8 = 9 <= 10.
        XCTAssertEqual(found(e, "employee EMP-1234"), ["EMP-1234"])
        // Two spaces and a 8-character value: 10 characters: still in.
        XCTAssertEqual(found(e, "employee  EMP-1234"), ["EMP-1234"])
        // Three spaces: 11 characters: out.
        XCTAssertEqual(found(e, "employee   EMP-1234"), [])
        // A keyword after the value does not count for a custom identifier.
        XCTAssertEqual(found(e, "EMP-1234 employee"), [])
        // Characters, not bytes: "é" is two bytes but one character ("employee é" + value = 10).
        XCTAssertEqual(found(e, "Employee éEMP-1234"), ["EMP-1234"], "keywords are case-insensitive")
    }

    func testIgnoreWordsAreCaseSensitive() throws {
        let e = try engine(ignore: ["EMP-0000"])
        XCTAssertEqual(found(e, "employee EMP-0000"), [])
        XCTAssertEqual(found(try engine(ignore: ["emp-0000"]), "employee EMP-0000"), ["EMP-0000"])
    }

    func testAllowListsSuppressManagedAndCustomDetections() throws {
        let e = try engine(allow: [
            ScanConfiguration.AllowListSpec(name: "ids", values: ["emp-1111"], regex: nil),
            ScanConfiguration.AllowListSpec(name: "corp", values: nil, regex: "[a-z.]+@corp\\.example"),
        ])
        XCTAssertEqual(found(e, "employee EMP-1111"), [], "exact, case-insensitive")
        XCTAssertEqual(found(e, "employee EMP-1112"), ["EMP-1112"], "the whole value, not a prefix")
        XCTAssertEqual(found(e, "mail ann@corp.example", "EMAIL_ADDRESS"), [])
        XCTAssertEqual(found(e, "mail ann@corp.example.org", "EMAIL_ADDRESS"), ["ann@corp.example.org"],
                       "a regex list must match the whole value")
    }

    func testACatastrophicUserRegexStopsAtItsBudget() throws {
        let e = try engine(regex: "(a+)+$", keywords: [])
        e.userRegexBudget = 0.2
        e.startObject()
        // Every start in the run of a's backtracks up to the match limit before failing.
        let text = String(repeating: "a", count: 20_000) + "!"
        let started = Date()
        _ = e.matches(in: text)
        XCTAssertTrue(e.timeCutOff)
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "the budget bounds the regex's time")
        // A new object gets its budget back.
        e.startObject()
        XCTAssertFalse(e.timeCutOff)
    }
}
