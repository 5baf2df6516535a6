// The credential chain, in the AWS SDKs' order: environment, the profile (static keys or
// an assumed role), web identity, container credentials (ECS/EKS), EC2 instance metadata.
// The first source that is configured decides: a configured source that fails stops the
// chain with its error (as the SDKs do) rather than silently falling through to another
// identity; instance metadata, the ambient last resort, adds its failure to the "no
// credentials" message instead. Credentials are cached; temporary ones are refreshed
// `refreshMargin` seconds before they expire (and kept, if a refresh fails, while valid).
// One chain may be shared by every thread: a refresh happens once, under a lock.
import Foundation
import Synchronization

public final class CredentialChain: AWSCredentialProvider, Sendable {
    public let sourceName = "credential chain"
    let providers: [AWSCredentialProvider]
    let refreshMargin: TimeInterval
    let now: @Sendable () -> Date

    struct Cached: Sendable {
        var credentials: AWSCredentials
        var source: String
    }
    let cache = Mutex<Cached?>(nil)

    /// The standard chain for `configuration`. As the AWS CLI does, an explicit --profile
    /// (`configuration` built with `profile:`) skips the environment's keys; AWS_PROFILE
    /// does not.
    public convenience init(configuration: AWSClientConfiguration, http: AWSHTTPClient = AWSHTTPClient(timeout: 10),
                            explicitProfile: Bool = false, refreshMargin: TimeInterval = 300) {
        let env = configuration.environment
        var providers: [AWSCredentialProvider] = []
        if !explicitProfile { providers.append(EnvironmentCredentialsProvider(environment: env)) }
        providers.append(ProfileCredentialsProvider(configuration: configuration, http: http))
        providers.append(WebIdentityCredentialsProvider(configuration: configuration, http: http))
        providers.append(ContainerCredentialsProvider(environment: env, http: http))
        providers.append(InstanceMetadataCredentialsProvider(environment: env, http: http))
        self.init(providers: providers, refreshMargin: refreshMargin)
    }

    /// The standard chain from an environment (default: the process's) and an optional
    /// --profile.
    public convenience init(environment: [String: String] = ProcessInfo.processInfo.environment,
                            profile: String? = nil, http: AWSHTTPClient = AWSHTTPClient(timeout: 10)) throws {
        let configuration = try AWSClientConfiguration(environment: environment, profile: profile)
        self.init(configuration: configuration, http: http, explicitProfile: profile != nil)
    }

    public init(providers: [AWSCredentialProvider], refreshMargin: TimeInterval = 300,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.providers = providers
        self.refreshMargin = refreshMargin
        self.now = now
    }

    /// Never nil: throws AWSNoCredentialsError when no source holds credentials.
    public func credentials() throws -> AWSCredentials? {
        try resolve()
    }

    /// The source the current credentials came from ("environment", "profile prod", ...).
    public var currentSource: String? {
        cache.withLock { $0?.source }
    }

    public func resolve() throws -> AWSCredentials {
        try cache.withLock { cached -> AWSCredentials in
            let t = now()
            if let c = cached, !c.credentials.expires(within: refreshMargin, of: t) {
                return c.credentials
            }
            do {
                let fresh = try resolveUncached()
                cached = fresh
                return fresh.credentials
            } catch {
                // A failed refresh keeps credentials that are still valid.
                if let c = cached, !c.credentials.expires(within: 0, of: t) { return c.credentials }
                throw error
            }
        }
    }

    func resolveUncached() throws -> Cached {
        var attempts: [(source: String, reason: String)] = []
        for (index, provider) in providers.enumerated() {
            let isLast = index == providers.count - 1 && provider is InstanceMetadataCredentialsProvider
            do {
                if let creds = try provider.credentials() {
                    return Cached(credentials: creds, source: provider.sourceName)
                }
                let disabled = (provider as? InstanceMetadataCredentialsProvider)?.isDisabled == true
                attempts.append((provider.sourceName, disabled ? "disabled by AWS_EC2_METADATA_DISABLED" : "not configured"))
            } catch let e as AWSCredentialError where isLast {
                attempts.append((provider.sourceName, e.reason))
            } catch let e as AWSCredentialError {
                throw e
            } catch {
                throw AWSCredentialError(source: provider.sourceName, reason: "\(error)")
            }
        }
        throw AWSNoCredentialsError(attempts: attempts)
    }
}
