// poppler-glib and GMime are opened on the first PDF or e-mail, not at start-up
// (CDocumentLibraries): a scan of plain text never loads them, and a scan with a PDF
// and an e-mail loads them and reads both. The dynamic loader's own trace
// (LD_DEBUG=files) says which shared libraries a process opened.

import Foundation
import TrawlTestSupport
import XCTest

final class DocumentLibrariesTests: XCTestCase {
    /// The shared libraries the scan of `files` opened, from the loader's trace, and its
    /// result lines.
    private func scan(_ files: [String: [UInt8]], environment: [String: String] = [:]) throws
        -> (libraries: String, results: [[String: Any]]) {
        let dir = try Trawl.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/tree/b", withIntermediateDirectories: true)
        for (name, bytes) in files {
            try Data(bytes).write(to: URL(fileURLWithPath: dir + "/tree/b/" + name))
        }
        let results = dir + "/r.jsonl"
        let run = try Trawl.run(["scan", dir + "/tree", "--jobs", "1", "--results", results, "--output", "/dev/null"],
                                environment: environment.merging(["LD_DEBUG": "files"]) { a, _ in a })
        XCTAssertEqual(run.code, 0, run.stderr.suffix(2000).description)
        // The trace's lines name each file opened ("file=libpcre2-8.so.0 [0]; needed by
        // ..." or "...; dynamically loaded by ..."): their names, one per line.
        let libraries = Set(run.stderr.split(separator: "\n").compactMap { line -> Substring? in
            guard let at = line.range(of: "file=") else { return nil }
            return line[at.upperBound...].prefix { $0 != " " }
        }).sorted().joined(separator: "\n")
        return (libraries, try Trawl.jsonLines(results))
    }

    func testPlainTextLoadsNeitherLibrary() throws {
        let (libraries, results) = try scan(["note.txt": Array("Employee SSN 219-48-5231\n".utf8)])
        XCTAssertEqual(results.count, 1)
        // The trace is there (PCRE2 is loaded at start), without poppler or GMime in it.
        XCTAssertTrue(libraries.contains("libpcre2-8.so"), "no loader trace: \(libraries.prefix(500))")
        XCTAssertFalse(libraries.contains("libpoppler"), libraries)
        XCTAssertFalse(libraries.contains("libgmime"), libraries)
        XCTAssertFalse(libraries.contains("libcairo"), libraries)
    }

    func testAPDFAndAnEmailLoadBothAndAreRead() throws {
        let mail = """
        From: Ann <ann@harbourline.example>\r
        To: hr@harbourline.example\r
        Subject: payroll\r
        MIME-Version: 1.0\r
        Content-Type: text/plain; charset=utf-8\r
        \r
        My social security number is 219-48-5231.\r

        """
        let pdf = handWrittenPDF(pages: [["Staff list"], ["Employee SSN 219-48-5231"]])
        let (libraries, results) = try scan(["report.pdf": pdf, "msg.eml": Array(mail.utf8)])
        XCTAssertTrue(libraries.contains("libpoppler-glib.so"), libraries)
        XCTAssertTrue(libraries.contains("libgmime-3.0.so"), libraries)
        XCTAssertEqual(results.count, 2)
        // Each holds the SSN once (the PDF on its page 2).
        for result in results {
            XCTAssertEqual((result["status"] as? [String: Any])?["code"] as? String, "COMPLETE", "\(result)")
            let detections = (result["sensitiveData"] as? [[String: Any]] ?? []).flatMap {
                $0["detections"] as? [[String: Any]] ?? []
            }
            XCTAssertEqual(detections.count, 1, "\(result)")
            XCTAssertEqual(detections.first?["type"] as? String, "USA_SOCIAL_SECURITY_NUMBER", "\(result)")
            XCTAssertEqual(detections.first?["count"] as? Int, 1, "\(result)")
        }
    }

    /// A library that cannot be loaded fails only the objects that need it, each SKIPPED
    /// with INTERNAL_ERROR and the loader's reason; the text beside them is classified.
    func testAMissingLibrarySkipsItsObjectsOnly() throws {
        let mail = "From: a@harbourline.example\r\nSubject: x\r\n\r\nSSN 219-48-5231\r\n"
        let (_, results) = try scan(["report.pdf": handWrittenPDF(pages: [["Employee SSN 219-48-5231"]]),
                                     "msg.eml": Array(mail.utf8),
                                     "note.txt": Array("Employee SSN 219-48-5231\n".utf8)],
                                    environment: ["TRAWL_POPPLER_LIBRARY": "/nonexistent/libpoppler-glib.so",
                                                  "TRAWL_GMIME_LIBRARY": "/nonexistent/libgmime-3.0.so"])
        let byKey = Dictionary(uniqueKeysWithValues: results.map { ($0["key"] as? String ?? "", $0) })
        XCTAssertEqual(byKey.count, 3)
        for (key, what, file) in [("report.pdf", "PDF", "libpoppler-glib.so"), ("msg.eml", "e-mail", "libgmime-3.0.so")] {
            let status = try XCTUnwrap(byKey[key]?["status"] as? [String: Any], key)
            XCTAssertEqual(status["code"] as? String, "SKIPPED", key)
            XCTAssertEqual(status["reason"] as? String, "INTERNAL_ERROR", key)
            let detail = status["detail"] as? String ?? ""
            // Each object names its own library (not the one that failed last).
            XCTAssertTrue(detail.contains("\(what) support is unavailable") && detail.contains("/nonexistent/\(file)"),
                          detail)
        }
        let note = try XCTUnwrap(byKey["note.txt"]?["status"] as? [String: Any])
        XCTAssertEqual(note["code"] as? String, "COMPLETE")
    }
}
