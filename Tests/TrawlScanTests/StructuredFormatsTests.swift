// CSV, TSV, JSON and JSON Lines objects classified end to end: occurrences located as
// Cells, LineRanges (header names) and Records, Macie's column-name / JSON-path keyword
// rule, and the statuses of malformed and too-deep JSON. Every expected location was
// worked out by hand from the fixture text. 219-48-5231 is a made-up SSN that passes
// the SSA's structure rules; 4556 9542 5550 3490 a made-up Luhn-valid Visa number.

import Foundation
import XCTest
import TrawlDetectors
import TrawlFindings
import TrawlStorage
@testable import TrawlScan

final class StructuredFormatsTests: XCTestCase {
    func classify(_ objects: [String: String]) throws -> [String: ClassificationResult] {
        try ClassifyObjects.classify(objects.mapValues { Array($0.utf8) })
    }

    func detection(_ result: ClassificationResult?, _ type: String) -> Detection? {
        result?.sensitiveData.flatMap(\.detections).first { $0.type == type }
    }

    /// Filler that holds no keyword and no value, to keep later rows out of the header's reach.
    let filler = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod"

    func testCSVColumnNameIsTheKeyword() throws {
        // Row 5, column 3 ("employee_ssn" holds "ssn"); the same value under "notes" has
        // no keyword anywhere near it and is not reported.
        let csv = """
        id,notes,employee_ssn
        1,\(filler),
        2,\(filler),
        3,\(filler) 219-48-5231,
        4,\(filler),219-48-5231

        """
        let results = try classify(["people.csv": csv])
        let r = try XCTUnwrap(results["people.csv"])
        XCTAssertEqual(r.mimeType, "text/csv")
        XCTAssertEqual(r.status, .complete)
        let ssn = try XCTUnwrap(detection(r, "USA_SOCIAL_SECURITY_NUMBER"))
        XCTAssertEqual(ssn.count, 1)
        XCTAssertEqual(ssn.occurrences.map(\.location),
                       [.cell(row: 5, column: 3, columnName: "employee_ssn", cellReference: nil)])
        // The value's byte offset in the file: 4 lines before it, then "4," and the filler and ",".
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false)
        let offset = lines[0..<4].map { $0.utf8.count + 1 }.reduce(0, +) + 2 + filler.utf8.count + 1
        XCTAssertEqual(ssn.occurrences.first?.offset, offset)
    }

    func testCSVColumnsCountEmptyCellsAcrossCRLFAndQuotedRows() throws {
        // Rows without quotes are batched whole; the column of a value still counts the
        // empty cells before it, CRLF and a quoted row in between change nothing.
        let lines = [
            "id,notes,employee_ssn,extra",
            "1,\(filler),,",
            "2,\"\(filler), quoted\",,",
            "3,,219-48-5231,",
            "4,,,ssn 219-48-5240",
        ]
        let csv = lines.joined(separator: "\r\n") + "\r\n"
        let r = try XCTUnwrap(try classify(["crlf.csv": csv])["crlf.csv"])
        XCTAssertEqual(r.status, .complete)
        let ssn = try XCTUnwrap(detection(r, "USA_SOCIAL_SECURITY_NUMBER"))
        XCTAssertEqual(ssn.occurrences.map(\.location), [
            .cell(row: 4, column: 3, columnName: "employee_ssn", cellReference: nil),
            .cell(row: 5, column: 4, columnName: "extra", cellReference: nil),
        ])
        let before = { (n: Int) in lines[0..<n].map { $0.utf8.count + 2 }.reduce(0, +) }
        XCTAssertEqual(ssn.occurrences.map(\.offset), [before(3) + "3,,".utf8.count, before(4) + "4,,,ssn ".utf8.count])
    }

    func testManyRecordsKeepTheirRowsColumnsAndOffsets() throws {
        // 8,000 records of about 300 bytes, so they fill several batches and cross the
        // read buffer's edges (64 KiB) many times: runs of records without a quote go to
        // the batch many at a time, and among them are quoted records (a delimiter inside
        // the quotes), blank lines and CRLF line ends, which end such a run. Every eighth
        // record holds an SSN in the "ssn" column: each keeps its own row, column and byte
        // offset, all taken from the fixture text.
        var text = "id,note,ssn\n", expected: [(row: Int, offset: Int)] = []
        for row in 2...8001 {
            if row % 101 == 0 {
                text += "\n"
                continue
            }
            let note = row % 97 == 0 ? "\"quoted, \(filler)\"" : "\(filler) \(filler) \(filler) \(filler)"
            var line = "\(row),\(note),"
            if row % 8 == 0 {
                expected.append((row, text.utf8.count + line.utf8.count))
                line += "219-48-5231"
            }
            text += line + (row % 13 == 0 ? "\r\n" : "\n")
        }
        let r = try XCTUnwrap(try classify(["many.csv": text])["many.csv"])
        XCTAssertEqual(r.status, .complete)
        let ssn = try XCTUnwrap(detection(r, "USA_SOCIAL_SECURITY_NUMBER"))
        XCTAssertEqual(ssn.count, expected.count)
        XCTAssertEqual(ssn.occurrences.map { "\($0.location)@\($0.offset)" },
                       expected.prefix(ssn.occurrences.count).map {
                           "\(OccurrenceLocation.cell(row: $0.row, column: 3, columnName: "ssn", cellReference: nil))@\($0.offset)"
                       })
        XCTAssertGreaterThan(ssn.occurrences.count, 900)
    }

    func testHeaderNamesAreLineRanges() throws {
        // The e-mail address in the second header starts at character 20 of line 1
        // ("id\t" is 3 characters, "équipe " 7, "contact: " 9; the two-byte "é" is one character).
        let tsv = "id\téquipe contact: rosa_m@fjordline.no\tx\n1\t2\t3\n"
        let r = try XCTUnwrap(try classify(["t.tsv": tsv])["t.tsv"])
        XCTAssertEqual(r.mimeType, "text/tab-separated-values")
        let email = try XCTUnwrap(detection(r, "EMAIL_ADDRESS"))
        XCTAssertEqual(email.occurrences.map(\.location), [.line(start: 1, end: 1, startColumn: 20)])
    }

    func testJSONPathNameIsTheKeyword() throws {
        // The SSN sits under "$.customer.ssn" behind a long note, so only the path names it;
        // the card number under "$.orders[1].cardNumber" ("card number" in camelCase).
        let json = """
        {"customer": {"note": "\(filler) \(filler)", "ssn": "219-48-5231"},
         "orders": [{"id": 1}, {"note": "\(filler)", "cardNumber": "4556954255503490"}]}
        """
        let r = try XCTUnwrap(try classify(["c.json": json])["c.json"])
        XCTAssertEqual(r.mimeType, "application/json")
        XCTAssertEqual(detection(r, "USA_SOCIAL_SECURITY_NUMBER")?.occurrences.map(\.location),
                       [.record(index: 0, jsonPath: "$.customer.ssn")])
        XCTAssertEqual(detection(r, "CREDIT_CARD_NUMBER")?.occurrences.map(\.location),
                       [.record(index: 0, jsonPath: "$.orders[1].cardNumber")])
    }

    func testJSONLinesRepeatedAndEnclosingNamesAreKeywords() throws {
        // No keyword in any value: the SSNs are found through the names on their paths only.
        // Record 1 repeats record 0's key (the reader's repeated-key path); in record 2 the
        // keyword names an enclosing object, not the value's own member. 000-00-0000 is no SSN.
        let jsonl = """
        {"ssn": "000-00-0000", "n": 1}
        {"ssn": "219-48-5231", "n": 2}
        {"id": {"ssn": {"value": "219-48-5232"}}}

        """
        let r = try XCTUnwrap(try classify(["k.jsonl": jsonl])["k.jsonl"])
        XCTAssertEqual(detection(r, "USA_SOCIAL_SECURITY_NUMBER")?.occurrences.map(\.location),
                       [.record(index: 1, jsonPath: "$.ssn"), .record(index: 2, jsonPath: "$.id.ssn.value")])
    }

    func testJSONLinesPathsFollowEachSlotsName() throws {
        // A member slot changes name from record to record: on a member without a value
        // (record 1), on one the walk reads (record 3's escaped key, "mailbox"). Then the
        // second member keeps its name over more records than one batch holds (~300 KiB of
        // filler), and nested records (read by the walk) add other paths to the new batch.
        // Each address must carry its own member's path, never an earlier name's.
        var lines = [#"{"email": "a.one@kestrel-post.de"}"#, #"{"note": true}"#,
                     #"{"note": "write to b.two@kestrel-post.de"}"#, #"{"mail\u0062ox": "c.three@kestrel-post.de"}"#,
                     #"{"mailbox": "d.four@kestrel-post.de"}"#]
        lines += (0..<2000).map { #"{"id": \#($0), "mailbox": "\#(filler) \#(filler)"}"# }
        lines += Array(repeating: #"{"a_nested_member": {"and_its_inner_member": "x"}}"#, count: 3)
        lines.append(#"{"id": 1, "mailbox": "e.five@kestrel-post.de"}"#)
        let r = try XCTUnwrap(try classify(["p.jsonl": lines.joined(separator: "\n") + "\n"])["p.jsonl"])
        XCTAssertEqual(detection(r, "EMAIL_ADDRESS")?.occurrences.map(\.location),
                       [.record(index: 0, jsonPath: "$.email"), .record(index: 2, jsonPath: "$.note"),
                        .record(index: 3, jsonPath: "$.mailbox"), .record(index: 4, jsonPath: "$.mailbox"),
                        .record(index: 2008, jsonPath: "$.mailbox")])
    }

    func testRecordsOfOneShapeKeepEachValuesRecordPathAndOffset() throws {
        // 1,200 records of one shape (after the first, their members go to the batch in one
        // loop), with a literal and an empty string among them and about 330 bytes of
        // values each, so the batch fills and is classified several times within them;
        // record 500 has its members in another order (its slots change names) and record
        // 501 changes them back. Every address keeps its record index, "$.mail" and the
        // byte offset of its own text.
        var lines: [String] = [], expected: [(record: Int, offset: Int)] = []
        var offset = 0
        for n in 0..<1200 {
            let mail = "u\(n)@kestrel-post.de"
            let line = n == 500
                ? #"{"mail": "\#(mail)", "id": \#(n), "note": "\#(filler) \#(filler) \#(filler) \#(filler)"}"#
                : #"{"id": \#(n), "ok": true, "blank": "", "note": "\#(filler) \#(filler) \#(filler) \#(filler)", "mail": "\#(mail)"}"#
            let at = try XCTUnwrap(line.range(of: mail))
            expected.append((n, offset + line.utf8.distance(from: line.startIndex, to: at.lowerBound)))
            lines.append(line)
            offset += line.utf8.count + 1
        }
        let r = try XCTUnwrap(try classify(["s.jsonl": lines.joined(separator: "\n") + "\n"])["s.jsonl"])
        XCTAssertEqual(r.status.code, .complete)
        let email = try XCTUnwrap(detection(r, "EMAIL_ADDRESS"))
        XCTAssertEqual(email.count, 1200)
        XCTAssertEqual(email.occurrences.count, 1000)      // (the located ones kept per type)
        XCTAssertEqual(email.occurrences.map { "\($0.location)@\($0.offset)" },
                       expected.prefix(1000).map { "\(OccurrenceLocation.record(index: $0.record, jsonPath: "$.mail"))@\($0.offset)" })
    }

    func testRunsOfSameNamedRecordsGiveTheRecordByRecordFindings() throws {
        // 5,000 records of one shape (a literal, an empty string, filler, an address, and
        // an SSN in a member named "ssn" on every 13th: the name's keyword counts), with a
        // nested record every 97th (not flat: read by the walk) and the keys in another
        // order every 211th (the slots change names, then change back). About 1.1 MB: the
        // batch fills and is classified several times within runs. Each address and SSN
        // keeps its record index, path and offset, worked out from the text; the same come
        // from reading record by record and from the byte-by-byte walk.
        let ssn = "219-48-5231"
        var lines: [String] = [], mails: [String] = [], ssns: [String] = []
        var offset = 0
        for n in 0..<5000 {
            let mail = "u\(n)@kestrel-post.de"
            let line: String
            if n % 97 == 50 {
                line = #"{"id": \#(n), "customer": {"mail": "\#(mail)"}}"#
                mails.append("record \(n) $.customer.mail @\(offset + line.utf8.count - mail.utf8.count - 3)")
            } else if n % 211 == 100 {
                line = #"{"mail": "\#(mail)", "id": \#(n)}"#
                mails.append("record \(n) $.mail @\(offset + 10)")
            } else {
                let head = #"{"id": \#(n), "ok": true, "blank": "", "note": "\#(filler) \#(filler)", "mail": ""#
                let value = n % 13 == 0 ? ssn : ""
                line = head + mail + #"", "ssn": ""# + value + #""}"#
                mails.append("record \(n) $.mail @\(offset + head.utf8.count)")
                if n % 13 == 0 {
                    ssns.append("record \(n) $.ssn @\(offset + line.utf8.count - ssn.utf8.count - 2)")
                }
            }
            lines.append(line)
            offset += line.utf8.count + 1
        }
        let jsonl = lines.joined(separator: "\n") + "\n"
        func occurrences(flat: Bool, runs: Bool) throws -> (mail: [String], ssn: [String], counts: [Int], runs: Int) {
            var scanner: ObjectScanner?
            let r = try XCTUnwrap(try ClassifyObjects.classify(["r.jsonl": Array(jsonl.utf8)]) {
                $0.structuredScanner.usesFlatRecords = flat
                $0.structuredScanner.usesSameNamedRuns = runs
                scanner = $0
            }["r.jsonl"])
            XCTAssertEqual(r.status.code, .complete)
            func listed(_ type: String) throws -> [String] {
                try XCTUnwrap(detection(r, type)).occurrences.map { o -> String in
                    guard case let .record(index, path) = o.location else { return "\(o.location)" }
                    return "record \(index) \(path) @\(o.offset)"
                }
            }
            return (try listed("EMAIL_ADDRESS"), try listed("USA_SOCIAL_SECURITY_NUMBER"),
                    [detection(r, "EMAIL_ADDRESS")?.count ?? 0, detection(r, "USA_SOCIAL_SECURITY_NUMBER")?.count ?? 0],
                    scanner?.structuredScanner.runRecordsRead ?? -1)
        }
        let runs = try occurrences(flat: true, runs: true)
        XCTAssertEqual(runs.counts, [5000, ssns.count])
        XCTAssertEqual(runs.mail.count, 1000)                // (the located ones kept per type)
        if let k = zip(runs.mail, mails).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            XCTFail("address \(k): \(runs.mail[k]), expected \(mails[k])")
        }
        XCTAssertEqual(runs.ssn, ssns)
        XCTAssertGreaterThan(runs.runs, 4000)                // most records went in runs
        let byRecord = try occurrences(flat: true, runs: false)
        XCTAssertEqual(byRecord.runs, 0)
        let walk = try occurrences(flat: false, runs: false)
        for other in [byRecord, walk] {
            if let k = zip(other.mail, runs.mail).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
                XCTFail("address \(k): \(other.mail[k]), in runs \(runs.mail[k])")
            }
            XCTAssertEqual(other.mail.count, runs.mail.count)
            XCTAssertEqual(other.ssn, runs.ssn)
            XCTAssertEqual(other.counts, runs.counts)
        }
    }

    func testAHugeJSONValueIsScannedInPiecesOnce() throws {
        // One string value of about 3 MiB (several of JSONReader's pieces) with an address
        // every 9,000 bytes, some of them across the places where one piece's matches end
        // and the next one's begin: each is reported once, at its own offset.
        var value = "", expected: [Int] = []
        let prefix = #"{"id": 7, "body": ""#
        for k in 0..<350 {
            value += String(repeating: "lorem ipsum ", count: 748)      // 8,976 bytes
            expected.append(prefix.utf8.count + value.utf8.count + 5)
            value += "mail " + String(format: "u%04d@kestrel-post.de", k) + " "
        }
        let jsonl = prefix + value + "\"}\n{\"id\": 8, \"body\": \"short, v.short@kestrel-post.de\"}\n"
        let r = try XCTUnwrap(try classify(["h.jsonl": jsonl])["h.jsonl"])
        XCTAssertEqual(r.status.code, .complete)
        let email = try XCTUnwrap(detection(r, "EMAIL_ADDRESS"))
        XCTAssertEqual(email.count, 351)
        let offsets: [Int] = email.occurrences.map(\.offset)
        let all: [Int] = expected + [jsonl.utf8.count - 26]
        XCTAssertGreaterThan(offsets.count, 0)
        XCTAssertEqual(offsets, Array(all.prefix(offsets.count)))
        XCTAssertEqual(email.occurrences.first?.location, .record(index: 0, jsonPath: "$.body"))
    }

    func testHugeJSONKeysKeepTheKeywordsAtTheirEndsAndMaciesPathLimits() throws {
        // Three records whose one key is about 2 MB of filler: with "ssn" as its first
        // word, with "employee_ssn" as its last, and with neither. The first two values
        // are reported with their keyword; a path shows the last 240 characters of its
        // key (Macie's limit on a name), quoted as the key holds spaces.
        let long = String(repeating: filler + " ", count: 30_000)
        let keys = ["ssn " + long, long + "employee_ssn", long]
        let jsonl = keys.map { #"{""# + $0 + #"": "219-48-5231"}"# }.joined(separator: "\n") + "\n"
        let r = try XCTUnwrap(try classify(["k.jsonl": jsonl])["k.jsonl"])
        XCTAssertEqual(r.status.code, .complete)
        let ssn = try XCTUnwrap(detection(r, "USA_SOCIAL_SECURITY_NUMBER"))
        XCTAssertEqual(ssn.occurrences.map(\.location), [
            .record(index: 0, jsonPath: "$['" + String(keys[0].suffix(240)) + "']"),
            .record(index: 1, jsonPath: "$['" + String(keys[1].suffix(240)) + "']"),
        ])
    }

    func testNamesHoldingSensitiveDataAreLeftOutOfLocations() throws {
        // Macie omits a record's jsonPath when a name on it holds sensitive data; a column
        // name is treated alike. Record 0's key is an SSN next to the "ssn" name above it;
        // record 2's is an e-mail address (no keyword needed); record 1's path holds
        // neither and is kept. Each value is found through the "ssn" on its path.
        let jsonl = """
        {"ssn": {"219-48-5231": "219-48-5232"}}
        {"ssn": {"id_7": "219-48-5233"}}
        {"ssn": {"ann@kestrel-post.de": {"note": "219-48-5234"}}}

        """
        let r = try XCTUnwrap(try classify(["n.jsonl": jsonl])["n.jsonl"])
        XCTAssertEqual(detection(r, "USA_SOCIAL_SECURITY_NUMBER")?.occurrences.map(\.location),
                       [.record(index: 0, jsonPath: ""), .record(index: 1, jsonPath: "$.ssn.id_7"),
                        .record(index: 2, jsonPath: "")])
        XCTAssertNil(detection(r, "EMAIL_ADDRESS"))

        // Column 3 is named with an SSN next to the "ssn" header: its cell has no column
        // name; column 2's keeps "ssn". The header's own SSN is reported on line 1,
        // character 8 ("id,ssn," before it).
        let csv = "id,ssn,219-48-5231,notes\n1,219-48-5235,ssn 219-48-5236,\(filler)\n"
        let c = try XCTUnwrap(try classify(["h.csv": csv])["h.csv"])
        let locations = try XCTUnwrap(detection(c, "USA_SOCIAL_SECURITY_NUMBER")).occurrences.map(\.location)
        XCTAssertEqual(Set(locations.map { "\($0)" }), Set([
            OccurrenceLocation.line(start: 1, end: 1, startColumn: 8),
            .cell(row: 2, column: 2, columnName: "ssn", cellReference: nil),
            .cell(row: 2, column: 3, columnName: nil, cellReference: nil),
        ].map { "\($0)" }))
    }

    func testJSONLinesRecordIndexAndMalformedLine() throws {
        // Line 1 (record 1) does not parse; the SSN on record 2 is found.
        let jsonl = """
        {"n": 0}
        {"n": 1, "ssn":
        {"n": 2, "employee": {"ssn": "219-48-5231"}}

        """
        let r = try XCTUnwrap(try classify(["l.jsonl": jsonl])["l.jsonl"])
        XCTAssertEqual(r.mimeType, "application/x-ndjson")
        XCTAssertEqual(r.status.code, .partial)
        XCTAssertEqual(r.status.reason, .malformedFile)
        XCTAssertEqual(detection(r, "USA_SOCIAL_SECURITY_NUMBER")?.occurrences.map(\.location),
                       [.record(index: 2, jsonPath: "$.employee.ssn")])
    }

    func testJSONTooDeepIsSkipped() throws {
        let deep = String(repeating: "{\"a\":", count: 300) + "\"ssn 219-48-5231\"" + String(repeating: "}", count: 300)
        let r = try XCTUnwrap(try classify(["deep.json": deep])["deep.json"])
        XCTAssertEqual(r.status.code, .skipped)
        XCTAssertEqual(r.status.reason, .jsonNestingLevelOverLimit)
        XCTAssertTrue(r.sensitiveData.isEmpty)
    }

    func testJSONThatIsNotJSONIsText() throws {
        let r = try XCTUnwrap(try classify(["notes.json": "ssn: 219-48-5231\n"])["notes.json"])
        XCTAssertEqual(r.mimeType, "text/plain")
        XCTAssertEqual(detection(r, "USA_SOCIAL_SECURITY_NUMBER")?.occurrences.map(\.location),
                       [.line(start: 1, end: 1, startColumn: 6)])
    }

    func testBrokenJSONDocumentIsPartial() throws {
        let r = try XCTUnwrap(try classify(["b.json": "{\"ssn\": \"219-48-5231\", oops}"])["b.json"])
        XCTAssertEqual(r.status.code, .partial)
        XCTAssertEqual(r.status.reason, .malformedFile)
        XCTAssertEqual(detection(r, "USA_SOCIAL_SECURITY_NUMBER")?.count, 1)
    }
}
