// Retries against the fixture server on 127.0.0.1: 429 and 500 retried until a 200, a
// 400 InvalidInput not retried, a never-succeeding endpoint stopped by the attempt bound
// and by the no-progress deadline, transport failures classified.
import Foundation
import XCTest
@testable import TrawlAWS
import TrawlTestSupport

final class RetryPolicyTests: XCTestCase {
    var server: FixtureServer?

    override func tearDown() {
        server?.stop()
        server = nil
    }

    let fast = RetryPolicy(base: 0.01, cap: 0.05, maxAttempts: 5, noProgressDeadline: 30)

    func request(_ s: FixtureServer) -> AWSRequest {
        var r = AWSRequest(method: "POST", url: URL(string: s.baseURL + "/findings/import")!,
                           headers: [AWSHeader("Content-Type", "application/json")], body: Data("{}".utf8))
        SigV4Signer(service: "securityhub", region: "us-east-1")
            .sign(&r, credentials: AWSCredentials(accessKeyId: "AKIDTEST", secretAccessKey: "s"))
        return r
    }

    func testRetries429And500ThenSucceeds() throws {
        let s = try FixtureServer.start(["mode": "sequence", "responses": [
            ["status": 429, "body": #"{"__type":"TooManyRequestsException","message":"slow down"}"#],
            ["status": 500, "body": #"{"__type":"InternalException"}"#],
            ["status": 200, "body": #"{"FailedCount":0}"#],
        ]])
        server = s
        var prepared = 0
        let response = try AWSHTTPClient(timeout: 5).perform(operation: "securityhub BatchImportFindings", retry: fast) {
            prepared += 1
            return request(s)
        }
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(String(decoding: response.body, as: UTF8.self), #"{"FailedCount":0}"#)
        XCTAssertEqual(prepared, 3, "each attempt is signed afresh")
        let logged = s.requests
        XCTAssertEqual(logged.count, 3)
        XCTAssertTrue(((logged.first?["headers"] as? [String: String])?["authorization"] ?? "").hasPrefix("AWS4-HMAC-SHA256 "))
    }

    func testInvalidInputIsNotRetried() throws {
        let s = try FixtureServer.start(["mode": "sequence", "responses": [
            ["status": 400, "body": #"{"__type":"InvalidInputException","message":"Finding is invalid"}"#],
            ["status": 200],
        ]])
        server = s
        XCTAssertThrowsError(try AWSHTTPClient(timeout: 5).perform(operation: "securityhub BatchImportFindings", retry: fast) {
            request(s)
        }) { error in
            let e = error as? AWSServiceError
            XCTAssertEqual(e?.status, 400)
            XCTAssertEqual(e?.code, "InvalidInputException")
            XCTAssertTrue("\(error)".contains("Finding is invalid"), "\(error)")
        }
        XCTAssertEqual(s.requests.count, 1)
    }

    func testAttemptBound() throws {
        let s = try FixtureServer.start(["mode": "sequence", "responses": [["status": 500]]])
        server = s
        let policy = RetryPolicy(base: 0.01, cap: 0.02, maxAttempts: 3, noProgressDeadline: 30)
        XCTAssertThrowsError(try AWSHTTPClient(timeout: 5).perform(operation: "x", retry: policy) { request(s) }) {
            XCTAssertEqual(($0 as? AWSServiceError)?.status, 500)
        }
        XCTAssertEqual(s.requests.count, 3)
    }

    func testDeadlineStopsANeverSucceedingEndpoint() throws {
        let s = try FixtureServer.start(["mode": "sequence", "responses": [
            ["status": 503, "body": "<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>"],
        ]])
        server = s
        let policy = RetryPolicy(base: 0.05, cap: 0.2, maxAttempts: 10_000, noProgressDeadline: 1.5)
        let start = Date()
        XCTAssertThrowsError(try AWSHTTPClient(timeout: 5).perform(operation: "s3 GetObject", retry: policy) { request(s) }) {
            XCTAssertEqual(($0 as? AWSServiceError)?.code, "SlowDown")
        }
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertGreaterThanOrEqual(elapsed, 1.0)
        XCTAssertLessThan(elapsed, 5)
        let count = s.requests.count
        XCTAssertGreaterThan(count, 2)
        XCTAssertLessThan(count, 200)
    }

    func testTransportFailures() throws {
        // Nothing listens on a port just freed: connection refused, retryable, retried.
        let port = try Fixture.freePort()
        let refused = AWSRequest(method: "GET", url: URL(string: "http://127.0.0.1:\(port)/")!)
        let policy = RetryPolicy(base: 0.01, cap: 0.02, maxAttempts: 2, noProgressDeadline: 10)
        XCTAssertThrowsError(try AWSHTTPClient(timeout: 2).perform(operation: "x", retry: policy) { refused }) { error in
            let e = error as? AWSTransportError
            XCTAssertEqual(e?.kind, .connectionFailed, "\(error)")
            XCTAssertEqual(e.map(RetryPolicy.isRetryable), true)
        }
        // A server slower than the timeout: a timeout, retryable.
        let s = try FixtureServer.start(["mode": "sequence", "responses": [["status": 200, "delay": 3]]])
        server = s
        XCTAssertThrowsError(try AWSHTTPClient(timeout: 0.5).send(request(s))) { error in
            XCTAssertEqual((error as? AWSTransportError)?.kind, .timeout, "\(error)")
            XCTAssertTrue(RetryPolicy.isRetryable(error))
        }
    }

    func testFullJitterBounds() {
        let p = RetryPolicy(base: 0.1, cap: 1, maxAttempts: 10, noProgressDeadline: 60)
        XCTAssertEqual(p.delay(beforeRetry: 1, random: { $0.upperBound }), 0.2, accuracy: 1e-9)
        XCTAssertEqual(p.delay(beforeRetry: 2, random: { $0.upperBound }), 0.4, accuracy: 1e-9)
        XCTAssertEqual(p.delay(beforeRetry: 9, random: { $0.upperBound }), 1, accuracy: 1e-9)
        XCTAssertEqual(p.delay(beforeRetry: 3, random: { $0.lowerBound }), 0)
        for retry in 1...20 {
            let d = p.delay(beforeRetry: retry)
            XCTAssertTrue(d >= 0 && d <= 1)
        }
    }

    /// AssumeRoleWithWebIdentity goes unsigned; the XML answer (hand-made in the shape of the
    /// STS API reference's example) becomes credentials with their expiration.
    func testWebIdentityCallIsUnsignedAndParsed() throws {
        let s = try FixtureServer.start(["mode": "sequence", "responses": [["status": 200, "body": """
            <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleWithWebIdentityResult>
                <Credentials>
                  <SessionToken>AQoDYXdzEE0a8ANXXXXXXXXNO1ewxE5TijQyp+IEXAMPLE</SessionToken>
                  <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
                  <Expiration>2014-10-24T23:00:23Z</Expiration>
                  <AccessKeyId>ASgeIAIOSFODNN7EXAMPLE</AccessKeyId>
                </Credentials>
                <AssumedRoleUser>
                  <Arn>arn:aws:sts::123456789012:assumed-role/FederatedWebIdentityRole/app1</Arn>
                  <AssumedRoleId>AROACLKWSDQRAOEXAMPLE:app1</AssumedRoleId>
                </AssumedRoleUser>
              </AssumeRoleWithWebIdentityResult>
            </AssumeRoleWithWebIdentityResponse>
            """]]])
        server = s
        let sts = STSClient(endpoint: URL(string: s.baseURL)!, region: "us-east-1", http: AWSHTTPClient(timeout: 5))
        let role = try sts.assumeRoleWithWebIdentity(roleArn: "arn:aws:iam::123456789012:role/FederatedWebIdentityRole",
                                                     sessionName: "app1", webIdentityToken: "eyJ.token")
        XCTAssertEqual(role.credentials.accessKeyId, "ASgeIAIOSFODNN7EXAMPLE")
        XCTAssertEqual(role.credentials.expiration, Date(timeIntervalSince1970: 1_414_191_623))
        XCTAssertEqual(role.assumedRoleArn, "arn:aws:sts::123456789012:assumed-role/FederatedWebIdentityRole/app1")
        let logged = try XCTUnwrap(s.requests.first)
        let headers = logged["headers"] as? [String: String] ?? [:]
        XCTAssertNil(headers["authorization"])
        XCTAssertEqual(logged["path"] as? String, "/")
        let body = logged["body"] as? String ?? ""
        XCTAssertTrue(body.hasPrefix("Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2FFederatedWebIdentityRole"), body)
        XCTAssertTrue(body.contains("WebIdentityToken=eyJ.token"), body)
    }
}
