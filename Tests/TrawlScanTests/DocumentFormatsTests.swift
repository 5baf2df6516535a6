// PDF, e-mail and Avro objects classified end to end: PDF occurrences as Pages, e-mail
// bodies as lines and attachments as members (sniffed and decoded by their own format),
// Avro values as Records with the path-name keyword rule; encrypted, damaged and
// oversized documents get Macie's reasons. The fixtures are written by hand (PDF and
// Avro from their specifications) and the expected locations worked out from them.
// 219-48-5231 is a made-up SSN that passes the SSA's structure rules.

import Foundation
import XCTest
import TrawlDetectors
import TrawlFindings
import TrawlStorage
import TrawlTestSupport
@testable import TrawlScan

final class DocumentFormatsTests: XCTestCase {
    func classify(_ objects: [String: [UInt8]], limits: ObjectLimits = ObjectLimits()) throws -> [String: ClassificationResult] {
        try ClassifyObjects.classify(objects, limits: limits)
    }

    func locations(_ r: ClassificationResult?, _ type: String) -> [OccurrenceLocation]? {
        r?.sensitiveData.flatMap(\.detections).first { $0.type == type }?.occurrences.map(\.location)
    }

    func testPDFOccurrencesArePages() throws {
        // Page 3, line 2 of its text, after "Employee SSN " (13 characters).
        let pdf = handWrittenPDF(pages: [["Quarterly report"], nil, ["Staff", "Employee SSN 219-48-5231"]])
        let r = try XCTUnwrap(try classify(["report.pdf": pdf])["report.pdf"])
        XCTAssertEqual(r.mimeType, "application/pdf")
        XCTAssertEqual(r.status, .complete)
        XCTAssertEqual(locations(r, "USA_SOCIAL_SECURITY_NUMBER"), [.page(number: 3, start: 2, end: 2, startColumn: 14)])
    }

    func testBrokenPDFIsSkippedAsMalformed() throws {
        let pdf = Array(handWrittenPDF(pages: [["SSN 219-48-5231"]]).prefix(9)) + Array("garbage".utf8)
        let r = try XCTUnwrap(try classify(["cut.pdf": pdf])["cut.pdf"])
        XCTAssertEqual(r.status.code, .skipped)
        XCTAssertEqual(r.status.reason, .malformedFile)
    }

    func testEmailBodyAndAttachment() throws {
        // The body is quoted-printable ("=3D" is "="); the attachment is a base64 CSV whose
        // "ssn" column is the keyword: row 2, column 2.
        let csv = "name,ssn\nAnn,219-48-5231\n"
        let mail = """
        From: Ann <ann@harbourline.example>\r
        To: hr@harbourline.example\r
        Subject: payroll\r
        MIME-Version: 1.0\r
        Content-Type: multipart/mixed; boundary="b1"\r
        \r
        --b1\r
        Content-Type: text/plain; charset=utf-8\r
        Content-Transfer-Encoding: quoted-printable\r
        \r
        Hello,=20\r
        my social security number =3D 219-48-5231.\r
        --b1\r
        Content-Type: text/csv; name="people.csv"\r
        Content-Disposition: attachment; filename="people.csv"\r
        Content-Transfer-Encoding: base64\r
        \r
        \(Data(csv.utf8).base64EncodedString())\r
        --b1--\r

        """
        let r = try XCTUnwrap(try classify(["msg-0001": Array(mail.utf8)])["msg-0001"])
        XCTAssertEqual(r.mimeType, "message/rfc822")
        XCTAssertEqual(r.status, .complete)
        XCTAssertEqual(r.members, [ContainerMember(path: "people.csv", mimeType: "text/csv")])
        // Line 2 of the decoded body, after "my social security number = " (28 characters).
        let found = try XCTUnwrap(locations(r, "USA_SOCIAL_SECURITY_NUMBER"))
        XCTAssertEqual(Set(found.map { "\($0)" }), Set([OccurrenceLocation.line(start: 2, end: 2, startColumn: 29),
                                                        .cell(row: 2, column: 2, columnName: "ssn", cellReference: nil)]
            .map { "\($0)" }))
    }

    /// A record "customer" holding two strings, "note" and "ssn".
    let schema = #"{"type":"record","name":"r","fields":[{"name":"customer","type":{"type":"record","name":"c","fields":[{"name":"note","type":"string"},{"name":"ssn","type":"string"}]}}]}"#

    func testAvroRecordsWithPathKeyword() throws {
        let filler = String(repeating: "lorem ipsum ", count: 6)
        let records = [("first", "none"), (filler, "219-48-5231")]
        let data = records.flatMap { AvroFixture.string($0.0) + AvroFixture.string($0.1) }
        let avro = AvroFixture.container(schema: schema, blocks: [(2, data)])
        let r = try XCTUnwrap(try classify(["people.avro": avro])["people.avro"])
        XCTAssertEqual(r.mimeType, "application/avro")
        XCTAssertEqual(r.status, .complete)
        XCTAssertEqual(locations(r, "USA_SOCIAL_SECURITY_NUMBER"), [.record(index: 1, jsonPath: "$.customer.ssn")])
    }

    func testDocumentsOverTheSizeLimitAreSkipped() throws {
        var limits = ObjectLimits()
        limits.maxDocumentBytes = 100
        let pdf = handWrittenPDF(pages: [["SSN 219-48-5231"]])
        XCTAssertGreaterThan(pdf.count, 100)
        let r = try XCTUnwrap(try classify(["big.pdf": pdf], limits: limits)["big.pdf"])
        XCTAssertEqual(r.status.code, .skipped)
        XCTAssertEqual(r.status.reason, .fileExceedsSizeLimit)
    }

    func testFullWidthValuesInEmailAndAvroAreFound() throws {
        // A Japanese body in ISO-2022-JP (as Japanese mail is sent) and an Avro string, both
        // writing the phone number in full width: read as ASCII like plain text. Body line
        // 2, after "電話番号：" (5 characters); its byte offset in the decoded UTF-8 body:
        // line 1 "お世話になります。" is 27 bytes and CRLF (the body keeps its line ends), then
        // 15: 44. The hyphens are half-width: ISO-2022-JP has no full-width hyphen-minus.
        let iconv = try requireTool("iconv")
        let body = "お世話になります。\r\n電話番号：０３-４８３６-３７４５\r\n"
        let jis = try runTool(iconv, ["-f", "UTF-8", "-t", "ISO-2022-JP"], stdin: Array(body.utf8))
        XCTAssertEqual(jis.status, 0)
        let header = """
        From: Ann <ann@harbourline.example>\r
        Subject: contact\r
        MIME-Version: 1.0\r
        Content-Type: text/plain; charset=ISO-2022-JP\r
        Content-Transfer-Encoding: 7bit\r
        \r

        """
        let mail = Array(header.utf8) + jis.stdout
        let note = "電話番号：０３－４８３６－３７４５"
        let avro = AvroFixture.container(schema: schema, blocks: [(1, AvroFixture.string(note) + AvroFixture.string("none"))])
        let results = try classify(["msg-jp": mail, "contacts.avro": avro])
        let r = try XCTUnwrap(results["msg-jp"])
        XCTAssertEqual(r.mimeType, "message/rfc822")
        let phone = try XCTUnwrap(r.sensitiveData.flatMap(\.detections).first { $0.type == "JAPAN_PHONE_NUMBER" })
        XCTAssertEqual(phone.occurrences.map(\.location), [.line(start: 2, end: 2, startColumn: 6)])
        XCTAssertEqual(phone.occurrences.map(\.offset), [44])
        XCTAssertEqual(locations(results["contacts.avro"], "JAPAN_PHONE_NUMBER"), [.record(index: 0, jsonPath: "$.customer.note")])
    }
}
