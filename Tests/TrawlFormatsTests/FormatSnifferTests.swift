// FormatSniffer / BinaryHeuristic. Magic numbers are written from the formats'
// specifications, or taken from files made at test time by the real tools
// (gzip, bzip2, xz, zstd, lz4, tar, zip) and from a real ELF binary.

import Foundation
import CTrawlKernels
import XCTest
@testable import TrawlFormats

final class FormatSnifferTests: XCTestCase {

    func sniff(_ bytes: [UInt8], key: String = "bucket/object") -> SniffedFormat {
        FormatSniffer.sniff(bytes, key: key)
    }

    /// Magic bytes followed by filler, as in a real file.
    func file(_ magic: [UInt8], _ filler: UInt8 = 0x00, count: Int = 600) -> [UInt8] {
        magic + [UInt8](repeating: filler, count: max(0, count - magic.count))
    }

    func ascii(_ s: String) -> [UInt8] { Array(s.utf8) }

    func testMagicNumbers() {
        let zip = SniffedFormat.archive(mimeType: "application/zip")
        var tar = [UInt8](repeating: 0, count: 1024)
        tar.replaceSubrange(0..<8, with: ascii("file.txt"))
        tar.replaceSubrange(257..<263, with: ascii("ustar") + [0])
        var gnuTar = tar
        gnuTar.replaceSubrange(257..<265, with: ascii("ustar  ") + [0])
        var pe = file(ascii("MZ"), count: 512)
        pe.replaceSubrange(0x3C..<0x40, with: [0x80, 0, 0, 0])
        pe.replaceSubrange(0x80..<0x84, with: ascii("PE") + [0, 0])

        let cases: [(String, [UInt8], SniffedFormat)] = [
            ("gzip", file([0x1F, 0x8B, 0x08, 0x00]), .gzip),
            ("zip", file(ascii("PK") + [3, 4, 20, 0]), zip),
            ("empty zip", file(ascii("PK") + [5, 6]), zip),
            ("pdf", ascii("%PDF-1.7\n%\u{E2}\u{E3}\n1 0 obj\n"), .document(.pdf, mimeType: "application/pdf")),
            ("7z", file([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C, 0x00, 0x04]), .archive(mimeType: "application/x-7z-compressed")),
            ("bzip2", file(ascii("BZh9") + [0x31, 0x41, 0x59, 0x26, 0x53, 0x59]), .compressed(mimeType: "application/x-bzip2")),
            ("xz", file([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]), .compressed(mimeType: "application/x-xz")),
            ("zstd", file([0x28, 0xB5, 0x2F, 0xFD]), .compressed(mimeType: "application/zstd")),
            ("tar", tar, .archive(mimeType: "application/x-tar")),
            ("gnu tar", gnuTar, .archive(mimeType: "application/x-tar")),
            ("rar4", file(ascii("Rar!") + [0x1A, 0x07, 0x00]), .archive(mimeType: "application/vnd.rar")),
            ("rar5", file(ascii("Rar!") + [0x1A, 0x07, 0x01, 0x00]), .archive(mimeType: "application/vnd.rar")),
            ("ole2", file([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]), .unsupportedContainer(mimeType: "application/x-ole-storage")),
            ("png", file([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D] + ascii("IHDR")), .binary(mimeType: "image/png")),
            ("jpeg", file([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + ascii("JFIF")), .binary(mimeType: "image/jpeg")),
            ("gif", file(ascii("GIF89a")), .binary(mimeType: "image/gif")),
            ("bmp", file(ascii("BM") + [0x36, 0x10, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0]), .binary(mimeType: "image/bmp")),
            ("tiff le", file(ascii("II") + [0x2A, 0x00]), .binary(mimeType: "image/tiff")),
            ("tiff be", file(ascii("MM") + [0x00, 0x2A]), .binary(mimeType: "image/tiff")),
            ("webp", file(ascii("RIFF") + [0x24, 0, 0, 0] + ascii("WEBPVP8 ")), .binary(mimeType: "image/webp")),
            ("wav", file(ascii("RIFF") + [0x24, 0, 0, 0] + ascii("WAVEfmt ")), .binary(mimeType: "audio/wav")),
            ("ico", file([0, 0, 1, 0, 1, 0, 16, 16]), .binary(mimeType: "image/vnd.microsoft.icon")),
            ("elf", file([0x7F] + ascii("ELF") + [2, 1, 1]), .binary(mimeType: "application/x-executable")),
            ("mach-o 64", file([0xCF, 0xFA, 0xED, 0xFE, 0x07, 0x00, 0x00, 0x01]), .binary(mimeType: "application/x-mach-binary")),
            ("mach-o universal", file([0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 2]), .binary(mimeType: "application/x-mach-binary")),
            ("java class", file([0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 0x41]), .binary(mimeType: "application/java-vm")),
            ("pe", pe, .binary(mimeType: "application/vnd.microsoft.portable-executable")),
            ("sqlite", file(ascii("SQLite format 3") + [0, 0x10, 0x00]), .binary(mimeType: "application/vnd.sqlite3")),
            ("wasm", file([0x00, 0x61, 0x73, 0x6D, 0x01, 0, 0, 0]), .binary(mimeType: "application/wasm")),
            ("ogg", file(ascii("OggS") + [0, 2]), .binary(mimeType: "audio/ogg")),
            ("mp3 id3", file(ascii("ID3") + [4, 0, 0]), .binary(mimeType: "audio/mpeg")),
            ("mp3 frame", file([0xFF, 0xFB, 0x90, 0x64]), .binary(mimeType: "audio/mpeg")),
            ("mp4", file([0, 0, 0, 0x20] + ascii("ftypisom") + [0, 0, 2, 0]), .binary(mimeType: "video/mp4")),
            ("mov", file([0, 0, 0, 0x14] + ascii("ftypqt  ")), .binary(mimeType: "video/quicktime")),
            ("heic", file([0, 0, 0, 0x18] + ascii("ftypheic")), .binary(mimeType: "image/heic")),
            ("parquet", file(ascii("PAR1") + [0x15, 0x04]), .binary(mimeType: "application/vnd.apache.parquet")),
            ("flac", file(ascii("fLaC")), .binary(mimeType: "audio/flac")),
            ("matroska", file([0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x82, 0x88] + ascii("matroska")), .binary(mimeType: "video/x-matroska")),
            ("webm", file([0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x82, 0x84] + ascii("webm")), .binary(mimeType: "video/webm")),
        ]
        for (name, bytes, expected) in cases {
            XCTAssertEqual(sniff(bytes, key: "b/file.txt"), expected, name)
        }
    }

    /// Files written by the real tools.
    func testFilesMadeByRealTools() throws {
        let dir = try TempDir()
        let content = Array(String(repeating: "id,email\n1,alice@example.com\n", count: 50).utf8)
        try writeFile(dir.path("data.csv"), content)
        let compressors: [(String, [String], SniffedFormat)] = [
            ("gzip", ["-c"], .gzip),
            ("bzip2", ["-c"], .compressed(mimeType: "application/x-bzip2")),
            ("xz", ["-c"], .compressed(mimeType: "application/x-xz")),
            ("zstd", ["-c", "-q"], .compressed(mimeType: "application/zstd")),
            ("lz4", ["-c", "-q"], .compressed(mimeType: "application/x-lz4")),
        ]
        var ran = 0
        for (name, args, expected) in compressors {
            guard let path = tool(name) else { continue }
            let r = try runTool(path, args, stdin: content)
            XCTAssertEqual(r.status, 0, name)
            XCTAssertEqual(sniff(r.stdout, key: "b/data.csv.\(name)"), expected, name)
            ran += 1
        }
        // An empty bzip2 stream has the end-of-stream magic instead of a block.
        if let bzip2 = tool("bzip2") {
            XCTAssertEqual(sniff(try runTool(bzip2, ["-c"], stdin: []).stdout),
                           .compressed(mimeType: "application/x-bzip2"))
        }
        if let tar = tool("tar") {
            let r = try runTool(tar, ["-cf", "-", "data.csv"], currentDirectory: dir.url.path)
            XCTAssertEqual(sniff(r.stdout, key: "b/x.tar"), .archive(mimeType: "application/x-tar"))
            ran += 1
        }
        if let zip = tool("zip") {
            let r = try runTool(zip, ["-q", "-", "data.csv"], currentDirectory: dir.url.path)
            XCTAssertEqual(sniff(r.stdout, key: "b/report.docx"), .document(.ooxml, mimeType: FormatSniffer.ooxmlWord))
            ran += 1
        }
        // A real ELF executable: this test process.
        let exe = try readFile("/proc/self/exe")
        XCTAssertEqual(sniff(Array(exe.prefix(FormatSniffer.prefixLength))), .binary(mimeType: "application/x-executable"))
        if ran == 0 { throw XCTSkip("no compressor installed") }
    }

    func testOfficePackagesByFirstPart() {
        // A zip local file header (APPNOTE 4.3.7) whose first name is [Content_Types].xml,
        // followed later by a part under xl/: an xlsx, whatever its key says.
        func localHeader(_ name: String) -> [UInt8] {
            let n = Array(name.utf8)
            return [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 22) + [UInt8(n.count), 0, 0, 0] + n
        }
        let xlsx = localHeader("[Content_Types].xml") + ascii("<Types/>") + localHeader("xl/workbook.xml")
        XCTAssertEqual(sniff(xlsx, key: "b/export.bin"), .document(.ooxml, mimeType: FormatSniffer.ooxmlSheet))
        let other = localHeader("data.csv") + ascii("a,b\n")
        XCTAssertEqual(sniff(other, key: "b/x.zip"), .archive(mimeType: "application/zip"))
        XCTAssertEqual(sniff(other, key: "b/deck.PPTX"), .document(.ooxml, mimeType: FormatSniffer.ooxmlSlides))
    }

    func testEmailByItsHeader() {
        let mail = "Return-Path: <a@example.net>\r\nReceived: from mx\r\n\tby mx2\r\nFrom: Ann <a@example.net>\r\n"
            + "Subject: hi\r\n\r\nbody"
        XCTAssertEqual(sniff(ascii(mail), key: "b/msg-1"), .text(.utf8, mimeType: "message/rfc822"))
        // One known header is not enough; a first line that is not a header is not mail.
        XCTAssertEqual(sniff(ascii("Subject: notes\n\nssn list"), key: "b/a.txt"), .text(.utf8, mimeType: "text/plain"))
        XCTAssertEqual(sniff(ascii("hello\nFrom: a\nTo: b\n"), key: "b/a.txt"), .text(.utf8, mimeType: "text/plain"))
        XCTAssertEqual(sniff(ascii("From: a\nTo: b\n\nhi"), key: "b/a.txt"), .text(.utf8, mimeType: "message/rfc822"))
        // Field names in any case; X- fields before the known ones.
        let xFirst = (1...5).map { "X-Mozilla-Status\($0): 0001\r\n" }.joined() + "DATE: Mon, 2 Jan 2023\r\nfrom: a\r\n\r\nhi"
        XCTAssertEqual(sniff(ascii(xFirst), key: "b/m"), .text(.utf8, mimeType: "message/rfc822"))
        // A log whose lines read as "name: value" fields, with "From:" and "To:" far down
        // (after 20 lines without a known field): not mail.
        let log = (1...25).map { "2024-03-11T08:15:\($0)Z INFO ok\n" }.joined() + "From: a\nTo: b\n"
        XCTAssertEqual(sniff(ascii(log), key: "b/app.log"), .text(.utf8, mimeType: "text/plain"))
    }

    func testTextMimeTypeByExtension() {
        let text = ascii("id,name\n1,x\n")
        let cases: [(String, String)] = [
            ("finance/2024/q1.csv", "text/csv"),
            ("finance/2024/q1.CSV", "text/csv"),
            ("finance/2024/q1.csv.gz", "text/csv"),
            ("x/a.tsv", "text/tab-separated-values"),
            ("x/a.json", "application/json"),
            ("x/a.jsonl", "application/x-ndjson"),
            ("x/a.ndjson.gz", "application/x-ndjson"),
            ("x/a.xml", "application/xml"),
            ("x/a.html", "text/html"),
            ("x/mail.eml", "message/rfc822"),
            ("x/app.log", "text/plain"),
            ("x/readme.txt", "text/plain"),
            ("x/README", "text/plain"),
            ("x/.env", "text/plain"),
            ("x.csv/notes", "text/plain"),
            ("x/data.gz", "text/plain"),
        ]
        for (key, mime) in cases {
            XCTAssertEqual(FormatSniffer.textMimeType(forKey: key), mime, key)
            // The sniffed type is the named one, except that JSON must look like JSON.
            let json = mime.contains("json")
            XCTAssertEqual(sniff(text, key: key), .text(.utf8, mimeType: json ? "text/plain" : mime), key)
            if json {
                XCTAssertEqual(sniff(ascii(" \n[{\"id\": 1}]"), key: key), .text(.utf8, mimeType: mime), key)
            }
        }
    }

    func testTextEncodings() {
        let text = "name,email\nAlice Müller,alice@example.com\nBob,bob@example.org\n"
        func utf16(_ bigEndian: Bool) -> [UInt8] {
            text.utf16.flatMap { u -> [UInt8] in
                bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)]
            }
        }
        XCTAssertEqual(sniff(ascii(text), key: "a.csv"), .text(.utf8, mimeType: "text/csv"))
        XCTAssertEqual(sniff([0xEF, 0xBB, 0xBF] + ascii(text), key: "a.csv"), .text(.utf8, mimeType: "text/csv"))
        XCTAssertEqual(sniff([0xFF, 0xFE] + utf16(false), key: "a.csv"), .text(.utf16LE, mimeType: "text/csv"))
        XCTAssertEqual(sniff([0xFE, 0xFF] + utf16(true), key: "a.csv"), .text(.utf16BE, mimeType: "text/csv"))
        XCTAssertEqual(sniff(utf16(false), key: "a.csv"), .text(.utf16LE, mimeType: "text/csv"), "no BOM")
        XCTAssertEqual(sniff(utf16(true), key: "a.csv"), .text(.utf16BE, mimeType: "text/csv"), "no BOM")
        // Windows-1252 bytes are not valid UTF-8.
        let cp1252 = ascii("Caf") + [0xE9] + ascii(" \u{22}") + [0x93, 0x80, 0x94] + ascii("\n")
        XCTAssertEqual(sniff(cp1252, key: "a.txt"), .text(.windows1252, mimeType: "text/plain"))
        // A multi-byte character cut by the 8 KiB prefix is still UTF-8...
        let long = ascii(String(repeating: "a", count: FormatSniffer.prefixLength - 1) + "\u{20AC} tail")
        XCTAssertEqual(sniff(long), .text(.utf8, mimeType: "text/plain"))
        // ...but a broken one inside it is not.
        XCTAssertEqual(sniff(ascii("abc") + [0xE2, 0x82] + ascii("abc")), .text(.windows1252, mimeType: "text/plain"))
        XCTAssertEqual(sniff([]), .text(.utf8, mimeType: "text/plain"))
    }

    func testTextVersusBinary() {
        // Random bytes (compressed or encrypted data without magic) are binary.
        for seed in 0..<20 as Range<UInt64> {
            XCTAssertEqual(sniff(randomBytes(FormatSniffer.prefixLength, seed: seed)),
                           .binary(mimeType: "application/octet-stream"), "seed \(seed)")
        }
        let line = ascii("2024-05-01T10:00:00Z INFO user=alice action=login ok\n")
        let text = Array((0..<200).flatMap { _ in line }.prefix(FormatSniffer.prefixLength))
        XCTAssertEqual(sniff(text), .text(.utf8, mimeType: "text/plain"))
        // NUL-heavy: every 10th byte NUL; and all zeros.
        var nulHeavy = text
        for i in stride(from: 0, to: nulHeavy.count, by: 10) { nulHeavy[i] = 0 }
        XCTAssertEqual(sniff(nulHeavy), .binary(mimeType: "application/octet-stream"))
        XCTAssertEqual(sniff([UInt8](repeating: 0, count: 4096)), .binary(mimeType: "application/octet-stream"))
        // A stray NUL in 8 KiB of text does not make it binary.
        var stray = text
        stray[4000] = 0
        XCTAssertEqual(sniff(stray), .text(.utf8, mimeType: "text/plain"))
        // Control bytes: 15% SOH is binary; ANSI colours (ESC), tabs, form feeds are text.
        var controls = text
        for i in stride(from: 3, to: controls.count, by: 7) { controls[i] = 0x01 }
        XCTAssertEqual(sniff(controls), .binary(mimeType: "application/octet-stream"))
        let ansi = Array((0..<100).flatMap { _ in ascii("\u{1B}[32mOK\u{1B}[0m\tdone\u{0C}\r\n") })
        XCTAssertEqual(sniff(ansi), .text(.utf8, mimeType: "text/plain"))
        // 16-bit integers below 32 look like UTF-16LE by their NULs, but are controls.
        let shorts = (5..<2005).flatMap { i -> [UInt8] in [UInt8(i % 32), 0] }
        XCTAssertEqual(sniff(shorts), .binary(mimeType: "application/octet-stream"))
        // Text that merely starts like a magic number stays text.
        XCTAssertEqual(sniff(ascii("MZ-2024 shipment notice\nBMW 320i, VIN on file\n")), .text(.utf8, mimeType: "text/plain"))
        XCTAssertEqual(sniff(ascii("BMW 320i, VIN on file, 4 doors, blue\n")), .text(.utf8, mimeType: "text/plain"))
        XCTAssertEqual(sniff(ascii("BZh, said the log\n")), .text(.utf8, mimeType: "text/plain"))
    }

    /// The vector search for the first byte the heuristic counts, every byte value at
    /// every position of the vector blocks and the tail; the set is DESIGN.md's (NUL,
    /// DEL, C0 controls but \b \t \n \f \r and ESC), written out here.
    func testFirstSuspiciousByte() {
        let allowed: Set<UInt8> = [0x08, 0x09, 0x0A, 0x0C, 0x0D, 0x1B]
        for value in 0...255 {
            let b = UInt8(value)
            let suspicious = b == 0x7F || (b < 0x20 && !allowed.contains(b))
            for at in [0, 1, 31, 32, 33, 63, 64, 70, 79] {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 80)
                bytes[at] = b
                let found = bytes.withUnsafeBufferPointer { trawl_first_suspicious($0.baseAddress, 80) }
                XCTAssertEqual(found, suspicious ? at : 80, "byte \(b) at \(at)")
            }
        }
    }

    /// UTF-16 without a BOM is told from NUL positions counted by parity: the counts start
    /// at the first suspicious byte, so an odd first NUL must still count as odd.
    func testUTF16WithoutBOMAfterALeadingRun() {
        // "ab" in UTF-16LE after 5 bytes of ASCII spaces: the first NUL is at position 6.
        let le = [UInt8](repeating: 0x20, count: 5) + Array((0..<200).flatMap { _ in [UInt8(ascii: "a"), 0, UInt8(ascii: "b"), 0] })
        XCTAssertEqual(BinaryHeuristic.classify(le), .text(.utf16BE))
        XCTAssertEqual(BinaryHeuristic.classify(Array(le.dropFirst())), .text(.utf16LE))
    }

    func testPrefixedByteSourceReplaysThePrefix() throws {
        let data = randomBytes(20_000, seed: 99)
        var source = try PrefixedByteSource(upstream: ChunkedByteSource(data))
        XCTAssertEqual(source.prefix, Array(data.prefix(FormatSniffer.prefixLength)))
        XCTAssertFalse(source.prefixIsWholeStream)
        XCTAssertEqual(try drain(&source, bufferSizes: [1000, 3]), data)

        var small = try PrefixedByteSource(upstream: MemoryByteSource(Array("short".utf8)))
        XCTAssertTrue(small.prefixIsWholeStream)
        XCTAssertEqual(try drain(&small, bufferSizes: [2]), Array("short".utf8))
    }

    func testFileByteSourceReadsAFile() throws {
        let dir = try TempDir()
        let data = randomBytes(200_000, seed: 5)
        try writeFile(dir.path("f"), data)
        let fd = open(dir.path("f"), O_RDONLY)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { close(fd) }
        var source = FileByteSource(fileDescriptor: fd)
        XCTAssertEqual(try drain(&source, bufferSizes: [4096, 65536, 1]), data)
        XCTAssertEqual(source.bytesRead, data.count)

        var closed = FileByteSource(fileDescriptor: -1)
        var buffer = [UInt8](repeating: 0, count: 16)
        XCTAssertThrowsError(try buffer.withUnsafeMutableBytes { try closed.read(into: $0) }) { error in
            XCTAssertEqual(error as? ByteSourceError, .readFailed(errno: EBADF))
        }
    }
}
