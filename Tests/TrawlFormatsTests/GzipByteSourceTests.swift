// GzipByteSource against fixtures made by the system gzip(1) at test time; the
// expected output is always the bytes that were compressed, and a fixture that
// should be damaged is confirmed damaged by `gzip -t` first.

import Foundation
import XCTest
@testable import TrawlFormats

final class GzipByteSourceTests: XCTestCase {
    var gzip = ""
    var dir: TempDir!

    override func setUpWithError() throws {
        gzip = try requireTool("gzip")
        dir = try TempDir()
    }

    /// Text with repetition (compresses) followed by random bytes (stored
    /// blocks), about 300 KB: several 64 KiB input buffers.
    func sampleContent(seed: UInt64 = 1) -> [UInt8] {
        var text: [UInt8] = []
        var rng = SplitMix64(seed: seed)
        for row in 0..<2_000 {
            let line = "row \(row), name=customer-\(UInt32.random(in: 0...99_999, using: &rng)), card 4111 1111 1111 1111\n"
            text.append(contentsOf: line.utf8)
        }
        return text + randomBytes(200_000, seed: seed)
    }

    /// `gzip -k` on a file called `name`: the member stores FNAME = name.
    func gzipFile(_ content: [UInt8], name: String, extraArgs: [String] = []) throws -> [UInt8] {
        try writeFile(dir.path(name), content)
        let r = try runTool(gzip, extraArgs + ["-k", "-f", name], currentDirectory: dir.url.path)
        XCTAssertEqual(r.status, 0)
        return try readFile(dir.path(name + ".gz"))
    }

    /// `gzip -c` from stdin: no FNAME.
    func gzipStdin(_ content: [UInt8]) throws -> [UInt8] {
        let r = try runTool(gzip, ["-c"], stdin: content)
        XCTAssertEqual(r.status, 0)
        return r.stdout
    }

    /// Whether `gzip -t` accepts the bytes (the independent verdict on a fixture).
    func gzipAccepts(_ compressed: [UInt8]) throws -> Bool {
        let path = dir.path("check-\(UUID().uuidString).gz")
        try writeFile(path, compressed)
        return try runTool(gzip, ["-t", path]).status == 0
    }

    /// Inflates a file through FileByteSource, as the scanner will.
    func inflateFile(_ compressed: [UInt8], maxOutputBytes: Int = 10_000_000_000,
                     bufferSizes: [Int] = [64 * 1024]) throws -> (out: [UInt8], source: GzipByteSource<FileByteSource>) {
        let path = dir.path("input-\(UUID().uuidString).gz")
        try writeFile(path, compressed)
        let fd = open(path, O_RDONLY)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { close(fd) }
        var source = try GzipByteSource(upstream: FileByteSource(fileDescriptor: fd), maxOutputBytes: maxOutputBytes)
        let out = try drain(&source, bufferSizes: bufferSizes)
        return (out, source)
    }

    func inflateMemory(_ compressed: [UInt8], maxOutputBytes: Int = 10_000_000_000,
                       bufferSizes: [Int] = [64 * 1024]) throws -> (out: [UInt8], source: GzipByteSource<ChunkedByteSource>) {
        var source = try GzipByteSource(upstream: ChunkedByteSource(compressed), maxOutputBytes: maxOutputBytes)
        let out = try drain(&source, bufferSizes: bufferSizes)
        return (out, source)
    }

    /// Output and damage read from a file, and from memory in 1...7-byte pieces.
    func bothWays(_ compressed: [UInt8], bufferSizes: [Int]) throws -> [(out: [UInt8], damage: GzipDamage?)] {
        let file = try inflateFile(compressed, bufferSizes: bufferSizes)
        let memory = try inflateMemory(compressed, bufferSizes: bufferSizes)
        return [(file.out, file.source.damage), (memory.out, memory.source.damage)]
    }

    func testSingleMemberEqualsOriginal() throws {
        let content = sampleContent()
        let gz = try gzipStdin(content)
        let (out, source) = try inflateFile(gz)
        XCTAssertEqual(out, content)
        XCTAssertNil(source.damage)
        XCTAssertTrue(source.isFinished)
        XCTAssertEqual(source.totalOut, content.count)
        XCTAssertEqual(source.compressedBytesRead, gz.count)
        XCTAssertEqual(source.membersCompleted, 1)
        XCTAssertNil(source.memberName, "gzip -c from stdin stores no FNAME")
    }

    func testSmallOutputBuffersAndOneByteUpstreamReads() throws {
        let content = Array(sampleContent(seed: 2).prefix(40_000))
        let gz = try gzipStdin(content)
        let (out1, s1) = try inflateFile(gz, bufferSizes: [1, 7, 3, 4096, 2])
        XCTAssertEqual(out1, content)
        XCTAssertNil(s1.damage)
        let (out2, s2) = try inflateMemory(gz, bufferSizes: [5, 1, 300])
        XCTAssertEqual(out2, content)
        XCTAssertNil(s2.damage)
        XCTAssertEqual(s2.compressedBytesRead, gz.count)
    }

    func testMultiMemberWithEmptyMember() throws {
        let a = Array("first member: alice@example.com\n".utf8)
        let b = sampleContent(seed: 3)
        let gzA = try gzipFile(a, name: "a.txt")
        let gzEmpty = try gzipStdin([])
        let gzB = try gzipFile(b, name: "b.txt")
        let joined = gzA + gzEmpty + gzB
        // Independent check of the fixture: gzip -dc yields a + b.
        XCTAssertEqual(try runTool(gzip, ["-dc"], stdin: joined).stdout, a + b)

        let (out, source) = try inflateFile(joined)
        XCTAssertEqual(out, a + b)
        XCTAssertNil(source.damage)
        XCTAssertEqual(source.membersCompleted, 3)
        XCTAssertEqual(source.memberName, "a.txt", "the first member's FNAME")
        XCTAssertEqual(source.compressedBytesRead, joined.count)

        let (outChunked, chunked) = try inflateMemory(joined, bufferSizes: [3, 11])
        XCTAssertEqual(outChunked, a + b)
        XCTAssertNil(chunked.damage)
    }

    func testEmptyMember() throws {
        let gz = try gzipStdin([])
        XCTAssertTrue(try gzipAccepts(gz))
        let (out, source) = try inflateFile(gz)
        XCTAssertEqual(out, [])
        XCTAssertNil(source.damage)
        XCTAssertEqual(source.membersCompleted, 1)
        XCTAssertEqual(source.totalOut, 0)
    }

    func testTrailingZeroPaddingIsAccepted() throws {
        let content = Array("padded\n".utf8)
        let gz = try gzipStdin(content) + [UInt8](repeating: 0, count: 70_000)
        let (out, source) = try inflateFile(gz)
        XCTAssertEqual(out, content)
        XCTAssertNil(source.damage)
        XCTAssertEqual(source.membersCompleted, 1)
    }

    func testMemberName() throws {
        let content = Array("id,name\n1,x\n".utf8)
        XCTAssertEqual(try inflateFile(try gzipFile(content, name: "report.csv")).source.memberName, "report.csv")
        XCTAssertEqual(try inflateFile(try gzipFile(content, name: "données été.csv")).source.memberName, "données été.csv")
        XCTAssertNil(try inflateFile(try gzipFile(content, name: "hidden.csv", extraArgs: ["-n"])).source.memberName,
                     "gzip -n stores no name")
        // The name is known even when reading in tiny pieces.
        let (out, source) = try inflateMemory(try gzipFile(content, name: "report.csv"), bufferSizes: [1])
        XCTAssertEqual(out, content)
        XCTAssertEqual(source.memberName, "report.csv")
    }

    func testTruncatedReturnsPrefixThenZero() throws {
        let content = sampleContent(seed: 4)
        let gz = try gzipFile(content, name: "cut.txt")
        // Empty input, inside the header, inside the deflate data, inside the trailer.
        for cut in [0, 1, 5, 12, 200, gz.count / 2, gz.count - 8, gz.count - 1] {
            let piece = Array(gz.prefix(cut))
            XCTAssertFalse(try gzipAccepts(piece), "gzip -t should reject a cut at \(cut)")
            for (out, damage) in try bothWays(piece, bufferSizes: [7, 4096]) {
                XCTAssertEqual(damage, .truncated, "cut at \(cut)")
                XCTAssertTrue(out.count <= content.count && out[...] == content.prefix(out.count),
                              "cut at \(cut): output must be a prefix of the original")
            }
        }
        // Cut in the trailer: all data was inflated before the input ended.
        XCTAssertEqual(try inflateFile(Array(gz.prefix(gz.count - 1))).out, content)
        // Cut at the start of a second member.
        let two = gz + Array(try gzipStdin(content).prefix(3))
        let (out, source) = try inflateFile(two)
        XCTAssertEqual(out, content)
        XCTAssertEqual(source.damage, .truncated)
    }

    func testCorruptDeflateData() throws {
        var text: [UInt8] = []
        for i in 0..<20_000 { text.append(contentsOf: "line \(i) of a compressible log file\n".utf8) }
        var gz = try gzipStdin(text)
        let middle = gz.count / 2
        for k in 0..<4 { gz[middle + k] ^= 0xA5 }
        XCTAssertFalse(try gzipAccepts(gz))
        for (out, damage) in try bothWays(gz, bufferSizes: [1000]) {
            guard case .corrupt(let message)? = damage else {
                return XCTFail("expected .corrupt, got \(String(describing: damage))")
            }
            XCTAssertFalse(message.isEmpty)
            XCTAssertLessThan(out.count, text.count)
        }
    }

    func testCorruptTrailer() throws {
        let content = Array("checked by CRC-32 and length\n".utf8)
        let gz = try gzipStdin(content)
        var badCRC = gz
        badCRC[gz.count - 8] ^= 0xFF          // CRC-32 (RFC 1952: CRC32 then ISIZE)
        var badLength = gz
        badLength[gz.count - 4] ^= 0x01       // ISIZE
        for broken in [badCRC, badLength] {
            XCTAssertFalse(try gzipAccepts(broken))
            let (out, source) = try inflateFile(broken)
            guard case .corrupt? = source.damage else {
                return XCTFail("expected .corrupt, got \(String(describing: source.damage))")
            }
            XCTAssertEqual(out, content, "all data is inflated before the trailer is checked")
        }
    }

    func testNotGzipAndTrailingGarbage() throws {
        let plain = Array("just text, no gzip header\n".utf8)
        let (out, source) = try inflateFile(plain)
        XCTAssertEqual(out, [])
        guard case .corrupt? = source.damage else { return XCTFail("\(String(describing: source.damage))") }

        let content = Array("member\n".utf8)
        let (out2, source2) = try inflateFile(try gzipStdin(content) + Array("GARBAGE".utf8))
        XCTAssertEqual(out2, content)
        guard case .corrupt? = source2.damage else { return XCTFail("\(String(describing: source2.damage))") }
    }

    /// A member whose header has every optional field (FEXTRA, FNAME, FCOMMENT, FHCRC),
    /// built by Python's zlib (an independent CRC-32) around gzip(1)'s deflate data;
    /// `corruptHeaderCRC` flips the stored header CRC.
    func handBuiltMember(_ content: [UInt8], name: String, corruptHeaderCRC: Bool = false) throws -> [UInt8] {
        let python = try requireTool("python3")
        let deflateAndTrailer = Array(try gzipStdin(content).dropFirst(10))   // gzip -c: a bare 10-byte header
        let script = """
        import sys, zlib, struct
        body = sys.stdin.buffer.read()
        h = bytes([0x1f, 0x8b, 8, 2 | 4 | 8 | 16]) + struct.pack('<I', 0) + bytes([0, 3])
        extra = b'AB' + struct.pack('<H', 5) + b'extra'
        h += struct.pack('<H', len(extra)) + extra + sys.argv[1].encode() + b'\\0' + b'made by hand\\0'
        crc = zlib.crc32(h) & 0xFFFF
        if sys.argv[2] == '1': crc ^= 0x5A5A
        sys.stdout.buffer.write(h + struct.pack('<H', crc) + body)
        """
        let r = try runTool(python, ["-c", script, name, corruptHeaderCRC ? "1" : "0"], stdin: deflateAndTrailer)
        XCTAssertEqual(r.status, 0)
        return r.stdout
    }

    func testHeaderWithEveryOptionalField() throws {
        let content = Array(sampleContent(seed: 6).prefix(3_000))
        let gz = try handBuiltMember(content, name: "hand.txt")
        XCTAssertTrue(try gzipAccepts(gz))
        let (out, source) = try inflateFile(gz)
        XCTAssertEqual(out, content)
        XCTAssertNil(source.damage)
        XCTAssertEqual(source.memberName, "hand.txt")
        // The header in 1...7-byte pieces, and as the second member (its name is not taken).
        let (chunked, chunkedSource) = try inflateMemory(gz + gz, bufferSizes: [5])
        XCTAssertEqual(chunked, content + content)
        XCTAssertNil(chunkedSource.damage)
        XCTAssertEqual(chunkedSource.membersCompleted, 2)
        XCTAssertEqual(chunkedSource.memberName, "hand.txt")
    }

    func testHeaderCRCMismatchAndReservedFlags() throws {
        let content = Array("header checks\n".utf8)
        let badCRC = try handBuiltMember(content, name: "x.txt", corruptHeaderCRC: true)
        XCTAssertFalse(try gzipAccepts(badCRC))
        var reserved = try gzipStdin(content)
        reserved[3] |= 0x20                    // FLG bit 5: reserved, must be zero
        XCTAssertFalse(try gzipAccepts(reserved))
        var method = try gzipStdin(content)
        method[2] = 7                          // CM 7: not deflate
        XCTAssertFalse(try gzipAccepts(method))
        for broken in [badCRC, reserved, method] {
            for (out, damage) in try bothWays(broken, bufferSizes: [64]) {
                XCTAssertEqual(out, [])
                guard case .corrupt? = damage else { return XCTFail("expected .corrupt, got \(String(describing: damage))") }
            }
        }
    }

    func testLongMemberNameIsCut() throws {
        let content = Array("long name\n".utf8)
        let name = String(repeating: "n", count: 3_000)
        let gz = try handBuiltMember(content, name: name)
        XCTAssertTrue(try gzipAccepts(gz))
        let (out, source) = try inflateMemory(gz, bufferSizes: [64])
        XCTAssertEqual(out, content)
        XCTAssertNil(source.damage)
        XCTAssertEqual(source.memberName, String(repeating: "n", count: 1_024))
    }

    func testOutputLimit() throws {
        let content = Array(sampleContent(seed: 5).prefix(5_000))
        let gz = try gzipStdin(content)

        let (out, source) = try inflateFile(gz, maxOutputBytes: 1_000)
        XCTAssertEqual(out, Array(content.prefix(1_000)))
        XCTAssertEqual(source.damage, .outputLimitExceeded)
        XCTAssertEqual(source.totalOut, 1_000)

        let (exact, exactSource) = try inflateFile(gz, maxOutputBytes: content.count)
        XCTAssertEqual(exact, content)
        XCTAssertNil(exactSource.damage, "a stream of exactly the limit is complete")

        let (short, shortSource) = try inflateMemory(gz, maxOutputBytes: content.count - 1, bufferSizes: [333])
        XCTAssertEqual(short, Array(content.prefix(content.count - 1)))
        XCTAssertEqual(shortSource.damage, .outputLimitExceeded)

        // The limit counts across members.
        let (multi, multiSource) = try inflateFile(gz + gz, maxOutputBytes: content.count)
        XCTAssertEqual(multi, content)
        XCTAssertEqual(multiSource.damage, .outputLimitExceeded)
    }

    func testDecompressionBombStopsAtLimit() throws {
        // 200 MB of zeros compress to about 200 KB (deflate's ~1000:1 at most).
        let sh = try requireTool("sh")
        let gz = try runTool(sh, ["-c", "head -c 200000000 /dev/zero | '\(gzip)' -c"]).stdout
        XCTAssertGreaterThan(gz.count, 150_000)
        XCTAssertLessThan(gz.count, 300_000)
        let (out, source) = try inflateFile(gz, maxOutputBytes: 1_000_000)
        XCTAssertEqual(out.count, 1_000_000)
        XCTAssertEqual(source.damage, .outputLimitExceeded)
        XCTAssertLessThan(source.compressedBytesRead, gz.count, "stops reading input at the limit")
    }
}
