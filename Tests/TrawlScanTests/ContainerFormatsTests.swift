// Archives, compressed streams and Office packages classified end to end: members
// sniffed and decoded by their own format (a CSV in a zip gives Cells, a text file
// lines), containers nested in containers, one result with the members listed, and
// Macie's statuses for members Trawl cannot read and for the member bound. Fixtures
// are built by python3's zipfile/tarfile, bsdtar, zip(1) and the compressors
// (TrawlTestSupport/ArchiveFixtures.swift) from contents written here; Office parts
// are hand-written XML. Expected locations were worked out by hand: in memo.txt the
// value starts at character 14 of line 2 ("employee ssn " is 13 characters); in
// people.csv at row 2, column 2 under "ssn". 219-48-5231 is a made-up SSN that passes
// the SSA's structure rules.

import Foundation
import XCTest
import TrawlDetectors
import TrawlFindings
import TrawlStorage
import TrawlTestSupport
@testable import TrawlScan

final class ContainerFormatsTests: XCTestCase {
    func classify(_ objects: [String: [UInt8]], limits: ObjectLimits = ObjectLimits()) throws -> [String: ClassificationResult] {
        try ClassifyObjects.classify(objects, limits: limits)
    }

    func ssnLocations(_ r: ClassificationResult?) -> Set<String> {
        Set(r?.sensitiveData.flatMap(\.detections).first { $0.type == "USA_SOCIAL_SECURITY_NUMBER" }?
            .occurrences.map { "\($0.location)" } ?? [])
    }

    let memo = FixtureMember.file("notes/memo.txt", "line one\nemployee ssn 219-48-5231\n")
    let people = FixtureMember.file("data/people.csv", "name,ssn\nAnn,219-48-5231\n")
    let expected: Set<String> = [
        "\(OccurrenceLocation.line(start: 2, end: 2, startColumn: 14))",
        "\(OccurrenceLocation.cell(row: 2, column: 2, columnName: "ssn", cellReference: nil))",
    ]

    func testZipMembersByTheirOwnFormat() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 0, count: 64)
        let zip = try makeZip([people, memo, .file("img/logo.png", png)])
        let r = try XCTUnwrap(try classify(["export.zip": zip])["export.zip"])
        XCTAssertEqual(r.mimeType, "application/zip")
        // A member Trawl cannot read makes the archive PARTIAL, as in Macie.
        XCTAssertEqual(r.status.code, .partial)
        XCTAssertEqual(r.status.reason, .archiveContainsUnprocessedFiles)
        XCTAssertEqual(r.members, [ContainerMember(path: "data/people.csv", mimeType: "text/csv"),
                                   ContainerMember(path: "notes/memo.txt", mimeType: "text/plain"),
                                   ContainerMember(path: "img/logo.png", mimeType: "image/png")])
        XCTAssertEqual(ssnLocations(r), expected)
    }

    func testTarFamiliesSevenZipAndCpio() throws {
        var objects: [String: [UInt8]] = [
            "a.tar": try makeTar([people, memo]),
            "a.tar.gz": try makeTar([people, memo], compression: "gz"),
            "a.tar.bz2": try makeTar([people, memo], compression: "bz2"),
            "a.tar.xz": try makeTar([people, memo], compression: "xz"),
        ]
        if tool("bsdtar") != nil {
            objects["a.7z"] = try makeWithBsdtar([people, memo], format: "7zip")
            objects["a.cpio"] = try makeWithBsdtar([people, memo], format: "newc")
        }
        for (key, r) in try classify(objects) {
            XCTAssertEqual(r.status, .complete, key)
            XCTAssertEqual(ssnLocations(r), expected, key)
            XCTAssertEqual(r.members.map(\.path).suffix(2), ["data/people.csv", "notes/memo.txt"], key)
        }
    }

    func testBareCompressedStreamsAreTheirContent() throws {
        var objects: [String: [UInt8]] = [:]
        for (tool, ext) in [("bzip2", "bz2"), ("xz", "xz"), ("zstd", "zst")] where TrawlTestSupport.tool(tool) != nil {
            objects["people.csv.\(ext)"] = try compressStream(people.data, tool: tool)
        }
        XCTAssertFalse(objects.isEmpty)
        for (key, r) in try classify(objects) {
            XCTAssertEqual(r.mimeType, "text/csv", key)
            XCTAssertEqual(r.members, [ContainerMember(path: "people.csv", mimeType: "text/csv")], key)
            XCTAssertEqual(ssnLocations(r),
                           ["\(OccurrenceLocation.cell(row: 2, column: 2, columnName: "ssn", cellReference: nil))"], key)
        }
    }

    func testContainersInContainers() throws {
        let inner = try makeZip([memo])
        let outer = try makeTar([.file("inner.zip", inner), .file("people.csv.gz", try compressStream(people.data, tool: "gzip"))],
                                compression: "gz")
        let r = try XCTUnwrap(try classify(["outer.tgz": outer])["outer.tgz"])
        XCTAssertEqual(r.status, .complete)
        XCTAssertEqual(r.members.map(\.path), ["inner.zip", "inner.zip/notes/memo.txt", "people.csv.gz",
                                               "people.csv.gz/people.csv"])
        XCTAssertEqual(ssnLocations(r), expected)
    }

    func testMemberBoundAndEncryptedMembers() throws {
        var limits = ObjectLimits()
        limits.maxMembers = 2
        let three = try makeZip([.file("1.txt", "ssn 219-48-5231\n"), .file("2.txt", "ssn 219-48-5231\n"),
                                 .file("3.txt", "ssn 219-48-5231\n")])
        let bounded = try XCTUnwrap(try classify(["three.zip": three], limits: limits)["three.zip"])
        XCTAssertEqual(bounded.status.code, .partial)
        XCTAssertEqual(bounded.status.reason, .archiveTotalDocumentsProcessedOverLimit)
        XCTAssertEqual(bounded.sensitiveData.first?.totalCount, 2)

        let locked = try makeEncryptedZip([memo], password: "secret")
        let r = try XCTUnwrap(try classify(["locked.zip": locked])["locked.zip"])
        XCTAssertEqual(r.status.code, .skipped)
        XCTAssertEqual(r.status.reason, .archiveContainsUnprocessedFiles)
        XCTAssertTrue(r.sensitiveData.isEmpty)
    }

    // MARK: Office packages

    static let relType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    func contentTypes(_ main: String, _ type: String) -> FixtureMember {
        .file("[Content_Types].xml", """
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Override PartName="\(main)" ContentType="application/vnd.openxmlformats-officedocument.\(type)+xml"/></Types>
        """)
    }

    /// A workbook of one sheet, `sheet`: A1 "name", B1 "ssn" (the keyword), row 3: "Ann"
    /// and an SSN in B3.
    func staffWorkbook(sheet: String) throws -> [UInt8] {
        try makeZip([
            contentTypes("/xl/workbook.xml", "spreadsheetml.sheet.main"),
            .file("xl/workbook.xml", """
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="\(Self.relType)">\
            <sheets><sheet name="\(sheet)" sheetId="1" r:id="rId1"/></sheets></workbook>
            """),
            .file("xl/_rels/workbook.xml.rels", """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(Self.relType)/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
            """),
            .file("xl/worksheets/sheet1.xml", """
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
            <row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c><c r="B1" t="inlineStr"><is><t>ssn</t></is></c></row>\
            <row r="3"><c r="A3" t="inlineStr"><is><t>Ann</t></is></c><c r="B3" t="inlineStr"><is><t>219-48-5231</t></is></c></row>\
            </sheetData></worksheet>
            """),
        ])
    }

    func testSpreadsheetCellsWithSheetReferences() throws {
        let r = try XCTUnwrap(try classify(["staff.xlsx": try staffWorkbook(sheet: "Staff")])["staff.xlsx"])
        XCTAssertEqual(r.mimeType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        XCTAssertEqual(r.status, .complete)
        XCTAssertEqual(ssnLocations(r),
                       ["\(OccurrenceLocation.cell(row: 3, column: 2, columnName: "ssn", cellReference: "Staff!B3"))"])
    }

    func testASheetNameHoldingSensitiveDataIsLeftOutOfCellReferences() throws {
        // The sheet named with an e-mail address (EMAIL_ADDRESS needs no keyword): the SSN
        // in B3 keeps its row, column and column name, but a reference would show the
        // address, so it has none (a finding never shows a full sensitive value).
        let xlsx = try staffWorkbook(sheet: "ann@kestrel-post.de")
        let r = try XCTUnwrap(try classify(["staff.xlsx": xlsx])["staff.xlsx"])
        XCTAssertEqual(r.status, .complete)
        XCTAssertEqual(ssnLocations(r),
                       ["\(OccurrenceLocation.cell(row: 3, column: 2, columnName: "ssn", cellReference: nil))"])
    }

    func testWordAndPresentationTextAsLines() throws {
        let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
        let docx = try makeZip([
            contentTypes("/word/document.xml", "wordprocessingml.document.main"),
            .file("word/document.xml", """
            <w:document \(w)><w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p>\
            <w:p><w:r><w:t>employee ssn 219-48-5231</w:t></w:r></w:p></w:body></w:document>
            """),
        ])
        let a = "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
        let p = "xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\""
        func slide(_ text: String) -> String {
            "<p:sld \(p) \(a)><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>\(text)</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>"
        }
        let pptx = try makeZip([
            contentTypes("/ppt/presentation.xml", "presentationml.presentation.main"),
            .file("ppt/presentation.xml", "<p:presentation \(p)/>"),
            .file("ppt/slides/slide2.xml", slide("employee ssn 219-48-5231")),
            .file("ppt/slides/slide1.xml", slide("Agenda")),
        ])
        let results = try classify(["memo.docx": docx, "deck.pptx": pptx])
        let line2 = "\(OccurrenceLocation.line(start: 2, end: 2, startColumn: 14))"
        XCTAssertEqual(results["memo.docx"]?.status, .complete)
        XCTAssertEqual(ssnLocations(results["memo.docx"]), [line2])
        XCTAssertEqual(results["deck.pptx"]?.status, .complete)
        XCTAssertEqual(ssnLocations(results["deck.pptx"]), [line2])
    }

    func testParquetIsUnsupported() throws {
        let parquet = Array("PAR1".utf8) + [UInt8](repeating: 0, count: 32) + Array("PAR1".utf8)
        let r = try XCTUnwrap(try classify(["t.parquet": parquet])["t.parquet"])
        XCTAssertEqual(r.status.code, .skipped)
        XCTAssertEqual(r.status.reason, .unsupportedFileType)
    }
}
