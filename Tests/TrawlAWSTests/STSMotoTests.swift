// STS against moto_server (from the .venv `make venv` builds), started on a free port of
// 127.0.0.1 for this class and stopped by PID: GetCallerIdentity (moto's default account
// 123456789012), AssumeRole through role_arn profiles (one and two hops), and
// AssumeRoleWithWebIdentity from a token file, each checked by asking STS who the
// resulting credentials are.
import Foundation
import XCTest
@testable import TrawlAWS
import TrawlTestSupport

final class STSMotoTests: XCTestCase {
    nonisolated(unsafe) static var moto: ChildProcess?
    nonisolated(unsafe) static var endpoint: String = ""
    var dir: URL!

    override class func setUp() {
        super.setUp()
        guard FileManager.default.isExecutableFile(atPath: Fixture.motoServer),
              let port = try? Fixture.freePort(), let logDir = try? Fixture.tempDirectory() else { return }
        guard let child = try? ChildProcess(Fixture.motoServer, ["-H", "127.0.0.1", "-p", String(port)],
                                            log: logDir.appendingPathComponent("moto.log")) else { return }
        moto = child
        endpoint = "http://127.0.0.1:\(port)"
    }

    override class func tearDown() {
        moto?.stop()
        moto = nil
        super.tearDown()
    }

    override func setUpWithError() throws {
        try Fixture.requireVenv(Fixture.motoServer)
        let moto = try XCTUnwrap(Self.moto, "moto_server did not start")
        try moto.waitUntilAnswering(URL(string: Self.endpoint + "/moto-api/")!, within: 60)
        dir = try Fixture.tempDirectory()
    }

    override func tearDownWithError() throws {
        if let dir { try? FileManager.default.removeItem(at: dir) }
    }

    var baseEnvironment: [String: String] {
        ["HOME": dir.path, "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL_STS": Self.endpoint,
         "AWS_EC2_METADATA_DISABLED": "true",
         "AWS_CONFIG_FILE": dir.appendingPathComponent("config").path,
         "AWS_SHARED_CREDENTIALS_FILE": dir.appendingPathComponent("credentials").path]
    }

    func sts(_ env: [String: String]) throws -> STSClient {
        try STSClient(configuration: AWSClientConfiguration(environment: env), http: AWSHTTPClient(timeout: 10))
    }

    func testGetCallerIdentity() throws {
        let env = baseEnvironment
        let client = try sts(env)
        XCTAssertEqual(client.endpoint.absoluteString, Self.endpoint)
        let identity = try client.getCallerIdentity(credentials: AWSCredentials(accessKeyId: "AKIAIOSFODNN7EXAMPLE",
                                                                                secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
        XCTAssertEqual(identity.account, "123456789012")
        XCTAssertTrue(identity.arn.hasPrefix("arn:aws:sts::123456789012:"), identity.arn)
        XCTAssertFalse(identity.userId.isEmpty)
    }

    func testAssumeRoleThroughProfiles() throws {
        try Fixture.write("""
            [base]
            aws_access_key_id = AKIAIOSFODNN7EXAMPLE
            aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
            """, to: dir.appendingPathComponent("credentials"))
        try Fixture.write("""
            [profile scanner]
            role_arn = arn:aws:iam::123456789012:role/trawl-scanner
            source_profile = base
            role_session_name = trawl-test
            external_id = ext-42
            duration_seconds = 900
            [profile from-env]
            role_arn = arn:aws:iam::123456789012:role/trawl-env-role
            credential_source = Environment
            role_session_name = from-env
            [profile second-hop]
            role_arn = arn:aws:iam::123456789012:role/trawl-publisher
            source_profile = scanner
            role_session_name = hop2
            """, to: dir.appendingPathComponent("config"))
        let env = baseEnvironment
        let chain = try CredentialChain(environment: env, profile: "scanner")
        let creds = try chain.resolve()
        XCTAssertEqual(chain.currentSource, "profile scanner")
        XCTAssertNotEqual(creds.accessKeyId, "AKIAIOSFODNN7EXAMPLE")
        XCTAssertNotNil(creds.sessionToken)
        let expiration = try XCTUnwrap(creds.expiration)
        XCTAssertEqual(expiration.timeIntervalSinceNow, 900, accuracy: 120)
        let identity = try sts(env).getCallerIdentity(credentials: creds)
        XCTAssertEqual(identity.account, "123456789012")
        XCTAssertEqual(identity.arn, "arn:aws:sts::123456789012:assumed-role/trawl-scanner/trawl-test")

        var withKeys = env
        withKeys["AWS_ACCESS_KEY_ID"] = "AKIAIOSFODNN7EXAMPLE"
        withKeys["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
        let fromEnv = try CredentialChain(environment: withKeys, profile: "from-env").resolve()
        XCTAssertEqual(try sts(env).getCallerIdentity(credentials: fromEnv).arn,
                       "arn:aws:sts::123456789012:assumed-role/trawl-env-role/from-env")

        let hop2 = try CredentialChain(environment: env, profile: "second-hop").resolve()
        XCTAssertEqual(try sts(env).getCallerIdentity(credentials: hop2).arn,
                       "arn:aws:sts::123456789012:assumed-role/trawl-publisher/hop2")
    }

    func testAssumeRoleWithWebIdentityFromTokenFile() throws {
        let tokenFile = dir.appendingPathComponent("token")
        try Fixture.write("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6dHJhd2w6c2Nhbm5lciJ9.c2ln\n", to: tokenFile)
        var env = baseEnvironment
        env["AWS_WEB_IDENTITY_TOKEN_FILE"] = tokenFile.path
        env["AWS_ROLE_ARN"] = "arn:aws:iam::123456789012:role/trawl-irsa"
        env["AWS_ROLE_SESSION_NAME"] = "irsa-session"
        let chain = try CredentialChain(environment: env)
        let creds = try chain.resolve()
        XCTAssertEqual(chain.currentSource, "web identity")
        XCTAssertNotNil(creds.sessionToken)
        XCTAssertNotNil(creds.expiration)
        XCTAssertEqual(try sts(env).getCallerIdentity(credentials: creds).arn,
                       "arn:aws:sts::123456789012:assumed-role/trawl-irsa/irsa-session")

        // A missing token file is an error of the web identity source, naming the file.
        env["AWS_WEB_IDENTITY_TOKEN_FILE"] = dir.appendingPathComponent("absent").path
        XCTAssertThrowsError(try CredentialChain(environment: env).resolve()) { error in
            XCTAssertEqual((error as? AWSCredentialError)?.source, "web identity")
            XCTAssertTrue("\(error)".contains("absent"), "\(error)")
        }
    }
}
