// EmailReader. Every message is written by hand here; the expected headers,
// texts and attachment bytes are worked out by hand from the encodings (the
// base64 and quoted-printable of each fixture is decoded in the comment next to it).

import Foundation
import XCTest
@testable import TrawlFormats

final class EmailReaderTests: XCTestCase {

    struct Read {
        var headers = ""
        var bodies: [EmailTextPart] = []
        var attachments: [EmailAttachment] = []
        var order: [String] = []   // "h", "b<section>", "a<section>"
        var summary = EmailReadSummary(partsVisited: -1, truncatedByPartLimit: false)
        func body(_ k: Int) -> String { String(decoding: bodies[k].text, as: UTF8.self) }
    }

    /// Lines joined with CRLF, as mail is stored on the wire.
    func eml(_ lines: [String], crlf: Bool = true) -> [UInt8] {
        Array((lines.joined(separator: crlf ? "\r\n" : "\n") + (crlf ? "\r\n" : "\n")).utf8)
    }

    func read(_ bytes: [UInt8], maxParts: Int = 10_000) throws -> Read {
        var r = Read()
        r.summary = try EmailReader(maxParts: maxParts).read(bytes) { item in
            switch item {
            case .headers(let h):
                r.headers = String(decoding: h, as: UTF8.self)
                r.order.append("h")
            case .body(let part):
                r.bodies.append(part)
                r.order.append("b" + part.section)
            case .attachment(let a):
                r.attachments.append(a)
                r.order.append("a" + a.section)
            }
        }
        return r
    }

    func testPlainQuotedPrintableWithEncodedSubject() throws {
        let r = try read(eml([
            "Received: from mx.example.net by mail.example.com; Mon, 2 Jan 2023 10:00:00 +0000",
            "DKIM-Signature: v=1; a=rsa-sha256; b=QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=",
            "From: Alice <alice@example.com>",
            "To: Bob <bob@example.org>",
            "Subject: =?UTF-8?Q?Caf=C3=A9?= =?UTF-8?B?IG1lbnU=?=",   // "Café" + " menu" (B: " menu")
            "Date: Mon, 2 Jan 2023 10:00:00 +0000",
            "Message-ID: <1@example.com>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            "Caf=C3=A9 card 4111 1111 =",        // soft line break joins the next line
            "1111 1111, total =3D 10",
        ]))
        XCTAssertEqual(r.order, ["h", "b1"])
        let headerLines = r.headers.split(separator: "\n").map(String.init)
        XCTAssertEqual(Array(headerLines.prefix(5)), [
            "From: Alice <alice@example.com>",
            "To: Bob <bob@example.org>",
            "Subject: Café menu",
            "Date: Mon, 2 Jan 2023 10:00:00 +0000",
            "Message-ID: <1@example.com>",
        ])
        XCTAssertFalse(r.headers.contains("Received"), r.headers)
        XCTAssertFalse(r.headers.contains("DKIM"), r.headers)
        XCTAssertEqual(r.bodies[0].mimeType, "text/plain")
        XCTAssertEqual(r.body(0), "Café card 4111 1111 1111 1111, total = 10\r\n")
        XCTAssertEqual(r.bodies[0].text, Array("Caf".utf8) + [0xC3, 0xA9] + Array(" card 4111 1111 1111 1111, total = 10\r\n".utf8))
        XCTAssertEqual(r.summary, EmailReadSummary(partsVisited: 1, truncatedByPartLimit: false))
    }

    func testMultipartAlternative() throws {
        let r = try read(eml([
            "From: a@example.com",
            "Subject: =?ISO-8859-1?Q?R=E9sum=E9?=",            // "Résumé" from Latin-1
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"b1\"",
            "",
            "preamble is not a part",
            "--b1",
            "Content-Type: text/plain; charset=us-ascii",
            "",
            "Plain SSN 123-45-6789",
            "--b1",
            "Content-Type: text/html; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "",
            "PHA+SFRNTCBTU04gPGI+MTIzLTQ1LTY3ODk8L2I+PC9wPg==",  // "<p>HTML SSN <b>123-45-6789</b></p>"
            "--b1--",
            "epilogue",
        ], crlf: false))
        XCTAssertEqual(r.order, ["h", "b1", "b2"])
        XCTAssertTrue(r.headers.contains("Subject: Résumé\n"), r.headers)
        XCTAssertEqual(r.bodies.map(\.mimeType), ["text/plain", "text/html"])
        XCTAssertEqual(r.body(0), "Plain SSN 123-45-6789")
        XCTAssertEqual(r.body(1), "<p>HTML SSN <b>123-45-6789</b></p>")
        XCTAssertEqual(r.attachments, [])
        XCTAssertEqual(r.summary, EmailReadSummary(partsVisited: 3, truncatedByPartLimit: false))
    }

    func testBase64AttachmentsAndNames() throws {
        let r = try read(eml([
            "From: a@example.com",
            "Content-Type: multipart/mixed; boundary=outer",
            "",
            "--outer",
            "Content-Type: text/plain",
            "",
            "see attached",
            "--outer",
            "Content-Type: application/octet-stream; name=\"ignored-when-disposition-has-one.bin\"",
            "Content-Disposition: attachment; filename=\"report.bin\"",
            "Content-Transfer-Encoding: base64",
            "",
            "AAEC//4=",                                       // 00 01 02 FF FE
            "--outer",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Disposition: attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.txt",  // RFC 2231: "résumé.txt"
            "Content-Transfer-Encoding: quoted-printable",
            "",
            "IBAN DE89 3704 0044 0532 0130 00 =E2=82=AC",       // ends with the euro sign's UTF-8
            "--outer",
            "Content-Type: image/png",
            "Content-Transfer-Encoding: base64",
            "",
            "iVBORw0KGgo=",                                    // the PNG signature 89 50 4E 47 0D 0A 1A 0A
            "--outer--",
        ]))
        XCTAssertEqual(r.order, ["h", "b1", "a2", "a3", "a4"])
        XCTAssertEqual(r.body(0), "see attached")

        let bin = r.attachments[0]
        XCTAssertEqual(bin.filename, "report.bin")
        XCTAssertTrue(bin.filenameIsDeclared)
        XCTAssertEqual(bin.mimeType, "application/octet-stream")
        XCTAssertEqual(bin.bytes, [0x00, 0x01, 0x02, 0xFF, 0xFE])

        let txt = r.attachments[1]
        XCTAssertEqual(txt.filename, "résumé.txt")
        XCTAssertEqual(txt.mimeType, "text/plain")
        XCTAssertEqual(txt.charset, "utf-8")
        XCTAssertEqual(txt.bytes, Array("IBAN DE89 3704 0044 0532 0130 00 ".utf8) + [0xE2, 0x82, 0xAC])

        let png = r.attachments[2]   // a non-text leaf without a disposition: still an attachment
        XCTAssertEqual(png.filename, "part-4")
        XCTAssertFalse(png.filenameIsDeclared)
        XCTAssertEqual(png.mimeType, "image/png")
        XCTAssertEqual(png.bytes, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }

    func testNestedMessageIsAnAttachmentOfItsOwn() throws {
        let outer = eml([
            "From: outer@example.com",
            "Subject: fwd",
            "Content-Type: multipart/mixed; boundary=\"=_outer\"",
            "",
            "--=_outer",
            "Content-Type: multipart/alternative; boundary=\"=_alt\"",
            "",
            "--=_alt",
            "Content-Type: text/plain",
            "",
            "forwarding",
            "--=_alt--",
            "--=_outer",
            "Content-Type: message/rfc822",
            "Content-Disposition: attachment; filename=\"inner.eml\"",
            "",
            "From: inner@example.com",
            "Subject: =?UTF-8?Q?inner_=C3=BC?=",                // "inner ü"
            "Content-Type: text/plain; charset=iso-8859-1",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            "Gr=FC=DFe, passport X1234567",                     // "Grüße" in Latin-1
            "--=_outer--",
        ])
        let r = try read(outer)
        // The multipart/alternative inside is section 1, its text part 1.1.
        XCTAssertEqual(r.order, ["h", "b1.1", "a2"])
        XCTAssertEqual(r.body(0), "forwarding")
        let inner = r.attachments[0]
        XCTAssertEqual(inner.filename, "inner.eml")
        XCTAssertEqual(inner.mimeType, "message/rfc822")
        XCTAssertEqual(r.summary.partsVisited, 4)

        // The caller decodes the attached message as an object of its own.
        let nested = try read(inner.bytes)
        XCTAssertTrue(nested.headers.contains("From: inner@example.com\n"), nested.headers)
        XCTAssertTrue(nested.headers.contains("Subject: inner ü\n"), nested.headers)
        XCTAssertEqual(nested.order, ["h", "b1"])
        // The CRLF before "--=_outer--" belongs to the boundary (RFC 2046 5.1.1).
        XCTAssertEqual(nested.body(0), "Grüße, passport X1234567")
    }

    func testLatin1BodyAndUndeclaredCharset() throws {
        // 8-bit ISO-8859-1: E9 = é, A3 = £.
        var latin1 = eml(["From: a@example.com", "Content-Type: text/plain; charset=ISO-8859-1",
                          "Content-Transfer-Encoding: 8bit", ""], crlf: false)
        latin1 += [0x4E, 0x6F, 0xE9, 0x6C, 0x20, 0xA3, 0x35, 0x0A]          // "Noél £5\n"
        XCTAssertEqual(try read(latin1).body(0), "No\u{E9}l \u{A3}5\n")

        // No charset and not UTF-8: Windows-1252 (DESIGN.md), so 80 is the euro sign.
        var undeclared = eml(["From: a@example.com", ""], crlf: false)
        undeclared += [0x80, 0x31, 0x30, 0x20, 0xE9, 0x0A]                  // "€10 é\n"
        XCTAssertEqual(try read(undeclared).body(0), "\u{20AC}10 \u{E9}\n")
    }

    func testPartLimitCutsTheWalk() throws {
        var lines = ["From: a@example.com", "Content-Type: multipart/mixed; boundary=B", ""]
        for k in 1...5 { lines += ["--B", "Content-Type: text/plain", "", "part \(k)"] }
        lines.append("--B--")
        let message = eml(lines)

        let all = try read(message)
        XCTAssertEqual(all.order, ["h", "b1", "b2", "b3", "b4", "b5"])
        XCTAssertEqual(all.summary, EmailReadSummary(partsVisited: 6, truncatedByPartLimit: false))

        // The multipart counts as a part: 3 = the multipart and two texts.
        let cut = try read(message, maxParts: 3)
        XCTAssertEqual(cut.order, ["h", "b1", "b2"])
        XCTAssertEqual(cut.summary, EmailReadSummary(partsVisited: 3, truncatedByPartLimit: true))

        let exact = try read(message, maxParts: 6)
        XCTAssertEqual(exact.summary, EmailReadSummary(partsVisited: 6, truncatedByPartLimit: false))
    }

    func testDeeplyNestedMultipartsAreWalkedWithoutRecursion() throws {
        // 200 nested multiparts, each holding the next and one text part.
        let depth = 200
        var lines = ["From: a@example.com", "Content-Type: multipart/mixed; boundary=b0", ""]
        for level in 0..<depth {
            lines += ["--b\(level)", "Content-Type: text/plain", "", "level \(level)",
                      "--b\(level)", "Content-Type: multipart/mixed; boundary=b\(level + 1)", ""]
        }
        lines += ["--b\(depth)", "Content-Type: text/plain", "", "bottom", "--b\(depth)--"]
        for level in stride(from: depth - 1, through: 0, by: -1) { lines.append("--b\(level)--") }
        let r = try read(eml(lines))
        XCTAssertEqual(r.bodies.count, depth + 1)
        XCTAssertEqual(r.body(0), "level 0")
        XCTAssertEqual(r.body(depth), "bottom")
        XCTAssertEqual(r.bodies[2].section, "2.2.1")
        XCTAssertEqual(r.summary.partsVisited, 2 * depth + 2)
    }

    func testMalformedInput() {
        // GMime finds no header block in these: no message.
        for (name, bytes) in [("empty", [UInt8]()), ("binary", randomBytes(2048, seed: 3)),
                              ("text without headers", Array("just a line of text\n".utf8))] {
            XCTAssertThrowsError(try read(bytes), name) {
                guard case .malformed? = $0 as? EmailReadError else { return XCTFail("\(name): \($0)") }
            }
        }
        XCTAssertEqual(EmailReadError.malformed("x").description, "malformed e-mail: x")
    }

    func testTruncatedMultipartKeepsWhatWasRead() throws {
        // Cut inside the base64 of the attachment, before the closing boundary:
        // GMime ends the parts at the end of input.
        let r = try read(eml([
            "From: a@example.com",
            "Content-Type: multipart/mixed; boundary=X",
            "",
            "--X",
            "Content-Type: text/plain",
            "",
            "first part",
            "--X",
            "Content-Type: application/pdf",
            "Content-Transfer-Encoding: base64",
            "",
            "JVBERi0x",                                          // "%PDF-1"
        ]))
        XCTAssertEqual(r.order, ["h", "b1", "a2"])
        XCTAssertEqual(r.body(0), "first part")
        XCTAssertEqual(r.attachments[0].bytes, Array("%PDF-1".utf8))
    }
}
