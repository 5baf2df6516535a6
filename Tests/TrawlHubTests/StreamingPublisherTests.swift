// Back-pressure: while the hub does not answer, the hand-over queue fills and `submit`
// waits instead of growing memory; once publishing gives up, everything goes to the
// spool and nothing is lost. The "hub" is a port on 127.0.0.1 where nothing listens.

import Foundation
import XCTest
import TrawlAWS
import TrawlTestSupport
@testable import TrawlHub

final class StreamingPublisherTests: XCTestCase {
    static func finding(_ i: Int) -> [UInt8] {
        Array(#"{"Id":"f\#(i)","ProductArn":"arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default","AwsAccountId":"123456789012","UpdatedAt":"2024-01-01T00:00:00.000Z"}"#.utf8)
    }

    func testASilentHubSlowsTheSubmitterAndEverythingEndsInTheSpool() throws {
        let spoolDir = NSTemporaryDirectory() + "trawl-stream-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: spoolDir) }
        let port = try freeLocalPort()
        let client = SecurityHubClient(endpoint: URL(string: "http://127.0.0.1:\(port)")!, region: "us-east-1",
                                       credentials: StaticCredentialsProvider(AWSCredentials(accessKeyId: "AKIDEXAMPLE",
                                                                                             secretAccessKey: "secret")),
                                       http: AWSHTTPClient(timeout: 2))
        var options = FindingPublisher.Options()
        options.noProgressTimeout = 3
        let publisher = FindingPublisher(client: client, spool: try FindingSpool(directory: spoolDir), options: options)
        let streaming = StreamingPublisher(publisher: publisher, capacity: 100)

        final class Counter: @unchecked Sendable {
            let lock = NSLock()
            var value = 0
            func add() { lock.withLock { value += 1 } }
            var current: Int { lock.withLock { value } }
        }
        let submitted = Counter()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            for i in 0..<250 {
                streaming.submit(Self.finding(i))
                submitted.add()
            }
            done.signal()
        }
        Thread.sleep(forTimeInterval: 1.5)
        // One batch of 100 is being sent, at most 100 wait: the submitter is held back.
        XCTAssertLessThanOrEqual(submitted.current, 201, "submit must wait while the queue is full")
        XCTAssertEqual(done.wait(timeout: .now() + 30), .success, "after giving up, the rest goes to the spool")
        let report = streaming.finish()
        XCTAssertEqual(report.accepted, 0)
        XCTAssertEqual(report.leftInSpool, 250)
        XCTAssertNotNil(report.stopped)
    }
}
