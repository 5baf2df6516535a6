// DetectorSet builds its detectors' regexes and keyword matchers on all cores: these
// check that each detector still gets its own (the results come back in definition
// order), that a regex which does not compile is reported with its file, and that the
// first broken definition in the list is the one reported, whichever field is broken.

import XCTest
@testable import TrawlDetectors

final class DetectorSetBuildTests: XCTestCase {
    func definition(_ n: Int, regex: String? = nil, window: String = "0-9") -> DetectorDefinition {
        DetectorDefinition(id: "D\(n)", name: "d\(n)", category: .personalInformation,
                           regex: regex ?? "(?<![0-9])\(n)[0-9]{5}(?![0-9])", keywords: ["word\(n)"],
                           keywordRequired: true,
                           prefilter: PrefilterSpec(window: window, minDigits: 6), sourceFile: "d\(n).yml")
    }

    func testEachDetectorGetsItsOwnRegexAndKeywords() throws {
        // 40 detectors: D<n> finds n then five digits near "word<n>".
        let set = try DetectorSet((1...40).map { definition($0) })
        XCTAssertEqual(set.detectors.count, 40)
        for (i, d) in set.detectors.enumerated() {
            XCTAssertEqual(d.definition.id, "D\(i + 1)")
            XCTAssertEqual(d.pattern.source, "(?<![0-9])\(i + 1)[0-9]{5}(?![0-9])")
        }
        let engine = DetectionEngine(set)
        let text = "word7 712345 and word23 2312345, word9 123456"
        let found = engine.matches(in: text).map { set.types[$0.typeIndex].id }.sorted()
        // "123456" near word9 does not start with 9; D1 needs "word1", which "word9" is not.
        XCTAssertEqual(found, ["D23", "D7"])
    }

    func testARegexThatDoesNotCompileNamesItsFile() {
        let defs = [definition(1), definition(2, regex: "([0-9]{6}"), definition(3)]
        XCTAssertThrowsError(try DetectorSet(defs)) { error in
            let e = error as? ConfigurationError
            XCTAssertEqual(e?.file, "d2.yml")
            XCTAssertEqual(e?.field, "regex")
            XCTAssertTrue(e?.message.contains("does not compile") ?? false, "\(String(describing: e))")
        }
    }

    func testTheFirstBrokenDefinitionIsReported() {
        // A bad window in d2 comes before d3's bad regex; then d3's regex before d4's window.
        let first = [definition(1), definition(2, window: "9-0"), definition(3, regex: "(")]
        XCTAssertThrowsError(try DetectorSet(first)) { error in
            XCTAssertEqual((error as? ConfigurationError)?.file, "d2.yml")
        }
        let second = [definition(1), definition(3, regex: "("), definition(4, window: "9-0")]
        XCTAssertThrowsError(try DetectorSet(second)) { error in
            XCTAssertEqual((error as? ConfigurationError)?.file, "d3.yml")
            XCTAssertEqual((error as? ConfigurationError)?.field, "regex")
        }
    }
}
