// SigV4 against published vectors and against botocore.
//
// Vectors: the AWS Signature Version 4 test suite (docs.aws.amazon.com/general/latest/gr/
// signature-v4-test-suite.html, aws-sig-v4-test-suite), as carried by aws-sdk-js-v3's
// signature-v4 suite fixture and aws-c-auth: credentials AKIDEXAMPLE /
// wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, us-east-1, service "service",
// 2015-08-30T12:36:00Z. The S3 case is the "GET Object" example of the Amazon S3 API
// reference (sig-v4-header-based-auth, examplebucket, 2013-05-24).
import Foundation
import XCTest
@testable import TrawlAWS
import TrawlTestSupport

final class SigV4SignerTests: XCTestCase {
    let suiteCredentials = AWSCredentials(accessKeyId: "AKIDEXAMPLE",
                                          secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    let suiteDate = Date(timeIntervalSince1970: 1_440_938_160)   // 2015-08-30T12:36:00Z
    let suiteSigner = SigV4Signer(service: "service", region: "us-east-1")
    let scope = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request"

    func sign(_ method: String, _ url: String, headers: [AWSHeader] = [], body: String = "",
              credentials: AWSCredentials? = nil, signer: SigV4Signer? = nil) -> (AWSRequest, SigV4Signer.Signature) {
        var request = AWSRequest(method: method, url: URL(string: url)!, headers: headers, body: Data(body.utf8))
        let sig = (signer ?? suiteSigner).sign(&request, credentials: credentials ?? suiteCredentials, date: suiteDate)
        return (request, sig)
    }

    func testGetVanilla() {
        let (request, sig) = sign("GET", "https://example.amazonaws.com/")
        XCTAssertEqual(sig.canonicalRequest, """
            GET
            /

            host:example.amazonaws.com
            x-amz-date:20150830T123600Z

            host;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        XCTAssertEqual(sig.stringToSign, """
            AWS4-HMAC-SHA256
            20150830T123600Z
            20150830/us-east-1/service/aws4_request
            bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63
            """)
        XCTAssertEqual(request[header: "Authorization"],
                       "\(scope), SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
        XCTAssertEqual(request[header: "X-Amz-Date"], "20150830T123600Z")
        XCTAssertNil(request[header: "X-Amz-Security-Token"])
        XCTAssertNil(request[header: "X-Amz-Content-Sha256"])
    }

    func testGetVanillaQueryOrderKeyCase() {
        let (_, sig) = sign("GET", "https://example.amazonaws.com/?Param2=value2&Param1=value1")
        XCTAssertEqual(sig.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)[2],
                       "Param1=value1&Param2=value2")
        XCTAssertTrue(sig.stringToSign.hasSuffix("816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0"))
        XCTAssertEqual(sig.authorization,
                       "\(scope), SignedHeaders=host;x-amz-date, Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")
    }

    func testGetVanillaUTF8Query() {
        let (_, sig) = sign("GET", "https://example.amazonaws.com/?%E1%88%B4=bar")
        XCTAssertEqual(sig.authorization,
                       "\(scope), SignedHeaders=host;x-amz-date, Signature=2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04")
    }

    /// The suite's request line is "GET /ሴ": the raw character is the path it signs, encoded
    /// once ("/%E1%88%B4"). On the wire the path is "/%E1%88%B4" already; a signer that does
    /// not re-encode (S3's rule) signs that wire path and must reach the same signature.
    func testGetUTF8() {
        XCTAssertEqual(suiteSigner.canonicalURI(wirePath: "/ሴ"), "/%E1%88%B4")
        let signer = SigV4Signer(service: "service", region: "us-east-1", doubleEncodePath: false,
                                 normalizePath: false, addContentSHA256Header: false)
        let (_, sig) = sign("GET", "https://example.amazonaws.com/%E1%88%B4", signer: signer)
        XCTAssertEqual(sig.authorization,
                       "\(scope), SignedHeaders=host;x-amz-date, Signature=8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85")
        // Every other service encodes the wire path once more.
        XCTAssertEqual(suiteSigner.canonicalURI(wirePath: "/%E1%88%B4"), "/%25E1%2588%25B4")
    }

    func testGetHeaderValueTrim() {
        let (_, sig) = sign("GET", "https://example.amazonaws.com/",
                            headers: [AWSHeader("My-Header1", " value1"), AWSHeader("My-Header2", "\"a   b   c\"")])
        XCTAssertTrue(sig.canonicalRequest.contains("my-header1:value1\nmy-header2:\"a b c\"\n"))
        XCTAssertEqual(sig.authorization,
                       "\(scope), SignedHeaders=host;my-header1;my-header2;x-amz-date, Signature=acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736")
    }

    func testPostVanilla() {
        let (_, sig) = sign("POST", "https://example.amazonaws.com/")
        XCTAssertEqual(sig.authorization,
                       "\(scope), SignedHeaders=host;x-amz-date, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")
    }

    func testPostXWWWFormURLEncoded() {
        let (_, sig) = sign("POST", "https://example.amazonaws.com/",
                            headers: [AWSHeader("Content-Type", "application/x-www-form-urlencoded")], body: "Param1=value1")
        XCTAssertTrue(sig.canonicalRequest.hasSuffix("9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e"))
        XCTAssertEqual(sig.authorization,
                       "\(scope), SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a")
    }

    /// post-sts-header-before: the session token is added before signing, so it is signed.
    func testPostSTSHeaderBefore() {
        let token = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="
        var creds = suiteCredentials
        creds.sessionToken = token
        let (request, sig) = sign("POST", "https://example.amazonaws.com/", credentials: creds)
        XCTAssertEqual(request[header: "X-Amz-Security-Token"], token)
        XCTAssertEqual(sig.authorization,
                       "\(scope), SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead")
    }

    /// The Amazon S3 API reference's "GET Object" example: S3's rules, X-Amz-Content-Sha256.
    func testS3GetObjectExample() {
        let creds = AWSCredentials(accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
        var request = AWSRequest(method: "GET", url: URL(string: "https://examplebucket.s3.amazonaws.com/test.txt")!,
                                 headers: [AWSHeader("Range", "bytes=0-9")])
        let sig = SigV4Signer(service: "s3", region: "us-east-1")
            .sign(&request, credentials: creds, date: Date(timeIntervalSince1970: 1_369_353_600))
        XCTAssertEqual(request[header: "X-Amz-Content-Sha256"], SigV4Signer.emptyPayloadHash)
        XCTAssertTrue(sig.stringToSign.hasSuffix("7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972"))
        XCTAssertEqual(sig.authorization,
                       "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                       + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                       + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    func testPathNormalizationAndEncodingRules() {
        XCTAssertEqual(suiteSigner.canonicalURI(wirePath: "/example/../"), "/")
        XCTAssertEqual(suiteSigner.canonicalURI(wirePath: "/a/./b//c/"), "/a/b/c/")
        XCTAssertEqual(suiteSigner.canonicalURI(wirePath: ""), "/")
        XCTAssertEqual(suiteSigner.canonicalURI(wirePath: "/a%20b"), "/a%2520b")
        let s3 = SigV4Signer(service: "s3", region: "us-east-1")
        XCTAssertEqual(s3.canonicalURI(wirePath: "/a/./b//c%20d"), "/a/./b//c%20d")
        XCTAssertEqual(AWSURIEncoding.encode("a b+c=d/é~"), "a%20b%2Bc%3Dd%2F%C3%A9~")
        XCTAssertEqual(AWSURIEncoding.encodePath("dir/a b"), "dir/a%20b")
        XCTAssertEqual(SigV4Signer.canonicalQuery("b=2&a=%2b&a=1&c"), "a=%2B&a=1&b=2&c=")
    }

    func testSigningKeyChain() {
        // The IAM user guide's worked example of the derived key (Examples of how to derive
        // a signing key): secret wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, 20120215, us-east-1, iam.
        let key = SigV4Signer.signingKey(secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                         day: "20120215", region: "us-east-1", service: "iam")
        let hex = key.withUnsafeBytes { SigV4Signer.hex($0) }
        XCTAssertEqual(hex, "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
    }

    func testCredentialsDescriptionHidesSecrets() {
        let creds = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "topsecret", sessionToken: "tokentoken")
        XCTAssertFalse("\(creds)".contains("topsecret"))
        XCTAssertFalse(String(reflecting: creds).contains("tokentoken"))
    }

    // MARK: botocore, an independent implementation

    struct CrossCase {
        var method: String
        var url: String
        var headers: [String: String]
        var body: String
        var service: String
        var region: String
        var credentials: AWSCredentials
        var date: Date
    }

    static let botocoreScript = #"""
import sys, json, datetime
import botocore.auth as auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
out = []
for c in json.load(sys.stdin):
    when = datetime.datetime.strptime(c["date"], "%Y%m%dT%H%M%SZ")
    auth.get_current_datetime = lambda *a, **k: when
    creds = Credentials(c["accessKeyId"], c["secretAccessKey"], c.get("sessionToken"))
    req = AWSRequest(method=c["method"], url=c["url"], data=c["body"].encode("utf-8"), headers=c["headers"])
    cls = auth.S3SigV4Auth if c["service"] == "s3" else auth.SigV4Auth
    cls(creds, c["service"], c["region"]).add_auth(req)
    out.append(req.headers["Authorization"])
print(json.dumps(out))
"""#

    func botocoreAuthorizations(_ cases: [CrossCase]) throws -> [String] {
        try Fixture.requireVenv()
        let input: [[String: Any]] = cases.map { c in
            var d: [String: Any] = ["method": c.method, "url": c.url, "headers": c.headers, "body": c.body,
                                    "service": c.service, "region": c.region, "date": AWSTime.amzDate(c.date),
                                    "accessKeyId": c.credentials.accessKeyId,
                                    "secretAccessKey": c.credentials.secretAccessKey]
            if let t = c.credentials.sessionToken { d["sessionToken"] = t }
            return d
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Fixture.venvPython)
        process.arguments = ["-c", Self.botocoreScript]
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: input))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let list = try JSONSerialization.jsonObject(with: out) as? [String] else {
            XCTFail("botocore failed: \(String(decoding: err, as: UTF8.self))")
            return []
        }
        return list
    }

    func testMatchesBotocore() throws {
        let keys = AWSCredentials(accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
        var temporary = keys
        temporary.sessionToken = "FwoGZXIvYXdzEXAMPLE//token+with/slashes=="
        let now = Date(timeIntervalSince1970: 1_767_225_600 + 3_723)   // 2026-01-01T01:02:03Z
        let cases = [
            CrossCase(method: "POST", url: "https://securityhub.eu-west-1.amazonaws.com/findings/import",
                      headers: ["Content-Type": "application/json"], body: #"{"Findings":[{"Id":"x"}]}"#,
                      service: "securityhub", region: "eu-west-1", credentials: temporary, date: now),
            CrossCase(method: "GET", url: "https://example.amazonaws.com/a%20b/./c/../d//e%2Fx?b=2&a=1&a=0&c=%2B%20x&empty=",
                      headers: ["X-Custom": "  several   spaces\there  ", "ACCEPT": "application/json"], body: "",
                      service: "execute-api", region: "ap-northeast-1", credentials: keys, date: now),
            CrossCase(method: "GET", url: "https://bucket.s3.us-east-1.amazonaws.com/dir/file%20name%C3%A9.txt?list-type=2&prefix=a%2Fb",
                      headers: ["Range": "bytes=0-99"], body: "", service: "s3", region: "us-east-1",
                      credentials: temporary, date: now),
            CrossCase(method: "PUT", url: "http://127.0.0.1:4566/bucket/key", headers: [:], body: "hello, world",
                      service: "s3", region: "us-west-2", credentials: keys, date: now),
            CrossCase(method: "POST", url: "http://localhost:5000/",
                      headers: ["Content-Type": "application/x-www-form-urlencoded; charset=utf-8"],
                      body: "Action=GetCallerIdentity&Version=2011-06-15", service: "sts", region: "us-east-1",
                      credentials: temporary, date: now),
        ]
        let expected = try botocoreAuthorizations(cases)
        XCTAssertEqual(expected.count, cases.count)
        for (c, want) in zip(cases, expected) {
            var request = AWSRequest(method: c.method, url: URL(string: c.url)!,
                                     headers: c.headers.map { AWSHeader($0.key, $0.value) }, body: Data(c.body.utf8))
            let sig = SigV4Signer(service: c.service, region: c.region).sign(&request, credentials: c.credentials, date: c.date)
            XCTAssertEqual(sig.authorization, want, "\(c.method) \(c.url)\n\(sig.canonicalRequest)")
        }
    }
}
