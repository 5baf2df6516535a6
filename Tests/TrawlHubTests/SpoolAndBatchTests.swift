// The spool keeps every finding not yet accepted, across runs and crashes; batches stay
// within BatchImportFindings' limits (100 findings, 240 KB per finding); a finding's
// Id is read and its UpdatedAt / RecordState replaced without touching the rest.

import Foundation
import XCTest
@testable import TrawlHub

final class SpoolAndBatchTests: XCTestCase {
    var directory = ""

    override func setUp() {
        directory = NSTemporaryDirectory() + "trawl-spool-\(UUID().uuidString)"
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func finding(_ id: String, padding: Int = 0) -> [UInt8] {
        Array(#"{"Id":"\#(id)","ProductArn":"arn:aws:securityhub:eu-west-1:111122223333:product/111122223333/default","AwsAccountId":"111122223333","UpdatedAt":"2024-01-01T00:00:00.000Z","Title":"\#(String(repeating: "x", count: padding))"}"#.utf8)
    }

    func testStoreSettleAndLeftoversAcrossRuns() throws {
        let spool = try FindingSpool(directory: directory)
        let a = try spool.store([finding("a"), finding("b"), finding("c")])
        let b = try spool.store([finding("d")])
        XCTAssertEqual(try spool.pending(), [a, b])
        XCTAssertEqual(try spool.load(a), [finding("a"), finding("b"), finding("c")])
        XCTAssertEqual(try spool.count(), 4)

        // The hub refused "b": only it stays.
        try spool.settle(a, keeping: [finding("b")])
        XCTAssertEqual(try spool.load(a), [finding("b")])
        try spool.settle(b, keeping: [])
        XCTAssertEqual(try spool.pending(), [a])

        // A later run on the same directory sees what is left, and not a half-written file.
        try Data("{".utf8).write(to: URL(fileURLWithPath: directory + "/.batch-x.jsonl.tmp"))
        let later = try FindingSpool(directory: directory)
        XCTAssertEqual(try later.pending(), [a])
        XCTAssertEqual(try later.count(), 1)
        let c = try later.store([finding("e")])
        XCTAssertEqual(try later.pending(), [a, c], "older batches first")
    }

    func testAnUnwritableSpoolIsAnError() throws {
        try Data().write(to: URL(fileURLWithPath: directory))   // a file where the directory should be
        XCTAssertThrowsError(try FindingSpool(directory: directory))
    }

    func testBatchesOfAtMostOneHundredAndTooLargeFindings() {
        var batcher = FindingBatcher()
        var sizes: [Int] = []
        for i in 0..<250 {
            if case .batch(let b) = batcher.add(finding("f\(i)")) { sizes.append(b.count) }
        }
        if let rest = batcher.flush() { sizes.append(rest.count) }
        XCTAssertEqual(sizes, [100, 100, 50])
        XCTAssertNil(batcher.flush())

        let big = finding("big", padding: FindingBatcher.maxFindingBytes)
        guard case .tooLarge = batcher.add(big) else { return XCTFail("a finding over 240 KB must not be sent") }
        guard case .queued = batcher.add(finding("small", padding: 200 * 1024)) else { return XCTFail("200 KB is allowed") }
    }

    func testIdentityAndUpdatedFields() throws {
        let f = finding("arn:trawl:abc")
        let identity = try FindingDocument.identity(f)
        XCTAssertEqual(identity.id, "arn:trawl:abc")
        XCTAssertEqual(identity.accountId, "111122223333")
        let updated = try FindingDocument.updated(f, updatedAt: "2026-11-29T10:00:00.000Z", recordState: "ARCHIVED")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(updated)) as? [String: String])
        XCTAssertEqual(object["UpdatedAt"], "2026-11-29T10:00:00.000Z")
        XCTAssertEqual(object["RecordState"], "ARCHIVED")
        XCTAssertEqual(object["Id"], "arn:trawl:abc")
        XCTAssertEqual(object.count, 6)
        XCTAssertThrowsError(try FindingDocument.identity(Array("[1]".utf8)))
        XCTAssertThrowsError(try FindingDocument.identity(Array(#"{"Id":"x"}"#.utf8)))
        XCTAssertEqual(FindingDocument.timestamp(Date(timeIntervalSince1970: 1_700_000_000.25)), "2023-11-14T22:13:20.250Z")
    }
}
