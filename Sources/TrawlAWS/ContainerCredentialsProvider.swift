// Credentials from the ECS (or EKS Pod Identity) container credentials endpoint:
// AWS_CONTAINER_CREDENTIALS_RELATIVE_URI against http://169.254.170.2, or
// AWS_CONTAINER_CREDENTIALS_FULL_URI, which the SDKs accept only over https or, over plain
// http, for a loopback host or the ECS/EKS link-local addresses (169.254.170.2,
// 169.254.170.23, fd00:ec2::23), so a variable cannot send credentials requests elsewhere.
// AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (read at every refresh) or
// AWS_CONTAINER_AUTHORIZATION_TOKEN goes in the Authorization header.
import Foundation

public struct ContainerCredentialsProvider: AWSCredentialProvider {
    public let sourceName = "container credentials"
    let environment: [String: String]
    let http: AWSHTTPClient
    let retry: RetryPolicy

    public static let ecsHost = "169.254.170.2"

    public init(environment: [String: String], http: AWSHTTPClient,
                retry: RetryPolicy = RetryPolicy(base: 0.1, cap: 1, maxAttempts: 3, noProgressDeadline: 10)) {
        self.environment = environment
        self.http = http
        self.retry = retry
    }

    /// The endpoint the environment names, nil when neither variable is set; throws for a
    /// FULL_URI the SDKs would refuse.
    public static func endpoint(environment: [String: String]) throws -> URL? {
        let source = "container credentials"
        if let rel = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"], !rel.isEmpty {
            let path = rel.hasPrefix("/") ? rel : "/" + rel
            guard let url = URL(string: "http://\(ecsHost)\(path)") else {
                throw AWSCredentialError(source: source, reason: "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is not a URI path")
            }
            return url
        }
        guard let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"], !full.isEmpty else { return nil }
        guard let url = URL(string: full), let scheme = url.scheme?.lowercased(), let host = url.host(percentEncoded: false) else {
            throw AWSCredentialError(source: source, reason: "AWS_CONTAINER_CREDENTIALS_FULL_URI is not a URL")
        }
        if scheme == "https" { return url }
        guard scheme == "http", isAllowedHTTPHost(host) else {
            throw AWSCredentialError(source: source, reason:
                "AWS_CONTAINER_CREDENTIALS_FULL_URI host \(host) is not allowed over http (only loopback, 169.254.170.2, 169.254.170.23 or fd00:ec2::23)")
        }
        return url
    }

    static func isAllowedHTTPHost(_ rawHost: String) -> Bool {
        let host = rawHost.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        if host == ecsHost || host == "169.254.170.23" || host == "fd00:ec2::23" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        if octets.count == 4, octets[0] == "127", octets.allSatisfy({ UInt8($0) != nil }) { return true }
        return false
    }

    func authorizationToken() throws -> String? {
        var token: String?
        if let file = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"], !file.isEmpty {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw AWSCredentialError(source: sourceName, reason: "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(file)")
            }
            token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        } else if let t = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"], !t.isEmpty {
            token = t
        }
        if let token, token.contains(where: { $0 == "\r" || $0 == "\n" }) {
            throw AWSCredentialError(source: sourceName, reason: "the authorization token holds a line break")
        }
        return token
    }

    public func credentials() throws -> AWSCredentials? {
        guard let url = try Self.endpoint(environment: environment) else { return nil }
        let token = try authorizationToken()
        let response: AWSHTTPResponse
        do {
            response = try http.perform(operation: "container credentials", retry: retry) {
                var request = AWSRequest(method: "GET", url: url, headers: [AWSHeader("Accept", "application/json")])
                if let token { request[header: "Authorization"] = token }
                return request
            }
        } catch {
            throw AWSCredentialError(source: sourceName, reason: "\(error)")
        }
        return try CredentialsDocument.parse(response.body, source: sourceName)
    }
}

/// The JSON document ECS, EKS and IMDS serve: AccessKeyId, SecretAccessKey, Token,
/// Expiration (and, from IMDS, Code = "Success").
enum CredentialsDocument {
    static func parse(_ data: Data, source: String) throws -> AWSCredentials {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw AWSCredentialError(source: source, reason: "the credentials response is not a JSON object")
        }
        if let code = object["Code"] as? String, code != "Success" {
            throw AWSCredentialError(source: source, reason: "the credentials response says Code \(code)")
        }
        guard let key = object["AccessKeyId"] as? String, !key.isEmpty,
              let secret = object["SecretAccessKey"] as? String, !secret.isEmpty else {
            throw AWSCredentialError(source: source, reason: "the credentials response lacks AccessKeyId or SecretAccessKey")
        }
        var expiration: Date?
        if let e = object["Expiration"] as? String {
            guard let d = AWSTime.parseISO8601(e) else {
                throw AWSCredentialError(source: source, reason: "the credentials response has an unreadable Expiration: \(e)")
            }
            expiration = d
        }
        let token = (object["Token"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        return AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: token, expiration: expiration)
    }
}
