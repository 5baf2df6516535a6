// Credentials from a named profile of the shared files: static keys (aws_access_key_id,
// aws_secret_access_key, aws_session_token), or a role to assume (role_arn with
// source_profile, credential_source or web_identity_token_file; role_session_name,
// external_id, duration_seconds), source profiles followed to any depth with cycles
// rejected, as the AWS CLI does.
import Foundation

public struct ProfileCredentialsProvider: AWSCredentialProvider {
    public let configuration: AWSClientConfiguration
    public let profileName: String
    let http: AWSHTTPClient

    public var sourceName: String { "profile \(profileName)" }

    public init(configuration: AWSClientConfiguration, profileName: String? = nil, http: AWSHTTPClient) {
        self.configuration = configuration
        self.profileName = profileName ?? configuration.profileName
        self.http = http
    }

    func fail(_ reason: String) -> AWSCredentialError {
        AWSCredentialError(source: sourceName, reason: reason)
    }

    /// Nil when the profile does not exist and was not asked for, or holds no credentials
    /// (only a region, say).
    public func credentials() throws -> AWSCredentials? {
        guard configuration.files.profile(profileName) != nil else {
            if configuration.profileExplicit && profileName == configuration.profileName {
                throw fail("profile not found in the shared config or credentials file")
            }
            return nil
        }
        return try resolve(profileName, chain: [])
    }

    func resolve(_ name: String, chain: [String]) throws -> AWSCredentials? {
        guard let p = configuration.files.profile(name) else {
            throw fail("source_profile \(name) (via \(chain.joined(separator: " -> "))) not found")
        }
        if let roleArn = p["role_arn"], !roleArn.isEmpty {
            if chain.contains(name) {
                throw fail("source_profile cycle: \((chain + [name]).joined(separator: " -> "))")
            }
            let source = try sourceCredentials(profile: p, name: name, chain: chain + [name])
            return try assume(roleArn: roleArn, profile: p, name: name, source: source)
        }
        return try staticKeys(p, name: name)
    }

    func staticKeys(_ p: [String: String], name: String) throws -> AWSCredentials? {
        let key = p["aws_access_key_id"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = p["aws_secret_access_key"].flatMap { $0.isEmpty ? nil : $0 }
        switch (key, secret) {
        case (nil, nil): return nil
        case (.some, nil): throw fail("profile \(name) has aws_access_key_id but no aws_secret_access_key")
        case (nil, .some): throw fail("profile \(name) has aws_secret_access_key but no aws_access_key_id")
        case let (k?, s?):
            return AWSCredentials(accessKeyId: k, secretAccessKey: s,
                                  sessionToken: p["aws_session_token"].flatMap { $0.isEmpty ? nil : $0 })
        }
    }

    /// The credentials that sign AssumeRole: the source profile's (its own role assumed
    /// first when it has one; its static keys when it names itself), or credential_source's.
    func sourceCredentials(profile p: [String: String], name: String, chain: [String]) throws -> AWSCredentials? {
        if let src = p["source_profile"], !src.isEmpty {
            if src == name {
                guard let keys = try staticKeys(p, name: name) else {
                    throw fail("profile \(name) is its own source_profile but has no static keys")
                }
                return keys
            }
            guard let creds = try resolve(src, chain: chain) else {
                throw fail("source_profile \(src) of profile \(name) holds no credentials")
            }
            return creds
        }
        if let cs = p["credential_source"], !cs.isEmpty {
            let env = configuration.environment
            let provider: AWSCredentialProvider
            switch cs {
            case "Environment": provider = EnvironmentCredentialsProvider(environment: env)
            case "EcsContainer": provider = ContainerCredentialsProvider(environment: env, http: http)
            case "Ec2InstanceMetadata": provider = InstanceMetadataCredentialsProvider(environment: env, http: http)
            default: throw fail("profile \(name): unsupported credential_source \(cs)")
            }
            guard let creds = try provider.credentials() else {
                throw fail("credential_source \(cs) of profile \(name) holds no credentials")
            }
            return creds
        }
        if p["web_identity_token_file"] != nil {
            return nil   // assume() uses AssumeRoleWithWebIdentity
        }
        throw fail("profile \(name) has role_arn but no source_profile, credential_source or web_identity_token_file")
    }

    func assume(roleArn: String, profile p: [String: String], name: String, source: AWSCredentials?) throws -> AWSCredentials {
        var duration: Int?
        if let d = p["duration_seconds"], !d.isEmpty {
            guard let v = Int(d), v > 0 else { throw fail("profile \(name): duration_seconds is not a number: \(d)") }
            duration = v
        }
        let sessionName = p["role_session_name"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "trawl-\(Int(Date().timeIntervalSince1970))"
        let region = configuration.region ?? p["region"] ?? "us-east-1"
        let sts: STSClient
        do {
            sts = try STSClient(configuration: configuration, region: region, http: http)
        } catch {
            throw fail("profile \(name): \(error)")
        }
        do {
            if let source {
                return try sts.assumeRole(roleArn: roleArn, sessionName: sessionName, externalId: p["external_id"],
                                          durationSeconds: duration, credentials: source).credentials
            }
            guard let tokenFile = p["web_identity_token_file"] else { throw fail("profile \(name): no source credentials") }
            let token = try WebIdentityCredentialsProvider.readToken(tokenFile, source: sourceName)
            return try sts.assumeRoleWithWebIdentity(roleArn: roleArn, sessionName: sessionName, webIdentityToken: token,
                                                     durationSeconds: duration).credentials
        } catch let e as AWSCredentialError {
            throw e
        } catch {
            throw fail("assuming \(roleArn): \(error)")
        }
    }
}
