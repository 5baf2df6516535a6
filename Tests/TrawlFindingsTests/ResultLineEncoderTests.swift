// The results line (DESIGN.md, "Classification results (--results)"). Expected values are
// written from DESIGN.md's example and member list, not from the encoder's output.

import Foundation
import Testing
import TrawlDetectors
@testable import TrawlFindings

@Suite struct ResultLineEncoderTests {
    let encoder = ResultLineEncoder()

    @Test func designExampleDecodesToTheDocumentedValues() throws {
        var result = Fixture.financialCSV(key: "2024/q1.csv.gz")
        result.sensitiveData[0].detections[0].occurrences = [
            Occurrence(location: .cell(row: 2, column: 4, columnName: "card", cellReference: nil), offset: 1841),
        ]
        result.members = [ContainerMember(path: "q1.csv", mimeType: "text/csv")]
        let line = encoder.encode(result)
        let object = try JSON.object(line)

        // DESIGN.md's example line, member by member.
        #expect(object["bucket"] as? String == "finance")
        #expect(object["key"] as? String == "2024/q1.csv.gz")
        #expect(object["size"] as? Int == 18233)
        #expect(object["mimeType"] as? String == "text/csv")
        #expect(object["status"] as? [String: String] == ["code": "COMPLETE"])
        #expect(object["sizeClassified"] as? Int == 70211)
        #expect(object["reused"] as? Bool == false)
        #expect(object["durationMs"] as? Int == 12)
        let sensitive = try #require(object["sensitiveData"] as? [[String: Any]])
        #expect(sensitive.count == 1)
        #expect(sensitive[0]["category"] as? String == "FINANCIAL_INFORMATION")
        #expect(sensitive[0]["totalCount"] as? Int == 3)
        let detections = try #require(sensitive[0]["detections"] as? [[String: Any]])
        #expect(detections.count == 1)
        #expect(detections[0]["type"] as? String == "CREDIT_CARD_NUMBER")
        #expect(detections[0]["count"] as? Int == 3)
        let occurrences = try #require(detections[0]["occurrences"] as? [String: Any])
        #expect(Array(occurrences.keys) == ["cells"])
        let cells = try #require(occurrences["cells"] as? [[String: Any]])
        #expect(cells.count == 1)
        #expect(cells[0]["row"] as? Int == 2)
        #expect(cells[0]["column"] as? Int == 4)
        #expect(cells[0]["columnName"] as? String == "card")
        #expect(cells[0]["offset"] as? Int == 1841)
        #expect(cells[0]["cellReference"] == nil)
        let custom = try #require(object["customDataIdentifiers"] as? [String: Any])
        #expect(custom["totalCount"] as? Int == 0)
        #expect((custom["detections"] as? [Any])?.isEmpty == true)
        #expect(object["members"] as? [[String: String]] == [["path": "q1.csv", "mimeType": "text/csv"]])
        // Nothing else at top level.
        #expect(Set(object.keys) == ["bucket", "key", "size", "mimeType", "status", "sizeClassified", "reused",
                                     "durationMs", "sensitiveData", "customDataIdentifiers", "members"])
    }

    @Test func membersComeInTheDocumentedOrder() throws {
        let text = JSON.text(encoder.encode(Fixture.financialCSV()))
        let order = ["bucket", "key", "size", "mimeType", "status", "sizeClassified", "reused", "durationMs",
                     "sensitiveData", "customDataIdentifiers", "members"]
        let positions = try order.map { try #require(JSON.position(of: $0, in: text), "\($0) missing") }
        #expect(positions == positions.sorted())
        // Inside a detection: type, count, occurrences; inside a cell: row, column, columnName, offset.
        let inner = ["category", "totalCount", "detections", "type", "count", "occurrences", "cells", "row", "column", "columnName", "offset"]
        let innerPositions = try inner.map { try #require(JSON.position(of: $0, in: text), "\($0) missing") }
        #expect(innerPositions == innerPositions.sorted())
    }

    @Test func lineHasNoTrailingNewlineAndIsOneLine() {
        let line = encoder.encode(Fixture.multiCategory())
        #expect(line.first == UInt8(ascii: "{"))
        #expect(line.last == UInt8(ascii: "}"))
        #expect(!line.contains(0x0A))
    }

    @Test func appendingToABufferAddsTheSameBytes() {
        var buffer = Array("prefix\n".utf8)
        encoder.encode(Fixture.clean(), appendingTo: &buffer)
        #expect(buffer == Array("prefix\n".utf8) + encoder.encode(Fixture.clean()))
    }

    @Test func bucketIsOmittedWhenNilAndStatusCarriesReasonAndDetail() throws {
        let result = ClassificationResult(bucket: nil, key: "stray.txt", size: 5,
                                          status: ObjectStatus(code: .skipped, reason: .notInABucket, detail: "file directly under the scan root"))
        let object = try JSON.object(encoder.encode(result))
        #expect(object["bucket"] == nil)
        #expect(object["mimeType"] == nil)
        #expect(object["status"] as? [String: String] ==
                ["code": "SKIPPED", "reason": "NOT_IN_A_BUCKET", "detail": "file directly under the scan root"])
        #expect((object["sensitiveData"] as? [Any])?.isEmpty == true)
        #expect((object["members"] as? [Any])?.isEmpty == true)
    }

    @Test func everyLocationKindWithItsOffset() throws {
        let object = try JSON.object(encoder.encode(Fixture.multiCategory()))
        let sensitive = try #require(object["sensitiveData"] as? [[String: Any]])
        #expect(sensitive.map { $0["category"] as? String } == ["PERSONAL_INFORMATION", "CREDENTIALS"])
        let personal = try #require(sensitive[0]["detections"] as? [[String: Any]])
        let ssnCells = try #require((personal[0]["occurrences"] as? [String: Any])?["cells"] as? [[String: Any]])
        #expect(ssnCells.count == 2)
        #expect(ssnCells[0]["row"] as? Int == 5)
        #expect(ssnCells[0]["column"] as? Int == 3)
        #expect(ssnCells[0]["columnName"] as? String == "employee_ssn")
        #expect(ssnCells[0]["cellReference"] as? String == "Sheet1!C5")
        #expect(ssnCells[0]["offset"] as? Int == 100)
        let pages = try #require((personal[1]["occurrences"] as? [String: Any])?["pages"] as? [[String: Any]])
        #expect(pages.count == 1)
        #expect(pages[0]["pageNumber"] as? Int == 3)
        #expect(pages[0]["offset"] as? Int == 5000)
        #expect(pages[0]["lineRange"] as? [String: Int] == ["start": 12, "end": 12, "startColumn": 7])
        let credentials = try #require(sensitive[1]["detections"] as? [[String: Any]])
        let records = try #require((credentials[0]["occurrences"] as? [String: Any])?["records"] as? [[String: Any]])
        #expect(records.count == 1)
        #expect(records[0]["recordIndex"] as? Int == 0)
        #expect(records[0]["jsonPath"] as? String == "$.Credentials.SecretAccessKey")
        #expect(records[0]["offset"] as? Int == 77)

        let custom = try #require(object["customDataIdentifiers"] as? [String: Any])
        #expect(custom["totalCount"] as? Int == 4)
        let customDetections = try #require(custom["detections"] as? [[String: Any]])
        #expect(customDetections.count == 1)
        #expect(customDetections[0]["arn"] as? String == "arn:aws:macie2:eu-west-1:123456789012:custom-data-identifier/employee-id")
        #expect(customDetections[0]["name"] as? String == "employee-id")
        #expect(customDetections[0]["count"] as? Int == 4)
        let ranges = try #require((customDetections[0]["occurrences"] as? [String: Any])?["lineRanges"] as? [[String: Int]])
        #expect(ranges.count == 4)
        #expect(ranges[0] == ["start": 10, "end": 10, "startColumn": 5, "offset": 0])
        #expect(ranges[3] == ["start": 13, "end": 13, "startColumn": 5, "offset": 30])
    }

    @Test func keysWithQuotesControlCharactersAndUnicodeRoundTrip() throws {
        let key = "dir/a \"quoted\" back\\slash\nnew line\ttab\u{01}\u{1F} é 日本 😀.txt"
        let line = encoder.encode(Fixture.clean(key: key))
        let text = JSON.text(line)
        #expect(text.contains(#"a \"quoted\" back\\slash\nnew line\ttab\u0001\u001f é 日本 😀.txt"#))
        #expect(!text.contains("\\u00e9"))      // non-ASCII stays UTF-8
        #expect(!text.contains("\\/"))          // no needless escaping of '/'
        #expect(try JSON.object(line)["key"] as? String == key)
    }

    @Test func largeAndNegativeNumbersAreExact() throws {
        var result = Fixture.clean()
        result.size = Int64.max
        result.sizeClassified = 0
        result.durationMs = -1
        let text = JSON.text(encoder.encode(result))
        #expect(text.contains("\"size\":9223372036854775807,"))
        #expect(text.contains("\"sizeClassified\":0,"))
        #expect(text.contains("\"durationMs\":-1,"))
    }
}
