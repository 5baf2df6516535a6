// ArchiveReader against archives made by standard tools at test time
// (ArchiveFixtures.swift). Expected members and bytes are the fixture
// definitions; damaged fixtures are made by cutting or flipping known bytes.

import Foundation
import XCTest
@testable import TrawlFormats

final class ArchiveReaderTests: XCTestCase {
    /// Text with repetition followed by random bytes, about 150 KB: several
    /// 64 KiB buffers on both sides of the decompressor.
    func bigContent(seed: UInt64) -> [UInt8] {
        var text: [UInt8] = []
        for row in 0..<1_500 {
            text.append(contentsOf: "row \(row) seed \(seed): jane.doe@example.com 4111 1111 1111 1111\n".utf8)
        }
        return text + randomBytes(60_000, seed: seed)
    }

    var sampleMembers: [FixtureMember] {
        [
            .dir("docs/"),
            .file("docs/a.txt", "first member: alice@example.com\n"),
            .file("docs/big.bin", bigContent(seed: 7)),
            .file("empty.txt", []),
            .file("caf\u{E9}/\u{65E5}\u{672C}.txt", "unicode name\n"),
        ]
    }

    struct ReadMember: Equatable {
        var path: String
        var kind: ArchiveMemberKind
        var size: Int64?
        var data: [UInt8]
    }

    /// Reads every member through `memberSource()`, with odd buffer sizes.
    func readAll(_ reader: ArchiveReader, bufferSizes: [Int] = [64 * 1024, 3, 1000]) throws -> [ReadMember] {
        var out: [ReadMember] = []
        while let member = try reader.nextMember() {
            var source = reader.memberSource()
            let data = try drain(&source, bufferSizes: bufferSizes)
            out.append(ReadMember(path: member.path, kind: member.kind, size: member.size, data: data))
        }
        XCTAssertNil(try reader.nextMember(), "the end stays the end")
        return out
    }

    /// A directory's name with or without its trailing slash (tar writers differ).
    func key(_ path: String) -> String {
        path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    func assertMembers(_ read: [ReadMember], _ members: [FixtureMember],
                       file: StaticString = #filePath, line: UInt = #line) {
        var want: [String: [UInt8]] = [:]
        for m in members { want[key(m.name)] = m.data }
        XCTAssertEqual(read.count, members.count, "member count", file: file, line: line)
        XCTAssertEqual(Set(read.map { key($0.path) }), Set(want.keys), file: file, line: line)
        for m in read {
            XCTAssertEqual(m.data, want[key(m.path)], "data of \(m.path)", file: file, line: line)
            if members.contains(where: { $0.kind == .dir && key($0.name) == key(m.path) }) {
                XCTAssertEqual(m.kind, .directory, m.path, file: file, line: line)
            } else {
                XCTAssertEqual(m.kind, .regular, m.path, file: file, line: line)
            }
            if let size = m.size { XCTAssertEqual(size, Int64(m.data.count), m.path, file: file, line: line) }
        }
    }

    // MARK: Formats

    func testZipStoredAndDeflated() throws {
        for deflated in [false, true] {
            let zip = try makeZip(sampleMembers, deflated: deflated)
            let reader = try ArchiveReader(upstream: MemoryByteSource(zip))
            let read = try readAll(reader)
            assertMembers(read, sampleMembers)
            XCTAssertEqual(read.map(\.path), sampleMembers.map(\.name), "zip order")
            XCTAssertEqual(reader.memberCount, sampleMembers.count)
            // Streaming stops after the last member: the central directory is not read.
            XCTAssertLessThanOrEqual(reader.compressedBytesRead, Int64(zip.count))
            XCTAssertGreaterThan(reader.compressedBytesRead, Int64(zip.count / 2))
            XCTAssertEqual(reader.totalMemberBytesRead, Int64(sampleMembers.reduce(0) { $0 + $1.data.count }))
            XCTAssertTrue(reader.formatName?.contains("ZIP") ?? false, reader.formatName ?? "nil")
        }
    }

    func testTarPlainAndCompressed() throws {
        for (compression, filter) in [("", nil), ("gz", "gzip"), ("bz2", "bzip2"), ("xz", "xz")] as [(String, String?)] {
            let tar = try makeTar(sampleMembers, compression: compression)
            let reader = try ArchiveReader(upstream: MemoryByteSource(tar))
            let read = try readAll(reader)
            XCTAssertEqual(reader.compressedBytesRead, Int64(tar.count), "tar.\(compression)")
            assertMembers(read, sampleMembers)
            XCTAssertEqual(reader.filterNames, filter.map { [$0] } ?? [], "tar.\(compression)")
            for m in read where m.kind == .regular { XCTAssertNotNil(m.size, "tar headers carry sizes") }
        }
    }

    func testTarZstdMadeByBsdtar() throws {
        let members: [FixtureMember] = [.file("a.txt", "zstd member\n"), .file("b.bin", bigContent(seed: 9))]
        let archive = try makeWithBsdtar(members, format: "pax", extraArgs: ["--zstd"])
        let reader = try ArchiveReader(upstream: MemoryByteSource(archive))
        assertMembers(try readAll(reader), members)
        XCTAssertEqual(reader.filterNames, ["zstd"])
    }

    func testCpioStreamed() throws {
        let members: [FixtureMember] = [.file("one.txt", "cpio text\n"), .file("two.bin", bigContent(seed: 3))]
        for format in ["cpio", "newc"] {
            let archive = try makeWithBsdtar(members, format: format)
            let reader = try ArchiveReader(upstream: ChunkedByteSource(archive))
            assertMembers(try readAll(reader), members)
        }
    }

    func testSevenZipFromMemoryAndNotStreamed() throws {
        let members: [FixtureMember] = [.file("one.txt", "seven zip text\n"), .file("d/two.bin", bigContent(seed: 3))]
        let archive = try makeWithBsdtar(members, format: "7zip")
        let reader = try ArchiveReader(bytes: archive)
        assertMembers(try readAll(reader), members)
        // Streamed, 7-Zip cannot be read (its directory is at the end): a clear error.
        XCTAssertThrowsError(try readAll(try ArchiveReader(upstream: MemoryByteSource(archive)))) { error in
            guard case .unsupported? = error as? ArchiveError else { return XCTFail("expected .unsupported, got \(error)") }
        }
    }

    func testZipFromMemoryUsesTheCentralDirectory() throws {
        let zip = try makeZip(sampleMembers)
        let reader = try ArchiveReader(bytes: zip)
        let read = try readAll(reader)
        assertMembers(read, sampleMembers)
        for m in read where m.kind == .regular { XCTAssertNotNil(m.size) }
    }

    func testBareCompressedStreams() throws {
        let content = bigContent(seed: 11)
        for (tool, filter) in [("bzip2", "bzip2"), ("xz", "xz"), ("zstd", "zstd"), ("lz4", "lz4")] {
            guard TrawlFormatsTests.tool(tool) != nil else { continue }
            let stream = try compressStream(content, tool: tool)
            let reader = try ArchiveReader(upstream: MemoryByteSource(stream), mode: .compressedStream)
            let read = try readAll(reader, bufferSizes: [4096, 1, 65_536])
            XCTAssertEqual(read.count, 1, tool)
            XCTAssertEqual(read.first?.data, content, tool)
            XCTAssertEqual(read.first?.path, "", "a compressed stream's member has no name")
            XCTAssertNil(read.first?.size, "\(tool): a bare stream states no size")
            XCTAssertEqual(reader.filterNames, [filter])
            XCTAssertEqual(reader.compressedBytesRead, Int64(stream.count))
        }
    }

    func testOneToSevenByteUpstreamReads() throws {
        let members: [FixtureMember] = [.file("a.txt", "chunked upstream\n"), .file("b.bin", bigContent(seed: 5))]
        for archive in [try makeZip(members), try makeTar(members, compression: "gz"), try makeTar(members, compression: "bz2")] {
            let reader = try ArchiveReader(upstream: ChunkedByteSource(archive))
            assertMembers(try readAll(reader, bufferSizes: [7, 4096]), members)
        }
        let xz = try compressStream(members[1].data, tool: "xz")
        let reader = try ArchiveReader(upstream: ChunkedByteSource(xz), mode: .compressedStream)
        XCTAssertEqual(try readAll(reader).first?.data, members[1].data)
    }

    // MARK: Nesting and hostile names

    func testNestedZipReadThroughMemberSource() throws {
        let inner: [FixtureMember] = [.file("inner/secret.txt", "nested: 123-45-6789\n"), .file("inner/b.bin", bigContent(seed: 2))]
        let innerZip = try makeZip(inner)
        let outer: [FixtureMember] = [.file("readme.txt", "outer\n"), .file("nested.zip", innerZip), .file("after.txt", "after\n")]
        let outerZip = try makeZip(outer, deflated: true)

        let reader = try ArchiveReader(upstream: ChunkedByteSource(outerZip))
        var seen: [String] = []
        while let member = try reader.nextMember() {
            seen.append(member.path)
            guard member.path == "nested.zip" else { continue }
            // The member streams into a second reader: nothing is buffered whole.
            let innerReader = try ArchiveReader(upstream: reader.memberSource())
            assertMembers(try readAll(innerReader), inner)
            XCTAssertEqual(innerReader.compressedBytesRead, Int64(innerZip.count))
            XCTAssertEqual(reader.currentMemberBytesRead, Int64(innerZip.count))
        }
        XCTAssertEqual(seen, ["readme.txt", "nested.zip", "after.txt"], "the outer walk goes on after the nested one")
    }

    func testDotDotMemberNameIsReportedAsStoredAndNothingIsWritten() throws {
        let dir = try TempDir()
        let members: [FixtureMember] = [.file("../evil.txt", "escape attempt\n"), .file("/abs/evil2.txt", "absolute\n")]
        let cwd = FileManager.default.currentDirectoryPath
        for archive in [try makeZip(members), try makeTar(members)] {
            let reader = try ArchiveReader(upstream: MemoryByteSource(archive))
            let read = try readAll(reader)
            XCTAssertEqual(read.first?.path, "../evil.txt")
            XCTAssertEqual(read.first?.data, members[0].data)
            XCTAssertEqual(read.count, 2)
        }
        for base in [dir.url.path, cwd, (cwd as NSString).deletingLastPathComponent] {
            XCTAssertFalse(FileManager.default.fileExists(atPath: base + "/evil.txt"))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/abs/evil2.txt"))
    }

    func testTarSymlinkIsNotFollowed() throws {
        let members: [FixtureMember] = [
            .symlink("link-to-passwd", to: "/etc/passwd"),
            .file("real.txt", "real\n"),
        ]
        let reader = try ArchiveReader(upstream: MemoryByteSource(try makeTar(members)))
        let first = try XCTUnwrap(reader.nextMember())
        XCTAssertEqual(first.path, "link-to-passwd")
        XCTAssertEqual(first.kind, .symlink)
        var source = reader.memberSource()
        XCTAssertEqual(try drain(&source), [], "a symlink member has no data; its target is not read")
        let second = try XCTUnwrap(reader.nextMember())
        XCTAssertEqual(second.kind, .regular)
        var s2 = reader.memberSource()
        XCTAssertEqual(try drain(&s2), Array("real\n".utf8))
        XCTAssertNil(try reader.nextMember())
    }

    func testMemberSourceEndsWhenTheReaderMovesOn() throws {
        let members: [FixtureMember] = [.file("a.txt", "aaaa"), .file("b.txt", "bbbb")]
        let reader = try ArchiveReader(upstream: MemoryByteSource(try makeZip(members)))
        _ = try reader.nextMember()
        var stale = reader.memberSource()
        _ = try reader.nextMember()
        XCTAssertEqual(try drain(&stale), [], "a member's source does not read the next member")
        var current = reader.memberSource()
        XCTAssertEqual(try drain(&current), Array("bbbb".utf8))
    }

    // MARK: Damage

    func testTruncatedZipThrowsMalformedAfterGoodMembers() throws {
        let members: [FixtureMember] = [.file("a.txt", "intact first member\n"), .file("b.bin", bigContent(seed: 4))]
        let zip = try makeZip(members)
        // Cut in the middle of the second member's deflate data.
        let cut = Array(zip.prefix(zip.count / 2))
        for source in [MemoryByteSource(cut)] {
            let reader = try ArchiveReader(upstream: source)
            XCTAssertEqual(try reader.nextMember()?.path, "a.txt")
            var first = reader.memberSource()
            XCTAssertEqual(try drain(&first), members[0].data)
            XCTAssertEqual(try reader.nextMember()?.path, "b.bin")
            var second = reader.memberSource()
            XCTAssertThrowsError(try drain(&second)) { error in
                guard case .malformed(let detail)? = error as? ArchiveError else {
                    return XCTFail("expected .malformed, got \(error)")
                }
                XCTAssertFalse(detail.isEmpty)
            }
            // Every later call throws too: no crash, no garbage members.
            XCTAssertThrowsError(try reader.nextMember())
        }
    }

    func testCorruptTarHeaderThrowsMalformed() throws {
        let members: [FixtureMember] = [.file("a.txt", String(repeating: "A", count: 700)), .file("b.txt", "second\n")]
        var tar = try makeTar(members)
        // The second member's ustar header follows the first member's pax header,
        // header and data; find it by its name and break its checksum field.
        let name = Array("b.txt".utf8)
        let headerStart = try XCTUnwrap(stride(from: 512, to: tar.count - 512, by: 512).first { offset in
            Array(tar[offset..<offset + name.count]) == name
        })
        for k in 148..<156 { tar[headerStart + k] = UInt8(ascii: "9") }
        let reader = try ArchiveReader(upstream: MemoryByteSource(tar))
        XCTAssertEqual(try reader.nextMember()?.path, "a.txt")
        var first = reader.memberSource()
        XCTAssertEqual(try drain(&first), members[0].data)
        XCTAssertThrowsError(try reader.nextMember()) { error in
            guard case .malformed? = error as? ArchiveError else { return XCTFail("expected .malformed, got \(error)") }
        }
    }

    func testCorruptDeflateDataInTarGz() throws {
        let content = bigContent(seed: 8)
        var tgz = try makeTar([.file("a.bin", content)], compression: "gz")
        // Bytes 100..<164 are Huffman-coded text (the random tail is stored).
        for k in 100..<164 { tgz[k] ^= 0x5A }
        let gzip = try requireTool("gzip")
        XCTAssertNotEqual(try runTool(gzip, ["-t"], stdin: tgz).status, 0, "gzip -t confirms the damage")
        // libarchive inflates the first block to find the format: the error may
        // come from the initialiser or from a later read.
        XCTAssertThrowsError(try readAll(try ArchiveReader(upstream: MemoryByteSource(tgz)))) { error in
            guard case .malformed? = error as? ArchiveError else { return XCTFail("expected .malformed, got \(error)") }
        }
    }

    func testNotAnArchiveIsUnsupported() throws {
        let text = Array("just some text, not an archive\n".utf8)
        XCTAssertThrowsError(try ArchiveReader(upstream: MemoryByteSource(text))) { error in
            guard case .unsupported? = error as? ArchiveError else { return XCTFail("expected .unsupported, got \(error)") }
        }
    }

    func testEncryptedZipMember() throws {
        let members: [FixtureMember] = [.file("secret.txt", "encrypted text 123-45-6789\n")]
        let zip = try makeEncryptedZip(members, password: "hunter2")
        let reader = try ArchiveReader(upstream: MemoryByteSource(zip))
        let member = try XCTUnwrap(reader.nextMember())
        XCTAssertEqual(member.path, "secret.txt")
        XCTAssertTrue(member.isEncrypted)
        var source = reader.memberSource()
        XCTAssertThrowsError(try drain(&source)) { error in
            XCTAssertEqual(error as? ArchiveError, .encrypted)
        }
    }

    func testUpstreamErrorIsRethrownAsIs() throws {
        struct Failing: ByteSource {
            var inner: MemoryByteSource
            var budget: Int
            mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
                if budget <= 0 { throw ByteSourceError.readFailed(errno: 5) }
                let n = try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<min(buffer.count, budget)]))
                budget -= n
                return n
            }
        }
        let zip = try makeZip([.file("a.bin", bigContent(seed: 6))])
        let reader = try ArchiveReader(upstream: Failing(inner: MemoryByteSource(zip), budget: zip.count - 2_000))
        XCTAssertThrowsError(try readAll(reader)) { error in
            XCTAssertEqual(error as? ByteSourceError, .readFailed(errno: 5))
        }
        XCTAssertThrowsError(try reader.nextMember()) { error in
            XCTAssertEqual(error as? ByteSourceError, .readFailed(errno: 5), "later calls throw the same error")
        }
        XCTAssertThrowsError(try ArchiveReader(upstream: Failing(inner: MemoryByteSource(zip), budget: 0))) { error in
            XCTAssertEqual(error as? ByteSourceError, .readFailed(errno: 5), "an error while opening")
        }
    }

    func testEmptyInputHasNoMembers() throws {
        let reader = try ArchiveReader(upstream: MemoryByteSource([]))
        XCTAssertNil(try reader.nextMember())
        XCTAssertEqual(reader.memberCount, 0)
    }
}
