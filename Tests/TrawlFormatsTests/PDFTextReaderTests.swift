// PDFTextReader. The PDFs are written by hand here (objects, content streams and
// the cross-reference table with its byte offsets computed from the text), checked
// by qpdf(1) when it is installed, and encrypted by qpdf; the expected page text is
// the string drawn by each content stream, written by hand.

import Foundation
import XCTest
@testable import TrawlFormats
import TrawlTestSupport

final class PDFTextReaderTests: XCTestCase {
    let twoPages = handWrittenPDF(pages: [["Card number 4111 1111 1111 1111", "Name: Alice Example"],
                                          ["Page two: SSN 123-45-6789"]])

    func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// qpdf's verdict on a fixture (skipped when qpdf is absent).
    func assertQpdfAccepts(_ pdf: [UInt8]) throws {
        guard let qpdf = tool("qpdf") else { return }
        let dir = try TempDir()
        try writeFile(dir.path("in.pdf"), pdf)
        XCTAssertEqual(try runTool(qpdf, ["--check", dir.path("in.pdf")]).status, 0, "qpdf --check")
    }

    /// `bits` and extra options as qpdf takes them: "40" and "128" are RC4 unless
    /// `--use-aes=y` (qpdf 11 writes RC4 only with --allow-weak-crypto).
    func qpdfEncrypt(_ pdf: [UInt8], user: String, owner: String, bits: String,
                     options: [String] = []) throws -> [UInt8] {
        let qpdf = try requireTool("qpdf")
        let dir = try TempDir()
        try writeFile(dir.path("in.pdf"), pdf)
        let r = try runTool(qpdf, ["--allow-weak-crypto", "--encrypt", user, owner, bits] + options
                                + ["--", dir.path("in.pdf"), dir.path("out.pdf")])
        XCTAssertEqual(r.status, 0)
        let out = try readFile(dir.path("out.pdf"))
        XCTAssertNotEqual(out, pdf)
        return out
    }

    func assertMalformed(_ bytes: [UInt8], _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try PDFTextReader(bytes: bytes), message, file: file, line: line) { error in
            guard case .malformed(let detail)? = error as? PDFTextError else {
                return XCTFail("\(message): expected .malformed, got \(error)", file: file, line: line)
            }
            XCTAssertFalse(detail.isEmpty, file: file, line: line)
        }
    }

    func testTwoPagesWithKnownText() throws {
        try assertQpdfAccepts(twoPages)
        let reader = try PDFTextReader(bytes: twoPages)
        XCTAssertEqual(reader.pageCount, 2)
        XCTAssertEqual(text(try reader.text(ofPage: 1)), "Card number 4111 1111 1111 1111\nName: Alice Example")
        XCTAssertEqual(text(try reader.text(ofPage: 2)), "Page two: SSN 123-45-6789")

        var seen: [(Int, String)] = []
        try reader.forEachPage { seen.append(($0, text($1))) }
        XCTAssertEqual(seen.map(\.0), [1, 2])
        XCTAssertEqual(seen.map(\.1), ["Card number 4111 1111 1111 1111\nName: Alice Example",
                                       "Page two: SSN 123-45-6789"])
    }

    func testPageOutOfRange() throws {
        let reader = try PDFTextReader(bytes: twoPages)
        XCTAssertThrowsError(try reader.text(ofPage: 0)) {
            XCTAssertEqual($0 as? PDFTextError, .pageOutOfRange(page: 0, pageCount: 2))
        }
        XCTAssertThrowsError(try reader.text(ofPage: 3)) {
            XCTAssertEqual($0 as? PDFTextError, .pageOutOfRange(page: 3, pageCount: 2))
        }
    }

    func testNonASCIIText() throws {
        // WinAnsiEncoding: \351 is e-acute, \200 the euro sign (PDF octal escapes).
        let pdf = handWrittenPDF(pages: [["Caf\\351 \\200 42"]])
        try assertQpdfAccepts(pdf)
        let reader = try PDFTextReader(bytes: pdf)
        XCTAssertEqual(try reader.text(ofPage: 1), Array("Caf\u{E9} \u{20AC} 42".utf8))
    }

    func testEmptyPage() throws {
        let pdf = handWrittenPDF(pages: [nil, ["after the empty page"]])
        try assertQpdfAccepts(pdf)
        let reader = try PDFTextReader(bytes: pdf)
        XCTAssertEqual(reader.pageCount, 2)
        XCTAssertEqual(try reader.text(ofPage: 1), [])
        XCTAssertEqual(text(try reader.text(ofPage: 2)), "after the empty page")
    }

    func testUserPasswordIsEncrypted() throws {
        for (bits, options) in [("40", []), ("128", []), ("128", ["--use-aes=y"]), ("256", [])] {
            let encrypted = try qpdfEncrypt(twoPages, user: "secret-user", owner: "secret-owner",
                                            bits: bits, options: options)
            XCTAssertThrowsError(try PDFTextReader(bytes: encrypted), bits) {
                XCTAssertEqual($0 as? PDFTextError, .encrypted, bits)
            }
        }
        XCTAssertFalse(PDFTextError.encrypted.description.isEmpty)
    }

    func testOwnerPasswordOnlyIsRead() throws {
        // The empty user password opens it: text extraction works as for a plain PDF.
        let encrypted = try qpdfEncrypt(twoPages, user: "", owner: "secret-owner", bits: "128")
        let reader = try PDFTextReader(bytes: encrypted)
        XCTAssertEqual(reader.pageCount, 2)
        XCTAssertEqual(text(try reader.text(ofPage: 2)), "Page two: SSN 123-45-6789")
    }

    func testGarbageAndTruncatedInputs() {
        assertMalformed([], "empty")
        assertMalformed(randomBytes(4096, seed: 7), "random bytes")
        assertMalformed(Array("%PDF-1.4\n".utf8), "header only")
        assertMalformed(Array(twoPages[..<40]), "cut inside the first object")
        assertMalformed(Array("not a pdf at all, just text\n".utf8), "text")
    }

    func testTruncatedAtEveryTenthByteNeverCrashes() throws {
        // Cut points across the whole file: poppler either reports the damage or
        // reconstructs what is left; whatever it reads from page 1 is the real text.
        let page1 = "Card number 4111 1111 1111 1111\nName: Alice Example"
        var opened = 0
        for cut in stride(from: 0, to: twoPages.count, by: 10) {
            guard let reader = try? PDFTextReader(bytes: Array(twoPages[..<cut])) else { continue }
            opened += 1
            try reader.forEachPage { number, bytes in
                if number == 1 && !bytes.isEmpty { XCTAssertEqual(text(bytes), page1, "cut \(cut)") }
            }
        }
        // Without the xref table poppler rebuilds it by scanning objects: a cut past
        // the last page object still opens.
        XCTAssertGreaterThan(opened, 0)
    }
}
