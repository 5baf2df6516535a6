// Credentials of the EC2 instance's IAM role from the instance metadata service, IMDSv2:
// PUT /latest/api/token (X-aws-ec2-metadata-token-ttl-seconds) for a session token, then
// GET /latest/meta-data/iam/security-credentials/ for the role name and .../ROLE for the
// credentials, each with X-aws-ec2-metadata-token. As the SDKs do, a token PUT refused with
// 403/404/405 falls back to IMDSv1 unless AWS_EC2_METADATA_V1_DISABLED=true.
// AWS_EC2_METADATA_SERVICE_ENDPOINT moves the endpoint; AWS_EC2_METADATA_DISABLED=true
// turns the source off. Short timeouts: off EC2 nothing answers at 169.254.169.254.
import Foundation

public struct InstanceMetadataCredentialsProvider: AWSCredentialProvider {
    public let sourceName = "EC2 instance metadata"
    let environment: [String: String]
    let http: AWSHTTPClient
    let timeout: TimeInterval
    public static let defaultEndpoint = "http://169.254.169.254"
    static let tokenTTLSeconds = 21600

    public init(environment: [String: String], http: AWSHTTPClient, timeout: TimeInterval = 1) {
        self.environment = environment
        self.http = http
        self.timeout = timeout
    }

    public var isDisabled: Bool {
        environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true"
    }

    var endpoint: String {
        var e = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultEndpoint
        while e.hasSuffix("/") { e.removeLast() }
        return e
    }

    func fail(_ reason: String) -> AWSCredentialError {
        AWSCredentialError(source: sourceName, reason: reason)
    }

    func url(_ path: String) throws -> URL {
        guard let u = URL(string: endpoint + path) else { throw fail("AWS_EC2_METADATA_SERVICE_ENDPOINT is not a URL") }
        return u
    }

    func get(_ path: String, token: String?) throws -> AWSHTTPResponse {
        var request = AWSRequest(method: "GET", url: try url(path))
        if let token { request[header: "X-aws-ec2-metadata-token"] = token }
        let response: AWSHTTPResponse
        do { response = try http.send(request, timeout: timeout) } catch { throw fail("\(error)") }
        guard response.status == 200 else {
            if response.status == 404 && path.hasSuffix("/security-credentials/") {
                throw fail("no IAM role is attached to this instance (HTTP 404)")
            }
            throw fail("GET \(path): HTTP \(response.status)")
        }
        return response
    }

    /// The IMDSv2 session token, or nil to use IMDSv1.
    func sessionToken() throws -> String? {
        var request = AWSRequest(method: "PUT", url: try url("/latest/api/token"))
        request[header: "X-aws-ec2-metadata-token-ttl-seconds"] = String(Self.tokenTTLSeconds)
        let response: AWSHTTPResponse
        do { response = try http.send(request, timeout: timeout) } catch { throw fail("\(error)") }
        switch response.status {
        case 200:
            let token = String(decoding: response.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty else { throw fail("empty IMDSv2 token") }
            return token
        case 403, 404, 405:
            if environment["AWS_EC2_METADATA_V1_DISABLED"]?.lowercased() == "true" {
                throw fail("PUT /latest/api/token: HTTP \(response.status), and IMDSv1 is disabled")
            }
            return nil
        default:
            throw fail("PUT /latest/api/token: HTTP \(response.status)")
        }
    }

    public func credentials() throws -> AWSCredentials? {
        if isDisabled { return nil }
        let token = try sessionToken()
        let base = "/latest/meta-data/iam/security-credentials/"
        let listing = String(decoding: try get(base, token: token).body, as: UTF8.self)
        guard let role = listing.split(whereSeparator: \.isNewline).first.map({ $0.trimmingCharacters(in: .whitespaces) }),
              !role.isEmpty else {
            throw fail("no IAM role is attached to this instance")
        }
        let doc = try get(base + AWSURIEncoding.encode(role), token: token)
        return try CredentialsDocument.parse(doc.body, source: sourceName)
    }
}
