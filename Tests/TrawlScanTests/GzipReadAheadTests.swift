// A large gzip object is inflated on its own thread: what it finds must equal what the
// same text finds uncompressed, and a cut stream must still end PARTIAL / MALFORMED_FILE.

import Foundation
import XCTest
import TrawlDetectors
import TrawlFindings
import TrawlStorage
import TrawlTestSupport
@testable import TrawlScan

final class GzipReadAheadTests: XCTestCase {
    func testLargeGzipEqualsItsPlainText() throws {
        let root = NSTemporaryDirectory() + "trawl-gz-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root + "/b", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        // Pseudo-random words compress poorly, so the .gz is well over the 1 MiB threshold.
        var rng = SplitMix64(seed: 9)
        var text = ""
        while text.utf8.count < 4_000_000 {
            for _ in 0..<12 { text += String(rng.next() % 1_000_000_007, radix: 36) + " " }
            // 4556 9542 5550 3490 and 219-48-5231: made-up, checksum-valid values.
            text += rng.next() % 3 == 0 ? "visa card 4556 9542 5550 3490\n" : "ssn 219-48-5231\n"
        }
        try text.write(toFile: root + "/b/plain.log", atomically: false, encoding: .utf8)
        try text.write(toFile: root + "/b/packed.log", atomically: false, encoding: .utf8)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "cd \(root)/b && gzip -n packed.log && head -c 1500000 packed.log.gz > cut.log.gz"]
        try gzip.run()
        gzip.waitUntilExit()

        let source = LocalBucketSource(root: root)
        let refs = Array(try source.makeIterator())
        let set = try DetectorSet(try DetectorLoader.load())
        let scanner = ObjectScanner(source: source, set: set, limits: ObjectLimits(), chunkSize: 256 << 10, parts: 1)
        func result(_ key: String) throws -> ClassificationResult {
            scanner.classify(try XCTUnwrap(refs.first { $0.key == key }))
        }
        let packedRef = try XCTUnwrap(refs.first { $0.key == "packed.log.gz" })
        XCTAssertGreaterThan(packedRef.size, ObjectScanner.readAheadThreshold, "the read-ahead path is used")
        let plain = try result("plain.log")
        let packed = try result("packed.log.gz")
        XCTAssertEqual(packed.status, .complete)
        XCTAssertEqual(packed.sizeClassified, plain.sizeClassified)
        XCTAssertEqual(packed.sensitiveData, plain.sensitiveData)
        let cut = try result("cut.log.gz")
        XCTAssertEqual(cut.status.code, .partial)
        XCTAssertEqual(cut.status.reason, .malformedFile)
        XCTAssertGreaterThan(cut.sizeClassified, 1_000_000)
        XCTAssertLessThan(cut.sizeClassified, plain.sizeClassified)
    }
}
