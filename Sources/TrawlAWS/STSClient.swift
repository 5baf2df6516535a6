// AWS Security Token Service over its Query protocol (form-encoded POST, XML answers):
// GetCallerIdentity (publishing needs the caller's account: Security Hub only accepts
// findings whose AwsAccountId is it), AssumeRole (profiles with role_arn) and
// AssumeRoleWithWebIdentity (EKS/OIDC tokens; unsigned, as the API requires).
import Foundation

public struct CallerIdentity: Sendable, Equatable {
    public var account: String
    public var arn: String
    public var userId: String
}

public struct AssumedRole: Sendable {
    public var credentials: AWSCredentials
    public var assumedRoleArn: String?
    public var assumedRoleId: String?
}

public final class STSClient: Sendable {
    public let endpoint: URL
    public let region: String
    let http: AWSHTTPClient
    let retry: RetryPolicy
    static let version = "2011-06-15"

    public init(endpoint: URL, region: String, http: AWSHTTPClient, retry: RetryPolicy = .default) {
        self.endpoint = endpoint
        self.region = region
        self.http = http
        self.retry = retry
    }

    /// STS as the configuration resolves it (AWS_ENDPOINT_URL_STS, ...); with no region
    /// configured, us-east-1's regional endpoint. --endpoint-url does not apply to STS.
    public convenience init(configuration: AWSClientConfiguration, region: String? = nil, http: AWSHTTPClient,
                            retry: RetryPolicy = .default) throws {
        let region = region ?? configuration.region ?? "us-east-1"
        let endpoint = try configuration.endpoint(for: .sts, region: region, useExplicit: false)
        self.init(endpoint: endpoint, region: region, http: http, retry: retry)
    }

    public func getCallerIdentity(credentials: AWSCredentials) throws -> CallerIdentity {
        let fields = try call("GetCallerIdentity", [], credentials: credentials)
        guard let account = fields["Account"], let arn = fields["Arn"], let userId = fields["UserId"] else {
            throw AWSServiceError(status: 200, code: "MalformedResponse",
                                  message: "GetCallerIdentity response lacks Account, Arn or UserId", operation: "sts GetCallerIdentity")
        }
        return CallerIdentity(account: account, arn: arn, userId: userId)
    }

    public func assumeRole(roleArn: String, sessionName: String, externalId: String? = nil,
                           durationSeconds: Int? = nil, credentials: AWSCredentials) throws -> AssumedRole {
        var params = [("RoleArn", roleArn), ("RoleSessionName", sessionName)]
        if let externalId { params.append(("ExternalId", externalId)) }
        if let durationSeconds { params.append(("DurationSeconds", String(durationSeconds))) }
        return try Self.assumedRole(call("AssumeRole", params, credentials: credentials), operation: "AssumeRole")
    }

    public func assumeRoleWithWebIdentity(roleArn: String, sessionName: String, webIdentityToken: String,
                                          durationSeconds: Int? = nil) throws -> AssumedRole {
        var params = [("RoleArn", roleArn), ("RoleSessionName", sessionName), ("WebIdentityToken", webIdentityToken)]
        if let durationSeconds { params.append(("DurationSeconds", String(durationSeconds))) }
        return try Self.assumedRole(call("AssumeRoleWithWebIdentity", params, credentials: nil),
                                    operation: "AssumeRoleWithWebIdentity")
    }

    static func assumedRole(_ f: [String: String], operation: String) throws -> AssumedRole {
        guard let key = f["AccessKeyId"], let secret = f["SecretAccessKey"], let token = f["SessionToken"] else {
            throw AWSServiceError(status: 200, code: "MalformedResponse",
                                  message: "\(operation) response lacks Credentials", operation: "sts \(operation)")
        }
        let creds = AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: token,
                                   expiration: f["Expiration"].flatMap(AWSTime.parseISO8601))
        return AssumedRole(credentials: creds, assumedRoleArn: f["Arn"], assumedRoleId: f["AssumedRoleId"])
    }

    /// One Query-protocol call; `credentials` nil sends it unsigned.
    func call(_ action: String, _ params: [(String, String)], credentials: AWSCredentials?) throws -> [String: String] {
        let body = Data(AWSURIEncoding.formBody([("Action", action), ("Version", Self.version)] + params).utf8)
        var url = endpoint
        if url.path(percentEncoded: true).isEmpty { url = url.appending(path: "/") }
        let signer = SigV4Signer(service: "sts", region: region)
        let response = try http.perform(operation: "sts \(action)", retry: retry) {
            var request = AWSRequest(method: "POST", url: url, headers: [
                AWSHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
            ], body: body)
            if let credentials { signer.sign(&request, credentials: credentials) }
            return request
        }
        return SimpleXML.fields(response.body)
    }
}
