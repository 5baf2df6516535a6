// OOXMLReader on tiny packages built here: hand-written XML parts zipped by
// python3's zipfile (ArchiveFixtures.swift), in a chosen zip order. The expected
// text and cells are worked out by hand from the XML below.

import Foundation
import XCTest
@testable import TrawlFormats

private let wNS = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
private let sheetNS = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
private let relType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

private func contentTypes(main: String, type: String) -> FixtureMember {
    .file("[Content_Types].xml", """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
    <Default Extension="xml" ContentType="application/xml"/>\
    <Override PartName="\(main)" ContentType="\(type)"/></Types>
    """)
}

private let docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

private func wordPart(_ name: String, root: String, _ body: String) -> FixtureMember {
    .file(name, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<w:\(root) \(wNS)>\(body)</w:\(root)>")
}

private func paragraph(_ text: String) -> String { "<w:p><w:r><w:t>\(text)</w:t></w:r></w:p>" }

final class OOXMLReaderTests: XCTestCase {
    // MARK: docx

    /// Two paragraphs with a tab, a break and tab stops (not text), a text box
    /// given twice (mc:Choice and mc:Fallback), and header/footer/note parts in a
    /// zip order that differs from the reading order.
    var docxMembers: [FixtureMember] {
        [
            contentTypes(main: "/word/document.xml", type: docxType),
            .file("_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>"),
            wordPart("word/header10.xml", root: "hdr", paragraph("Header ten")),
            wordPart("word/comments.xml", root: "comments", "<w:comment w:id=\"0\">\(paragraph("A comment"))</w:comment>"),
            wordPart("word/document.xml", root: "document", """
            <w:body>
            <w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>\
            <w:r><w:t>Name:</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">Jane </w:t></w:r><w:r><w:t>Doe &amp; Co</w:t></w:r></w:p>
            <w:p><w:r><w:t>SSN 123-45-6789</w:t><w:br/><w:t>second line</w:t></w:r></w:p>
            <w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">\
            <mc:Choice Requires="wps"><w:drawing><w:txbxContent>\(paragraph("In a box"))</w:txbxContent></w:drawing></mc:Choice>\
            <mc:Fallback><w:pict><w:txbxContent>\(paragraph("In a box"))</w:txbxContent></w:pict></mc:Fallback>\
            </mc:AlternateContent></w:r></w:p>
            </w:body>
            """),
            wordPart("word/footer1.xml", root: "ftr", paragraph("Footer one")),
            wordPart("word/header2.xml", root: "hdr", paragraph("Header two")),
            wordPart("word/footnotes.xml", root: "footnotes", "<w:footnote w:id=\"1\">\(paragraph("A footnote"))</w:footnote>"),
            wordPart("word/styles.xml", root: "styles", "<w:style w:styleId=\"x\"><w:name w:val=\"Not text\"/></w:style>"),
        ]
    }

    let docxExpected = "Name:\tJane Doe & Co\nSSN 123-45-6789\nsecond line\nIn a box\n\n"
        + "Header two\nHeader ten\nFooter one\nA footnote\nA comment\n"

    func testDocxTextInReadingOrder() throws {
        let reader = try OOXMLReader(package: try makeZip(docxMembers))
        XCTAssertEqual(reader.kind, .wordprocessing)
        XCTAssertEqual(reader.mainPart, "word/document.xml")
        let result = try reader.readText()
        XCTAssertNil(result.damage)
        XCTAssertEqual(String(decoding: result.text, as: UTF8.self), docxExpected)
        XCTAssertEqual(result.parts.map(\.part), [
            "word/document.xml", "word/header2.xml", "word/header10.xml", "word/footer1.xml",
            "word/footnotes.xml", "word/comments.xml",
        ])
    }

    func testDocxMainPartNamedByContentTypes() throws {
        let members: [FixtureMember] = [
            contentTypes(main: "/word/document2.xml", type: "application/vnd.ms-word.document.macroEnabled.main+xml"),
            wordPart("word/document2.xml", root: "document", "<w:body>\(paragraph("Macro-enabled body"))</w:body>"),
        ]
        let reader = try OOXMLReader(package: try makeZip(members))
        XCTAssertEqual(reader.kind, .wordprocessing)
        XCTAssertEqual(reader.mainPart, "word/document2.xml")
        XCTAssertEqual(try reader.readText(), OOXMLTextResult(parts: [
            OOXMLTextPart(part: "word/document2.xml", text: Array("Macro-enabled body\n".utf8)),
        ]))
    }

    // MARK: pptx

    func testPptxSlidesInNumericOrderThenNotes() throws {
        let ns = "xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
        func slide(_ name: String, root: String = "sld", _ paragraphs: String) -> FixtureMember {
            .file(name, "<p:\(root) \(ns)><p:cSld><p:spTree><p:sp><p:txBody><a:bodyPr/>\(paragraphs)</p:txBody></p:sp></p:spTree></p:cSld></p:\(root)>")
        }
        func para(_ text: String) -> String { "<a:p><a:r><a:t>\(text)</a:t></a:r></a:p>" }
        let members: [FixtureMember] = [
            contentTypes(main: "/ppt/presentation.xml",
                         type: "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"),
            .file("ppt/presentation.xml", "<p:presentation \(ns)/>"),
            slide("ppt/slides/slide10.xml", para("Slide ten")),
            slide("ppt/slides/slide2.xml", para("Slide two")),
            slide("ppt/notesSlides/notesSlide1.xml", root: "notes", para("Speaker note")),
            slide("ppt/slides/slide1.xml", """
            <a:p><a:pPr><a:tabLst><a:tab pos="0"/></a:tabLst></a:pPr><a:r><a:t>Slide one title</a:t></a:r></a:p>\
            <a:p><a:r><a:t>line a</a:t></a:r><a:br/><a:r><a:t>line b</a:t></a:r></a:p>
            """),
            .file("ppt/slideLayouts/slideLayout1.xml", "<p:sldLayout \(ns)>\(para("Layout placeholder"))</p:sldLayout>"),
        ]
        let reader = try OOXMLReader(package: try makeZip(members))
        XCTAssertEqual(reader.kind, .presentation)
        let result = try reader.readText()
        XCTAssertNil(result.damage)
        XCTAssertEqual(String(decoding: result.text, as: UTF8.self),
                       "Slide one title\nline a\nline b\nSlide two\nSlide ten\nSpeaker note\n")
    }

    // MARK: xlsx

    /// Workbook order People, Totals & more, Chart (a chart sheet: no cells);
    /// zip order sheet1 (Totals), sheet2 (People), then sharedStrings.
    func xlsxMembers(sharedStringsTarget: String = "sharedStrings.xml") -> [FixtureMember] {
        [
            contentTypes(main: "/xl/workbook.xml",
                         type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
            .file("xl/workbook.xml", """
            <workbook \(sheetNS) xmlns:r="\(relType)"><sheets>\
            <sheet name="People" sheetId="2" r:id="rId2"/>\
            <sheet name="Totals &amp; more" sheetId="1" r:id="rId1"/>\
            <sheet name="Chart" sheetId="3" r:id="rId3"/></sheets></workbook>
            """),
            .file("xl/_rels/workbook.xml.rels", """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(relType)/worksheet" Target="worksheets/sheet1.xml"/>\
            <Relationship Id="rId2" Type="\(relType)/worksheet" Target="/xl/worksheets/sheet2.xml"/>\
            <Relationship Id="rId3" Type="\(relType)/chartsheet" Target="chartsheets/sheet1.xml"/>\
            <Relationship Id="rId4" Type="\(relType)/sharedStrings" Target="\(sharedStringsTarget)"/>\
            </Relationships>
            """),
            .file("xl/worksheets/sheet1.xml", """
            <worksheet \(sheetNS)><sheetData><row r="7">\
            <c r="C7"><v>42</v></c><c t="b"><v>0</v></c><c r="F7" t="e"><v>#DIV/0!</v></c>\
            </row></sheetData></worksheet>
            """),
            .file("xl/worksheets/sheet2.xml", """
            <x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
            <x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c>\
            <x:c r="C1" t="inlineStr"><x:is><x:t>Card</x:t></x:is></x:c></x:row>
            <x:row r="2"><x:c r="A2" t="s"><x:v>2</x:v></x:c>\
            <x:c r="B2" t="str"><x:f>LOWER("JANE@EXAMPLE.COM")</x:f><x:v>jane@example.com</x:v></x:c>\
            <x:c r="C2"><x:v>4111111111111111</x:v></x:c></x:row>
            <x:row r="4"><x:c t="s"><x:v>3</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c r="D4"/>\
            <x:c><x:v>-1.5E-3</x:v></x:c></x:row>
            <x:row><x:c><x:v>7</x:v></x:c></x:row>
            </x:sheetData></x:worksheet>
            """),
            .file("xl/" + sharedStringsTarget, """
            <sst \(sheetNS) count="4" uniqueCount="4">\
            <si><t>Name</t></si><si><t>Email</t></si>\
            <si><r><rPr><b/></rPr><t>Jane</t></r><r><t xml:space="preserve"> Doe</t></r></si>\
            <si><t>\u{5C71}\u{7530}</t><rPh sb="0" eb="2"><t>\u{30E4}\u{30DE}\u{30C0}</t></rPh></si></sst>
            """),
        ]
    }

    var xlsxExpected: [SpreadsheetCell] {
        func people(_ row: Int, _ column: Int, _ text: String) -> SpreadsheetCell {
            SpreadsheetCell(sheetIndex: 0, sheetName: "People", row: row, column: column, text: text)
        }
        func totals(_ row: Int, _ column: Int, _ text: String) -> SpreadsheetCell {
            SpreadsheetCell(sheetIndex: 1, sheetName: "Totals & more", row: row, column: column, text: text)
        }
        return [
            people(1, 1, "Name"), people(1, 2, "Email"), people(1, 3, "Card"),
            people(2, 1, "Jane Doe"), people(2, 2, "jane@example.com"), people(2, 3, "4111111111111111"),
            people(4, 1, "\u{5C71}\u{7530}"), people(4, 2, "TRUE"), people(4, 5, "-1.5E-3"),
            people(5, 1, "7"),
            totals(7, 3, "42"), totals(7, 4, "FALSE"), totals(7, 6, "#DIV/0!"),
        ]
    }

    func testXlsxCellsInWorkbookThenRowOrder() throws {
        let reader = try OOXMLReader(package: try makeZip(xlsxMembers()))
        XCTAssertEqual(reader.kind, .spreadsheet)
        XCTAssertEqual(try reader.sheets(), [
            SpreadsheetSheet(name: "People", part: "xl/worksheets/sheet2.xml"),
            SpreadsheetSheet(name: "Totals & more", part: "xl/worksheets/sheet1.xml"),
            SpreadsheetSheet(name: "Chart", part: nil),
        ])
        var cells: [SpreadsheetCell] = []
        try reader.forEachCell { cells.append($0) }
        XCTAssertEqual(cells, xlsxExpected)
    }

    func testXlsxSharedStringsAtAnotherName() throws {
        let reader = try OOXMLReader(package: try makeZip(xlsxMembers(sharedStringsTarget: "strings/custom.xml")))
        var cells: [SpreadsheetCell] = []
        try reader.forEachCell { cells.append($0) }
        XCTAssertEqual(cells, xlsxExpected)
    }

    func testXlsxCallbackErrorStopsTheWalk() throws {
        struct Stop: Error {}
        let reader = try OOXMLReader(package: try makeZip(xlsxMembers()))
        var seen = 0
        XCTAssertThrowsError(try reader.forEachCell { _ in
            seen += 1
            if seen == 3 { throw Stop() }
        }) { error in XCTAssertTrue(error is Stop, "\(error)") }
        XCTAssertEqual(seen, 3)
    }

    func testXlsxSharedStringIndexOutOfRange() throws {
        var members = xlsxMembers()
        members[4] = .file("xl/worksheets/sheet2.xml",
                           "<worksheet \(sheetNS)><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>99</v></c></row></sheetData></worksheet>")
        let reader = try OOXMLReader(package: try makeZip(members))
        XCTAssertThrowsError(try reader.forEachCell { _ in }) { error in
            guard case .malformed? = error as? OOXMLError else { return XCTFail("expected .malformed, got \(error)") }
        }
    }

    // MARK: Limits and damage

    func testRatioBombPart() throws {
        var members = docxMembers
        // 2 MiB of one letter: deflate shrinks it about a thousandfold.
        members[4] = wordPart("word/document.xml", root: "document",
                              "<w:body><w:p><w:r><w:t>" + String(repeating: "A", count: 2 << 20) + "</w:t></w:r></w:p></w:body>")
        let zip = try makeZip(members)
        XCTAssertLessThan(zip.count, 2 << 20 / 100, "the fixture really is over the ratio")
        let reader = try OOXMLReader(package: zip)
        let result = try reader.readText()
        XCTAssertEqual(result.damage, .ratioExceeded(part: "word/document.xml"))
        // The limit stops the part early: far fewer bytes than it holds reach the
        // parser, and the parts after it in zip order are not read.
        XCTAssertLessThan(reader.uncompressedBytesRead, 2 << 20)
        XCTAssertEqual(result.parts.map(\.part), ["word/document.xml", "word/header10.xml", "word/comments.xml"])
    }

    func testRatioCheckedFromFirstByteWhenAsked() throws {
        // A small part of repeated text compresses well over 100x only when it
        // is long enough; with no minimum, 20 KB of one letter is already a bomb.
        var members = docxMembers
        members[4] = wordPart("word/document.xml", root: "document",
                              "<w:body>\(paragraph(String(repeating: "B", count: 20_000)))</w:body>")
        let zip = try makeZip(members)
        let strict = try OOXMLReader(package: zip, limits: OOXMLLimits(ratioCheckMinimumBytes: 0))
        XCTAssertEqual(try strict.readText().damage, .ratioExceeded(part: "word/document.xml"))
        // The same part passes with the default minimum, and the ordinary
        // fixture passes the strict check.
        XCTAssertNil(try OOXMLReader(package: zip).readText().damage)
        let normal = try OOXMLReader(package: try makeZip(docxMembers), limits: OOXMLLimits(ratioCheckMinimumBytes: 0))
        let result = try normal.readText()
        XCTAssertNil(result.damage)
        XCTAssertEqual(String(decoding: result.text, as: UTF8.self), docxExpected)
    }

    func testTotalUncompressedCap() throws {
        let reader = try OOXMLReader(package: try makeZip(docxMembers),
                                     limits: OOXMLLimits(maxTotalUncompressedBytes: 1_000))
        XCTAssertEqual(try reader.readText().damage, .totalBytesExceeded)
    }

    func testMalformedXML() throws {
        var members = docxMembers
        members[4] = wordPart("word/document.xml", root: "document", "<w:body><w:p><w:r><w:t>ok</w:t></w:r></w:body>")
        let result = try OOXMLReader(package: try makeZip(members)).readText()
        guard case .malformed(let detail)? = result.damage else { return XCTFail("expected .malformed, got \(String(describing: result.damage))") }
        XCTAssertTrue(detail.contains("word/document.xml"), detail)
        // The text before the damage is kept (libxml2 closes the open w:p at the
        // mismatched end tag, hence the line end).
        XCTAssertEqual(result.parts.first, OOXMLTextPart(part: "word/document.xml", text: Array("ok\n".utf8)))
    }

    func testEmptyPartIsMalformed() throws {
        var members = docxMembers
        members[4] = .file("word/document.xml", "")
        let damage = try OOXMLReader(package: try makeZip(members)).readText().damage
        guard case .malformed? = damage else { return XCTFail("expected .malformed, got \(String(describing: damage))") }
    }

    func testMissingMainPart() throws {
        let members: [FixtureMember] = [
            contentTypes(main: "/word/document.xml", type: docxType),
            wordPart("word/header1.xml", root: "hdr", paragraph("orphan header")),
        ]
        XCTAssertThrowsError(try OOXMLReader(package: try makeZip(members))) { error in
            guard case .malformed? = error as? OOXMLError else { return XCTFail("expected .malformed, got \(error)") }
        }
        // A zip that is no OOXML package at all.
        XCTAssertThrowsError(try OOXMLReader(package: try makeZip([.file("notes.txt", "plain")]))) { error in
            guard case .malformed? = error as? OOXMLError else { return XCTFail("expected .malformed, got \(error)") }
        }
    }

    func testNotAZip() throws {
        XCTAssertThrowsError(try OOXMLReader(package: Array("<w:document/>".utf8))) { error in
            guard case .archive? = error as? OOXMLError else { return XCTFail("expected .archive, got \(error)") }
        }
    }

    func testTruncatedPackageKeepsTheKindAndReportsDamage() throws {
        var members = docxMembers
        members.append(.file("word/media/image1.bin", randomBytes(50_000, seed: 3)))
        let zip = try makeZip(members)
        let cut = Array(zip.prefix(zip.count - 30_000))
        let reader = try OOXMLReader(package: cut)
        XCTAssertEqual(reader.kind, .wordprocessing)
        let result = try reader.readText()
        guard case .archive? = result.damage else { return XCTFail("expected .archive, got \(String(describing: result.damage))") }
        XCTAssertEqual(String(decoding: result.text, as: UTF8.self), docxExpected, "every text part precedes the cut")
    }

    // MARK: Helpers

    func testZipDirectorySizesMatchPython() throws {
        let python = try requireTool("python3")
        let zip = try makeZip(docxMembers)
        let script = "import io,sys,zipfile\nz=zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))\n"
            + "print('\\n'.join(f'{i.filename}\\t{i.compress_size}' for i in z.infolist()))"
        let listing = String(decoding: try runTool(python, ["-c", script], stdin: zip).stdout, as: UTF8.self)
        let sizes = ZipDirectorySizes(zip)
        var checked = 0
        for line in listing.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            XCTAssertEqual(sizes.compressedSize(of: String(fields[0])), Int64(fields[1]), String(fields[0]))
            checked += 1
        }
        XCTAssertEqual(checked, docxMembers.count)
        XCTAssertNil(ZipDirectorySizes(Array(zip.prefix(zip.count - 10))).compressedSize(of: "word/document.xml"))
    }

    func testPartNameResolutionAndNumbers() {
        XCTAssertEqual(resolvePartName("worksheets/sheet1.xml", from: "xl/"), "xl/worksheets/sheet1.xml")
        XCTAssertEqual(resolvePartName("/xl/worksheets/sheet2.xml", from: "xl/"), "xl/worksheets/sheet2.xml")
        XCTAssertEqual(resolvePartName("../customXml/item1.xml", from: "word/"), "customXml/item1.xml")
        XCTAssertEqual(partNumber("slide10.xml", prefix: "slide"), 10)
        XCTAssertNil(partNumber("slideLayout1.xml", prefix: "slide"))
        XCTAssertNil(partNumber("slide.xml", prefix: "slide"))
    }
}
