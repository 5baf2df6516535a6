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
}
