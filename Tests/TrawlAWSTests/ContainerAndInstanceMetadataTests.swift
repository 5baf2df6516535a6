// ECS container credentials and EC2 IMDSv2 against the fixture server on 127.0.0.1, which
// checks the authorization token and the IMDSv2 session token (401 without it) and serves
// credentials documents; plus caching, refresh before expiration, and concurrent callers.
import Foundation
import Synchronization
import XCTest
@testable import TrawlAWS
import TrawlTestSupport

final class ContainerAndInstanceMetadataTests: XCTestCase {
    var server: FixtureServer?
    var dir: URL?

    override func tearDown() {
        server?.stop()
        server = nil
        if let dir { try? FileManager.default.removeItem(at: dir) }
    }

    let http = AWSHTTPClient(timeout: 5)

    // MARK: IMDSv2

    func testIMDSv2TokenThenRoleThenCredentials() throws {
        let s = try FixtureServer.start(["mode": "imds"])
        server = s
        let provider = InstanceMetadataCredentialsProvider(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": s.baseURL + "/"],
                                                           http: http, timeout: 5)
        let creds = try XCTUnwrap(provider.credentials())
        XCTAssertEqual(creds.accessKeyId, "ASIAFIXTURE1")
        XCTAssertEqual(creds.secretAccessKey, "fixture-secret")
        XCTAssertEqual(creds.sessionToken, "fixture-session-token")
        let expiration = try XCTUnwrap(creds.expiration)
        XCTAssertEqual(expiration.timeIntervalSinceNow, 3600, accuracy: 120)

        let log = s.requests
        XCTAssertEqual(log.map { "\($0["method"]!) \($0["path"]!)" }, [
            "PUT /latest/api/token",
            "GET /latest/meta-data/iam/security-credentials/",
            "GET /latest/meta-data/iam/security-credentials/trawl-role",
        ])
        let headers = log.map { $0["headers"] as? [String: String] ?? [:] }
        XCTAssertEqual(headers[0]["x-aws-ec2-metadata-token-ttl-seconds"], "21600")
        XCTAssertEqual(headers[1]["x-aws-ec2-metadata-token"], "imds-token-1")
        XCTAssertEqual(headers[2]["x-aws-ec2-metadata-token"], "imds-token-1")
    }

    func testIMDSRejectedTokenIsAnErrorAndTheChainSaysSo() throws {
        let s = try FixtureServer.start(["mode": "imds", "reject_tokens": true])
        server = s
        let env = ["AWS_EC2_METADATA_SERVICE_ENDPOINT": s.baseURL, "HOME": "/nonexistent"]
        let provider = InstanceMetadataCredentialsProvider(environment: env, http: http, timeout: 5)
        XCTAssertThrowsError(try provider.credentials()) { error in
            XCTAssertTrue("\(error)".contains("HTTP 401"), "\(error)")
            XCTAssertEqual((error as? AWSCredentialError)?.source, "EC2 instance metadata")
        }
        // Last in the chain, its failure becomes part of "no credentials".
        let chain = try CredentialChain(environment: env, http: http)
        XCTAssertThrowsError(try chain.resolve()) { error in
            XCTAssertTrue(error is AWSNoCredentialsError, "\(error)")
            XCTAssertTrue("\(error)".contains("EC2 instance metadata (GET /latest/meta-data/iam/security-credentials/: HTTP 401)"), "\(error)")
        }
    }

    func testIMDSDisabled() throws {
        let s = try FixtureServer.start(["mode": "imds"])
        server = s
        let env = ["AWS_EC2_METADATA_SERVICE_ENDPOINT": s.baseURL, "AWS_EC2_METADATA_DISABLED": "true", "HOME": "/nonexistent"]
        XCTAssertNil(try InstanceMetadataCredentialsProvider(environment: env, http: http).credentials())
        XCTAssertThrowsError(try CredentialChain(environment: env, http: http).resolve()) {
            XCTAssertTrue($0 is AWSNoCredentialsError, "\($0)")
            XCTAssertTrue("\($0)".contains("EC2 instance metadata (disabled by AWS_EC2_METADATA_DISABLED)"), "\($0)")
        }
        XCTAssertEqual(s.requests.count, 0)
    }

    func testCachingRefreshAndConcurrentCallers() throws {
        let s = try FixtureServer.start(["mode": "imds", "expires_in": 3600])
        server = s
        let provider = InstanceMetadataCredentialsProvider(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": s.baseURL],
                                                           http: http, timeout: 5)
        let chain = CredentialChain(providers: [provider], refreshMargin: 300)
        let keys = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let key = (try? chain.resolve().accessKeyId) ?? "error"
            keys.withLock { $0.append(key) }
        }
        XCTAssertEqual(keys.withLock { $0 }, Array(repeating: "ASIAFIXTURE1", count: 8))
        XCTAssertEqual(s.requests.filter { ($0["path"] as? String)?.hasSuffix("/trawl-role") == true }.count, 1)
        XCTAssertEqual(chain.currentSource, "EC2 instance metadata")

        // Credentials expiring within the refresh margin are fetched again at the next call.
        let soon = CredentialChain(providers: [provider], refreshMargin: 7200)
        XCTAssertEqual(try soon.resolve().accessKeyId, "ASIAFIXTURE2")
        XCTAssertEqual(try soon.resolve().accessKeyId, "ASIAFIXTURE3")
        // A clock past the refresh point refreshes too.
        let clock = Mutex<Date>(Date())
        let timed = CredentialChain(providers: [provider], refreshMargin: 300, now: { clock.withLock { $0 } })
        XCTAssertEqual(try timed.resolve().accessKeyId, "ASIAFIXTURE4")
        XCTAssertEqual(try timed.resolve().accessKeyId, "ASIAFIXTURE4")
        clock.withLock { $0 = $0.addingTimeInterval(3400) }
        XCTAssertEqual(try timed.resolve().accessKeyId, "ASIAFIXTURE5")
    }

    // MARK: ECS

    func testContainerCredentialsWithAuthorizationToken() throws {
        let s = try FixtureServer.start(["mode": "ecs", "auth_token": "Bearer ecs-auth-123"])
        server = s
        let env = ["AWS_CONTAINER_CREDENTIALS_FULL_URI": s.baseURL + "/creds",
                   "AWS_CONTAINER_AUTHORIZATION_TOKEN": "Bearer ecs-auth-123"]
        let creds = try XCTUnwrap(ContainerCredentialsProvider(environment: env, http: http).credentials())
        XCTAssertEqual(creds.accessKeyId, "ASIAFIXTURE1")
        XCTAssertNotNil(creds.expiration)
        XCTAssertEqual((s.requests.first?["headers"] as? [String: String])?["authorization"], "Bearer ecs-auth-123")

        // The token file wins over the variable.
        let d = try Fixture.tempDirectory()
        dir = d
        let tokenFile = d.appendingPathComponent("token")
        try Fixture.write("Bearer ecs-auth-123\n", to: tokenFile)
        var fileEnv = env
        fileEnv["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "wrong"
        fileEnv["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = tokenFile.path
        XCTAssertEqual(try ContainerCredentialsProvider(environment: fileEnv, http: http).credentials()?.accessKeyId,
                       "ASIAFIXTURE2")

        // A wrong token: an error naming the source and the status, not the token.
        var bad = env
        bad["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "Bearer not-the-one"
        let fast = RetryPolicy(base: 0.01, cap: 0.01, maxAttempts: 2, noProgressDeadline: 5)
        XCTAssertThrowsError(try ContainerCredentialsProvider(environment: bad, http: http, retry: fast).credentials()) { error in
            XCTAssertEqual((error as? AWSCredentialError)?.source, "container credentials")
            XCTAssertTrue("\(error)".contains("HTTP 401"), "\(error)")
            XCTAssertFalse("\(error)".contains("not-the-one"), "\(error)")
        }
        // In the chain the container source, once configured, decides.
        var chainEnv = env
        chainEnv["HOME"] = "/nonexistent"
        let chain = try CredentialChain(environment: chainEnv, http: http)
        XCTAssertEqual(try chain.resolve().accessKeyId, "ASIAFIXTURE3")
        XCTAssertEqual(chain.currentSource, "container credentials")
    }

    func testContainerEndpointRules() throws {
        XCTAssertEqual(try ContainerCredentialsProvider.endpoint(environment: [
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc-123"])?.absoluteString,
                       "http://169.254.170.2/v2/credentials/abc-123")
        for allowed in ["http://127.0.0.1:8080/creds", "http://127.1.2.3/x", "http://localhost/x", "http://[::1]:9/x",
                        "http://169.254.170.23/v1/credentials", "https://creds.example.com/x"] {
            XCTAssertNotNil(try ContainerCredentialsProvider.endpoint(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": allowed]),
                            allowed)
        }
        for refused in ["http://example.com/creds", "http://10.0.0.1/creds", "http://169.254.169.254/latest", "ftp://127.0.0.1/x"] {
            XCTAssertThrowsError(try ContainerCredentialsProvider.endpoint(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": refused]),
                                 refused)
        }
        XCTAssertNil(try ContainerCredentialsProvider.endpoint(environment: [:]))
    }
}
