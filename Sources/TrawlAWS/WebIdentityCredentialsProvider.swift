// Credentials for a web identity (an OIDC token in a file, as EKS's IRSA mounts it):
// AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN [+ AWS_ROLE_SESSION_NAME], exchanged by an
// unsigned STS AssumeRoleWithWebIdentity. The token is read afresh at every refresh
// (the file is rotated); it is never logged.
import Foundation

public struct WebIdentityCredentialsProvider: AWSCredentialProvider {
    public let sourceName = "web identity"
    let configuration: AWSClientConfiguration
    let http: AWSHTTPClient

    public init(configuration: AWSClientConfiguration, http: AWSHTTPClient) {
        self.configuration = configuration
        self.http = http
    }

    public func credentials() throws -> AWSCredentials? {
        let env = configuration.environment
        guard let tokenFile = env["AWS_WEB_IDENTITY_TOKEN_FILE"], !tokenFile.isEmpty,
              let roleArn = env["AWS_ROLE_ARN"], !roleArn.isEmpty else { return nil }
        let token = try Self.readToken(tokenFile, source: sourceName)
        let sessionName = env["AWS_ROLE_SESSION_NAME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "trawl-\(Int(Date().timeIntervalSince1970))"
        do {
            let sts = try STSClient(configuration: configuration, http: http)
            return try sts.assumeRoleWithWebIdentity(roleArn: roleArn, sessionName: sessionName,
                                                     webIdentityToken: token).credentials
        } catch {
            throw AWSCredentialError(source: sourceName, reason: "assuming \(roleArn): \(error)")
        }
    }

    static func readToken(_ path: String, source: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AWSCredentialError(source: source, reason: "cannot read the web identity token file \(path)")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else {
            throw AWSCredentialError(source: source, reason: "the web identity token file \(path) is empty")
        }
        return token
    }
}
