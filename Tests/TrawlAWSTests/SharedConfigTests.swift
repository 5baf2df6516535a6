// The shared files (hand-made fixtures in the AWS CLI's documented format), region and
// endpoint resolution order, and the chain's choice among static sources.
import Foundation
import XCTest
@testable import TrawlAWS
import TrawlTestSupport

final class SharedConfigTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = try Fixture.tempDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    func env(config: String? = nil, credentials: String? = nil, _ extra: [String: String] = [:]) throws -> [String: String] {
        var e = ["HOME": dir.path]
        let configURL = dir.appendingPathComponent("config")
        let credsURL = dir.appendingPathComponent("credentials")
        if let config { try Fixture.write(config, to: configURL) }
        if let credentials { try Fixture.write(credentials, to: credsURL) }
        e["AWS_CONFIG_FILE"] = configURL.path
        e["AWS_SHARED_CREDENTIALS_FILE"] = credsURL.path
        return e.merging(extra) { _, new in new }
    }

    func testParsesProfilesCommentsAndSubProperties() throws {
        let config = """
            # a comment
            [default]
            region = eu-west-1   # inline comment
            output=json

            [profile dev]
            ; another comment
            region = us-east-2
            role_arn = arn:aws:iam::111122223333:role/dev
            source_profile = default
            s3 =
              max_concurrent_requests = 20
            [sso-session corp]
            sso_region = us-east-1
            [services local]
            s3 =
              endpoint_url = http://localhost:4566
            """
        let files = try SharedConfigFiles.parse(config, file: "config", isConfigFile: true)
        XCTAssertEqual(Set(files.profiles.keys), ["default", "dev"])
        XCTAssertEqual(files.profile("default")?["region"], "eu-west-1")
        XCTAssertEqual(files.profile("default")?["output"], "json")
        XCTAssertEqual(files.profile("dev")?["role_arn"], "arn:aws:iam::111122223333:role/dev")
        XCTAssertEqual(files.profile("dev")?["s3.max_concurrent_requests"], "20")
        XCTAssertNil(files.profile("corp"))
        XCTAssertNil(files.profile("local"))

        // In the credentials file "[dev]" is the profile; "[profile dev]" is not a prefix form.
        let creds = try SharedConfigFiles.parse("[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = s#ecret\n",
                                                file: "credentials", isConfigFile: false)
        XCTAssertEqual(creds.profile("dev")?["aws_access_key_id"], "AKIDDEV")
        XCTAssertEqual(creds.profile("dev")?["aws_secret_access_key"], "s#ecret")   // '#' not after a space
    }

    func testMalformedLineNamesFileAndLine() throws {
        let path = dir.appendingPathComponent("config").path
        for (text, line) in [("[default]\nregion = us-east-1\nthis is not a setting\n", 3),
                             ("region = us-east-1\n", 1),
                             ("[default\nregion = x\n", 1)] {
            let e = try env(config: text)
            XCTAssertThrowsError(try SharedConfigFiles.load(environment: e)) { error in
                guard let error = error as? SharedConfigError else { return XCTFail("\(error)") }
                XCTAssertEqual(error.file, path)
                XCTAssertEqual(error.line, line)
                XCTAssertTrue("\(error)".hasPrefix("\(path):\(line): "), "\(error)")
            }
        }
    }

    func testMissingFilesAreNotAnError() throws {
        let e = ["HOME": dir.path, "AWS_CONFIG_FILE": dir.appendingPathComponent("nope").path]
        let files = try SharedConfigFiles.load(environment: e)   // ~/.aws/credentials under HOME is absent too
        XCTAssertTrue(files.profiles.isEmpty)
        let config = try AWSClientConfiguration(environment: e)
        XCTAssertNil(config.region)
        let chain = CredentialChain(providers: [EnvironmentCredentialsProvider(environment: e),
                                                ProfileCredentialsProvider(configuration: config, http: AWSHTTPClient())])
        XCTAssertThrowsError(try chain.resolve()) { error in
            XCTAssertTrue(error is AWSNoCredentialsError, "\(error)")
            XCTAssertTrue("\(error)".contains("environment (not configured)"), "\(error)")
        }
    }

    func testDefaultFilesUnderHome() throws {
        let aws = dir.appendingPathComponent(".aws")
        try FileManager.default.createDirectory(at: aws, withIntermediateDirectories: true)
        try Fixture.write("[profile x]\nregion = sa-east-1\n", to: aws.appendingPathComponent("config"))
        try Fixture.write("[x]\naws_access_key_id = AKIDX\naws_secret_access_key = sx\n", to: aws.appendingPathComponent("credentials"))
        let config = try AWSClientConfiguration(environment: ["HOME": dir.path], profile: "x")
        XCTAssertEqual(config.region, "sa-east-1")
        let creds = try ProfileCredentialsProvider(configuration: config, http: AWSHTTPClient()).credentials()
        XCTAssertEqual(creds?.accessKeyId, "AKIDX")
    }

    func testCredentialsFileOverridesConfigFile() throws {
        let e = try env(config: "[profile p]\naws_access_key_id = FROMCONFIG\naws_secret_access_key = c\nregion = us-west-1\n",
                        credentials: "[p]\naws_access_key_id = FROMCREDS\naws_secret_access_key = k\naws_session_token = t\n")
        let config = try AWSClientConfiguration(environment: e, profile: "p")
        let creds = try XCTUnwrap(ProfileCredentialsProvider(configuration: config, http: AWSHTTPClient()).credentials())
        XCTAssertEqual(creds.accessKeyId, "FROMCREDS")
        XCTAssertEqual(creds.secretAccessKey, "k")
        XCTAssertEqual(creds.sessionToken, "t")
        XCTAssertEqual(config.region, "us-west-1")
    }

    func testProfileSelectionAndErrors() throws {
        let e = try env(credentials: "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = d\n[half]\naws_access_key_id = AKIDHALF\n")
        // AWS_PROFILE picks the profile; a missing explicit profile is an error naming it.
        let missing = try AWSClientConfiguration(environment: e.merging(["AWS_PROFILE": "nope"]) { _, n in n })
        XCTAssertEqual(missing.profileName, "nope")
        XCTAssertThrowsError(try ProfileCredentialsProvider(configuration: missing, http: AWSHTTPClient()).credentials()) {
            XCTAssertTrue("\($0)".contains("profile nope"), "\($0)")
        }
        let half = try AWSClientConfiguration(environment: e, profile: "half")
        XCTAssertThrowsError(try ProfileCredentialsProvider(configuration: half, http: AWSHTTPClient()).credentials()) {
            XCTAssertTrue("\($0)".contains("no aws_secret_access_key"), "\($0)")
        }
        let def = try AWSClientConfiguration(environment: e)
        XCTAssertEqual(try ProfileCredentialsProvider(configuration: def, http: AWSHTTPClient()).credentials()?.accessKeyId,
                       "AKIDDEFAULT")
    }

    func testSourceProfileCycleAndMissingSource() throws {
        let e = try env(config: """
            [profile a]
            role_arn = arn:aws:iam::123456789012:role/a
            source_profile = b
            [profile b]
            role_arn = arn:aws:iam::123456789012:role/b
            source_profile = a
            [profile c]
            role_arn = arn:aws:iam::123456789012:role/c
            source_profile = ghost
            [profile d]
            role_arn = arn:aws:iam::123456789012:role/d
            """)
        func failure(_ profile: String) throws -> String {
            let config = try AWSClientConfiguration(environment: e, profile: profile)
            do {
                _ = try ProfileCredentialsProvider(configuration: config, http: AWSHTTPClient()).credentials()
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        let a = try failure("a"), c = try failure("c"), d = try failure("d")
        XCTAssertTrue(a.contains("cycle: a -> b -> a"), a)
        XCTAssertTrue(c.contains("source_profile ghost"), c)
        XCTAssertTrue(d.contains("no source_profile"), d)
    }

    func testChainOrderEnvironmentFirst() throws {
        let e = try env(credentials: "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = f\n",
                        ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "e", "AWS_SESSION_TOKEN": "tok",
                         "AWS_EC2_METADATA_DISABLED": "true"])
        let chain = try CredentialChain(environment: e)
        let creds = try chain.resolve()
        XCTAssertEqual(creds.accessKeyId, "AKIDENV")
        XCTAssertEqual(creds.sessionToken, "tok")
        XCTAssertEqual(chain.currentSource, "environment")
        // --profile skips the environment's keys, as the AWS CLI does.
        let explicit = try CredentialChain(environment: e, profile: "default")
        XCTAssertEqual(try explicit.resolve().accessKeyId, "AKIDFILE")
        // Half a key pair in the environment is an error, not a fall-through.
        let half = try CredentialChain(environment: e.merging(["AWS_SECRET_ACCESS_KEY": ""]) { _, n in n })
        XCTAssertThrowsError(try half.resolve()) { error in
            XCTAssertEqual((error as? AWSCredentialError)?.source, "environment")
            XCTAssertFalse("\(error)".contains("tok"))
        }
    }

    func testRegionOrder() throws {
        let e = try env(config: "[default]\nregion = eu-central-1\n")
        XCTAssertEqual(try AWSClientConfiguration(environment: e).region, "eu-central-1")
        var e2 = e
        e2["AWS_DEFAULT_REGION"] = "us-west-2"
        XCTAssertEqual(try AWSClientConfiguration(environment: e2).region, "us-west-2")
        e2["AWS_REGION"] = "ap-south-1"
        XCTAssertEqual(try AWSClientConfiguration(environment: e2).region, "ap-south-1")
        XCTAssertEqual(try AWSClientConfiguration(environment: e2, region: "ca-central-1").region, "ca-central-1")
        XCTAssertThrowsError(try AWSClientConfiguration(environment: ["HOME": dir.path]).requireRegion())
    }

    func testEndpointOrder() throws {
        let e = try env(config: "[default]\nendpoint_url = http://profile.local:1\n")
        func endpoint(_ extra: [String: String], explicit: String? = nil, service: AWSService = .securityHub) throws -> String {
            try AWSClientConfiguration(environment: e.merging(extra) { _, n in n }, endpointURL: explicit)
                .endpoint(for: service, region: "eu-west-1").absoluteString
        }
        XCTAssertEqual(try endpoint([:]), "http://profile.local:1")
        XCTAssertEqual(try endpoint(["AWS_ENDPOINT_URL": "http://global.local:2"]), "http://global.local:2")
        XCTAssertEqual(try endpoint(["AWS_ENDPOINT_URL": "http://global.local:2",
                                     "AWS_ENDPOINT_URL_SECURITYHUB": "http://sh.local:3"]), "http://sh.local:3")
        XCTAssertEqual(try endpoint(["AWS_ENDPOINT_URL_SECURITYHUB": "http://sh.local:3"], explicit: "http://cli.local:4"),
                       "http://cli.local:4")
        XCTAssertEqual(try endpoint(["AWS_ENDPOINT_URL_STS": "http://sts.local:5"], service: .sts), "http://sts.local:5")
        XCTAssertEqual(try endpoint(["AWS_ENDPOINT_URL_S3": "http://s3.local:6"], service: .s3), "http://s3.local:6")
        XCTAssertEqual(try endpoint(["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"]),
                       "https://securityhub.eu-west-1.amazonaws.com")
        XCTAssertThrowsError(try endpoint(["AWS_ENDPOINT_URL": "not a url"]))
        // --endpoint-url names the main service's endpoint, not STS's.
        let config = try AWSClientConfiguration(environment: ["HOME": dir.path], endpointURL: "http://cli.local:4")
        XCTAssertEqual(try config.endpoint(for: .sts, region: "us-east-2", useExplicit: false).absoluteString,
                       "https://sts.us-east-2.amazonaws.com")
        XCTAssertEqual(AWSClientConfiguration.defaultEndpoint(for: .s3, region: "cn-north-1").absoluteString,
                       "https://s3.cn-north-1.amazonaws.com.cn")
    }

    func testServiceErrorParsing() {
        let json = AWSServiceError.parse(AWSHTTPResponse(
            status: 400, headers: ["x-amzn-RequestId": "r-1"],
            body: Data(#"{"__type":"com.amazonaws.securityhub#InvalidInputException","message":"bad finding"}"#.utf8)))
        XCTAssertEqual(json.code, "InvalidInputException")
        XCTAssertEqual(json.message, "bad finding")
        XCTAssertEqual(json.requestId, "r-1")
        XCTAssertFalse(RetryPolicy.isRetryable(json))

        let header = AWSServiceError.parse(AWSHTTPResponse(
            status: 400, headers: ["X-Amzn-ErrorType": "ThrottlingException:http://internal.amazon.com/coral/"],
            body: Data(#"{"Message":"Rate exceeded"}"#.utf8)))
        XCTAssertEqual(header.code, "ThrottlingException")
        XCTAssertEqual(header.message, "Rate exceeded")
        XCTAssertTrue(RetryPolicy.isRetryable(header))

        let xml = AWSServiceError.parse(AWSHTTPResponse(status: 403, headers: [:], body: Data("""
            <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to assume</Message></Error>
              <RequestId>abc-123</RequestId>
            </ErrorResponse>
            """.utf8)))
        XCTAssertEqual(xml.code, "AccessDenied")
        XCTAssertEqual(xml.message, "not authorized to assume")
        XCTAssertEqual(xml.requestId, "abc-123")
        XCTAssertFalse(RetryPolicy.isRetryable(xml))

        let slowDown = AWSServiceError.parse(AWSHTTPResponse(status: 503, headers: [:],
            body: Data("<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>".utf8)))
        XCTAssertEqual(slowDown.code, "SlowDown")
        XCTAssertTrue(RetryPolicy.isRetryable(slowDown))
        XCTAssertTrue(RetryPolicy.isRetryable(AWSServiceError(status: 500, code: nil, message: nil)))
        XCTAssertTrue(RetryPolicy.isRetryable(AWSServiceError(status: 400, code: "RequestLimitExceeded", message: nil)))
        XCTAssertFalse(RetryPolicy.isRetryable(AWSServiceError(status: 403, code: "SignatureDoesNotMatch", message: nil)))
        XCTAssertFalse(RetryPolicy.isRetryable(AWSServiceError(status: 400, code: "InvalidAccessException", message: nil)))
        XCTAssertFalse(RetryPolicy.isRetryable(AWSServiceError(status: 404, code: nil, message: nil)))
    }
}
