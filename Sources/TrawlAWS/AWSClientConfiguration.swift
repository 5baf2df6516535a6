// Where a call goes: the region and each service's endpoint, resolved in the SDKs' order
// from the command line, the environment and the shared config files, so Trawl behaves as
// the AWS CLI does on the same machine.
//   region:   --region > AWS_REGION > AWS_DEFAULT_REGION > the profile's `region`
//   endpoint: --endpoint-url (the main service only) > AWS_ENDPOINT_URL_<SERVICE>
//             > AWS_ENDPOINT_URL > the profile's `endpoint_url` > https://PREFIX.REGION.amazonaws.com
// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true (or the profile's ignore_configured_endpoint_urls)
// leaves only --endpoint-url and the default. The profile's per-service "services"
// sections are not read.
import Foundation

/// An AWS service as the resolver needs it.
public struct AWSService: Sendable, Equatable {
    /// The SigV4 signing name ("securityhub", "sts", "s3").
    public var signingName: String
    /// The host prefix of the default endpoint.
    public var endpointPrefix: String
    /// The suffix of AWS_ENDPOINT_URL_<SERVICE> (the service id upper-cased, spaces as '_').
    public var environmentName: String

    public init(signingName: String, endpointPrefix: String, environmentName: String) {
        self.signingName = signingName
        self.endpointPrefix = endpointPrefix
        self.environmentName = environmentName
    }

    public static let sts = AWSService(signingName: "sts", endpointPrefix: "sts", environmentName: "STS")
    public static let s3 = AWSService(signingName: "s3", endpointPrefix: "s3", environmentName: "S3")
    public static let securityHub = AWSService(signingName: "securityhub", endpointPrefix: "securityhub",
                                               environmentName: "SECURITYHUB")
}

public struct AWSConfigurationError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}

public struct AWSClientConfiguration: Sendable {
    public let environment: [String: String]
    /// The profile in use: --profile, else AWS_PROFILE, else "default".
    public let profileName: String
    /// Whether the profile was asked for (--profile or AWS_PROFILE): then it must exist.
    public let profileExplicit: Bool
    public let files: SharedConfigFiles
    let explicitRegion: String?
    let explicitEndpoint: String?

    /// Reads the shared files (a missing file is no error; a malformed one is).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                profile: String? = nil, region: String? = nil, endpointURL: String? = nil,
                files: SharedConfigFiles? = nil) throws {
        self.environment = environment
        let envProfile = environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 }
        self.profileName = profile ?? envProfile ?? "default"
        self.profileExplicit = profile != nil || envProfile != nil
        self.files = try files ?? SharedConfigFiles.load(environment: environment)
        self.explicitRegion = region
        self.explicitEndpoint = endpointURL
    }

    public var profile: [String: String] { files.profile(profileName) ?? [:] }

    func env(_ name: String) -> String? {
        environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The region, or nil when none is configured anywhere.
    public var region: String? {
        explicitRegion ?? env("AWS_REGION") ?? env("AWS_DEFAULT_REGION") ?? profile["region"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public func requireRegion() throws -> String {
        guard let region else {
            throw AWSConfigurationError(reason: "no AWS region: give --region, or set AWS_REGION, or `region` in profile \(profileName)")
        }
        return region
    }

    /// AWS_CA_BUNDLE, else the profile's ca_bundle: AWSHTTPClient then trusts only the CAs in that file.
    public var caBundle: String? {
        env("AWS_CA_BUNDLE") ?? profile["ca_bundle"]
    }

    /// The endpoint of `service`. `useExplicit` says whether --endpoint-url applies to this
    /// service (it names the main service's endpoint, not STS's).
    public func endpoint(for service: AWSService, region: String, useExplicit: Bool = true) throws -> URL {
        var candidates: [(String, String)] = []
        if useExplicit, let e = explicitEndpoint { candidates.append((e, "--endpoint-url")) }
        let ignoreConfigured = env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")?.lowercased() == "true"
            || profile["ignore_configured_endpoint_urls"]?.lowercased() == "true"
        if !ignoreConfigured {
            let serviceVar = "AWS_ENDPOINT_URL_" + service.environmentName
            if let e = env(serviceVar) { candidates.append((e, serviceVar)) }
            if let e = env("AWS_ENDPOINT_URL") { candidates.append((e, "AWS_ENDPOINT_URL")) }
            if let e = profile["endpoint_url"], !e.isEmpty { candidates.append((e, "endpoint_url in profile \(profileName)")) }
        }
        if let (text, origin) = candidates.first {
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
                  scheme == "http" || scheme == "https", url.host != nil else {
                throw AWSConfigurationError(reason: "\(origin): not an http(s) URL: \(text)")
            }
            return url
        }
        return Self.defaultEndpoint(for: service, region: region)
    }

    /// https://PREFIX.REGION.amazonaws.com (amazonaws.com.cn in the China regions).
    public static func defaultEndpoint(for service: AWSService, region: String) -> URL {
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        return URL(string: "https://\(service.endpointPrefix).\(region).\(suffix)")!
    }
}
