// A large text split across threads must give exactly the result of one sequential
// scan: the same counts, occurrences, lines, columns and offsets.

import Foundation
import XCTest
import TrawlTestSupport
import TrawlDetectors
import TrawlFindings
import TrawlStorage
@testable import TrawlScan

final class SplitTextScannerTests: XCTestCase {
    func testSplitScanEqualsSequentialScan() throws {
        let root = NSTemporaryDirectory() + "trawl-split-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root + "/b", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        // ~2 MB of lines, some long, with multi-byte characters and values planted
        // everywhere (made-up, checksum-valid: 4556 9542 5550 3490, SSN 219-48-5231).
        var text = ""
        var rng = SplitMix64(seed: 3)
        var line = 0
        while text.utf8.count < 2_000_000 {
            line += 1
            switch rng.next() % 6 {
            case 0: text += "visa card number 4556 9542 5550 3490 for order \(line)\n"
            case 1: text += "naïve café — ssn: 219-48-5231 (employee \(line))\n"
            case 2: text += String(repeating: "ünïcödé filler ", count: Int(rng.next() % 400)) + "\n"
            case 3: text += "contact first.last\(line)@corp-mail.io ok\n"
            default: text += "2024-03-11T08:15:22Z INFO request \(line) served in \(rng.next() % 900) ms\n"
            }
        }
        try text.write(toFile: root + "/b/big.log", atomically: false, encoding: .utf8)

        let source = LocalBucketSource(root: root)
        let ref = try XCTUnwrap(Array(try source.makeIterator()).first)
        let set = try DetectorSet(try DetectorLoader.load())
        func scan(parts: Int) -> ClassificationResult {
            ObjectScanner(source: source, set: set, limits: ObjectLimits(), chunkSize: 64 << 10, parts: parts,
                          splitThreshold: 1 << 20).classify(ref)
        }
        let sequential = scan(parts: 1)
        XCTAssertGreaterThan(sequential.sensitiveData.count, 1)
        for parts in [2, 3, 7] {
            let split = scan(parts: parts)
            XCTAssertEqual(split.status, sequential.status)
            XCTAssertEqual(split.sizeClassified, sequential.sizeClassified, "parts \(parts)")
            XCTAssertEqual(split.sensitiveData, sequential.sensitiveData, "parts \(parts)")
        }
    }

    /// The scan's last object (ScanRunner's `last`) is split from 4 MiB on, the others
    /// from the usual 32 MiB; both ways give the same result.
    func testTheLastObjectIsSplitFromALowerSize() throws {
        let root = NSTemporaryDirectory() + "trawl-split-last-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root + "/b", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        var text = ""
        var line = 0
        while text.utf8.count < 5 << 20 {
            line += 1
            text += line % 97 == 0 ? "ssn: 219-48-5231 (employee \(line))\n" : "2024-03-11T08:15:22Z INFO request \(line) served\n"
        }
        try text.write(toFile: root + "/b/big.log", atomically: false, encoding: .utf8)
        let source = LocalBucketSource(root: root)
        let ref = try XCTUnwrap(Array(try source.makeIterator()).first)
        let scanner = ObjectScanner(source: source, set: try DetectorSet(try DetectorLoader.load()), limits: ObjectLimits(),
                                    chunkSize: 64 << 10, parts: 2)
        let whole = scanner.classify(ref)
        XCTAssertEqual(scanner.splitter.splitObjects, 0)
        let split = scanner.classify(ref, last: true)
        XCTAssertEqual(scanner.splitter.splitObjects, 1)
        XCTAssertEqual(split.sensitiveData, whole.sensitiveData)
        XCTAssertEqual(whole.sensitiveData.first?.totalCount, line / 97)
    }

    /// The shared listing reads one object ahead, so it can say which object in scope is
    /// the last; objects out of scope after it do not hide that.
    func testTheListingMarksTheLastObjectInScope() {
        func ref(_ key: String) -> ObjectRef {
            ObjectRef(bucket: "b", key: key, size: 1, lastModified: 0, kind: .regular, location: "/b/" + key, versionToken: "v")
        }
        var scope = ObjectScope()
        scope.exclude = ["*.tmp"]
        let listing = Listing(AnyIterator([ref("a.log"), ref("x.tmp"), ref("b.log"), ref("y.tmp")].makeIterator()),
                              scope: scope)
        let first = listing.next(), second = listing.next()
        XCTAssertEqual(first.map { "\($0.0) \($0.1.key) \($0.last)" }, "0 a.log false")
        XCTAssertEqual(second.map { "\($0.0) \($0.1.key) \($0.last)" }, "1 b.log true")
        XCTAssertNil(listing.next())
        XCTAssertEqual(listing.outOfScope, 2)
        XCTAssertNil(Listing(AnyIterator([ObjectRef]().makeIterator())).next())
    }
}
