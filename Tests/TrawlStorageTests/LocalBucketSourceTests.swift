// The local bucket tree: buckets are the root's directories, keys are '/'-joined paths,
// the order is S3's (key bytes), and nothing but regular files is ever opened.

import XCTest
import Foundation
@testable import TrawlStorage

final class LocalBucketSourceTests: XCTestCase {
    var root: String!

    override func setUpWithError() throws {
        root = NSTemporaryDirectory() + "trawl-src-\(UUID().uuidString)"
        let fm = FileManager.default
        for dir in ["b1/a", "b1/a.b", "b2", "b1/a/deep"] {
            try fm.createDirectory(atPath: root + "/" + dir, withIntermediateDirectories: true)
        }
        for (path, body) in [("b1/a/x.txt", "x"), ("b1/a.txt", "at"), ("b1/a.b/y", "yy"), ("b1/a/deep/z", "zzz"),
                             ("b2/k", "k"), ("loose.txt", "loose")] {
            try body.write(toFile: root + "/" + path, atomically: false, encoding: .utf8)
        }
        XCTAssertEqual(mkfifo(root + "/b2/fifo", 0o644), 0)
        try fm.createSymbolicLink(atPath: root + "/b2/link", withDestinationPath: root + "/b1/a.txt")
        try fm.createSymbolicLink(atPath: root + "/b3", withDestinationPath: root + "/b1")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: root)
    }

    func testListsBucketsAndKeysInS3KeyOrder() throws {
        let refs = Array(try LocalBucketSource(root: root).makeIterator())
        let names = refs.map { ($0.bucket ?? "-") + ":" + $0.key }
        // S3 orders by key bytes: "a.b/y" < "a.txt" < "a/deep/z" < "a/x.txt" ('.' 0x2E < '/' 0x2F).
        XCTAssertEqual(names, ["b1:a.b/y", "b1:a.txt", "b1:a/deep/z", "b1:a/x.txt",
                               "b2:fifo", "b2:k", "b2:link", "-:b3", "-:loose.txt"])
        XCTAssertEqual(refs.first { $0.key == "a/deep/z" }?.size, 3)
    }

    func testNonRegularFilesAreListedWithTheirKindAndNeverOpened() throws {
        let source = LocalBucketSource(root: root)
        let refs = Array(try source.makeIterator())
        let fifo = try XCTUnwrap(refs.first { $0.key == "fifo" })
        XCTAssertEqual(fifo.kind, .fifo)
        XCTAssertThrowsError(try source.open(fifo)) { XCTAssertEqual($0 as? ObjectOpenError, .notARegularFile) }
        let link = try XCTUnwrap(refs.first { $0.key == "link" })
        XCTAssertEqual(link.kind, .symbolicLink)
        XCTAssertThrowsError(try source.open(link)) { XCTAssertEqual($0 as? ObjectOpenError, .notARegularFile) }
        // A symlinked directory at the root is not a bucket and is not descended into.
        XCTAssertEqual(refs.first { $0.key == "b3" }?.kind, .symbolicLink)
        XCTAssertFalse(refs.contains { $0.bucket == "b3" })
    }

    func testOpenRefusesAFileSwappedForASymlinkAfterListing() throws {
        let source = LocalBucketSource(root: root)
        let ref = try XCTUnwrap(Array(try source.makeIterator()).first { $0.key == "k" })
        try FileManager.default.removeItem(atPath: root + "/b2/k")
        try FileManager.default.createSymbolicLink(atPath: root + "/b2/k", withDestinationPath: root + "/b1/a.txt")
        XCTAssertThrowsError(try source.open(ref)) { XCTAssertEqual($0 as? ObjectOpenError, .notARegularFile) }
    }

    func testReadsTheWholeFile() throws {
        let source = LocalBucketSource(root: root)
        let ref = try XCTUnwrap(Array(try source.makeIterator()).first { $0.key == "a/deep/z" })
        let stream = try source.open(ref)
        var buf = [UInt8](repeating: 0, count: 16)
        let n = try buf.withUnsafeMutableBytes { try stream.read(into: $0) }
        XCTAssertEqual(Array(buf[..<n]), Array("zzz".utf8))
        XCTAssertEqual(try buf.withUnsafeMutableBytes { try stream.read(into: $0) }, 0)
        stream.close()
    }

    func testVersionTokenChangesWithContent() throws {
        let source = LocalBucketSource(root: root)
        let before = try XCTUnwrap(Array(try source.makeIterator()).first { $0.key == "k" }).versionToken
        try "changed".write(toFile: root + "/b2/k", atomically: false, encoding: .utf8)
        let after = try XCTUnwrap(Array(try source.makeIterator()).first { $0.key == "k" }).versionToken
        XCTAssertNotEqual(before, after)
    }

    func testAMissingRootIsAnError() {
        XCTAssertThrowsError(try LocalBucketSource(root: root + "/nope").makeIterator())
    }
}
