// Macie's limits on a record's JSON path (macie2 Record.jsonPath): names over 240
// characters lose their beginning, paths over 250 characters lose elements from the
// front. The expected paths are written out from that rule.

import XCTest
@testable import TrawlFormats

final class ReportedJSONPathTests: XCTestCase {
    func testPathsWithinTheLimitsAreUnchanged() {
        for path in ["$", "$.a.b[3]", "$['it\\'s'][0].x", "$." + String(repeating: "n", count: 240),
                     "$" + String(repeating: ".abcdefghi", count: 24) + ".abcdefgh"] {    // 250
            XCTAssertEqual(ReportedJSONPath.reported(path), path)
        }
    }

    func testALongNameLosesItsBeginning() {
        let name = String(repeating: "a", count: 60) + String(repeating: "b", count: 240)
        XCTAssertEqual(ReportedJSONPath.reported("$." + name), "$." + String(repeating: "b", count: 240))
        // Counted in characters: 300 two-byte letters keep 240 (480 bytes).
        let accents = String(repeating: "é", count: 300)
        XCTAssertEqual(ReportedJSONPath.reported("$." + accents + "[2]"), "$." + String(repeating: "é", count: 240) + "[2]")
        // Quoted: the kept end is quoted again, with its escapes.
        let quoted = String(repeating: "x y", count: 100) + "'s"     // 302 characters
        let kept = String(quoted.suffix(240)).replacingOccurrences(of: "'", with: "\\'")
        XCTAssertEqual(ReportedJSONPath.reported("$['" + quoted.replacingOccurrences(of: "'", with: "\\'") + "']"),
                       "$['" + kept + "']")
        // A plain name whose kept end starts with a digit is quoted.
        let digits = String(repeating: "z", count: 10) + String(repeating: "7", count: 240)
        XCTAssertEqual(ReportedJSONPath.reported("$." + digits), "$['" + String(repeating: "7", count: 240) + "']")
    }

    func testALongPathLosesElementsFromTheFront() {
        // 40 elements of 7 characters: 281 in all. Keeping the last 35 and "$..": 1 + 1 +
        // 245 = 247; keeping 36 would be 254.
        let elements = (0..<40).map { String(format: ".key%03d", $0) }
        XCTAssertEqual(ReportedJSONPath.reported("$" + elements.joined()), "$." + elements.suffix(35).joined())
        // The first element kept is an index: "$.." and then it.
        let path = "$." + String(repeating: "p", count: 200) + "[7]" + String(repeating: ".q", count: 30)
        XCTAssertEqual(ReportedJSONPath.reported(path), "$..[7]" + String(repeating: ".q", count: 30))
        // A long name and a path too long for it: the name is cut first, then the elements.
        let name = String(repeating: "c", count: 250)
        XCTAssertEqual(ReportedJSONPath.reported("$.customer." + name + ".id"),
                       "$.." + String(repeating: "c", count: 240) + ".id")
    }

    func testOneNameOfEscapesFitsTheWholeLimit() {
        // 240 quotes are written as 480 characters: the name loses more of its beginning,
        // to 123 quotes ("$['" + 246 + "']" = 251 is one too many; 122 gives 249).
        let quotes = String(repeating: "\\'", count: 300)
        XCTAssertEqual(ReportedJSONPath.reported("$['" + quotes + "']"), "$['" + String(repeating: "\\'", count: 122) + "']")
    }

    func testWhatIsNotAReadersPathIsLeftAlone() {
        let odd = "record " + String(repeating: "x", count: 300)
        XCTAssertEqual(ReportedJSONPath.reported(odd), odd)
        let unclosed = "$['" + String(repeating: "x", count: 300)
        XCTAssertEqual(ReportedJSONPath.reported(unclosed), unclosed)
    }
}
