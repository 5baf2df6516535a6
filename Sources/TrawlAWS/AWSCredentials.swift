// Credentials, the provider protocol the chain is made of, and the errors a provider
// reports. Descriptions never include the secret key or the session token: an error or a
// log line may quote an access key id, nothing more.
import Foundation

public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public var accessKeyId: String
    public var secretAccessKey: String
    public var sessionToken: String?
    /// Set for temporary credentials; nil for long-term keys.
    public var expiration: Date?

    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }

    /// True when the credentials expire within `margin` seconds of `now`.
    public func expires(within margin: TimeInterval, of now: Date = Date()) -> Bool {
        guard let expiration else { return false }
        return expiration.timeIntervalSince(now) <= margin
    }

    public var description: String {
        var s = "AWSCredentials(accessKeyId: \(accessKeyId), secretAccessKey: <redacted>"
        if sessionToken != nil { s += ", sessionToken: <redacted>" }
        if let expiration { s += ", expiration: \(expiration)" }
        return s + ")"
    }

    public var debugDescription: String { description }
}

/// One source of credentials. `credentials()` returns nil when the source is not
/// configured (its variables or files are absent), so the chain moves on; it throws when
/// the source is configured but fails (the chain stops there, as the SDKs do).
public protocol AWSCredentialProvider: Sendable {
    /// A short name for messages: "environment", "profile default", "web identity", ...
    var sourceName: String { get }
    func credentials() throws -> AWSCredentials?
}

/// A failure of one credential source: which source, and why, never a secret.
public struct AWSCredentialError: Error, Sendable, CustomStringConvertible, Equatable {
    public var source: String
    public var reason: String

    public init(source: String, reason: String) {
        self.source = source
        self.reason = reason
    }

    public var description: String { "\(source): \(reason)" }
}

/// No source in the chain held credentials; `attempts` says what each one found.
public struct AWSNoCredentialsError: Error, Sendable, CustomStringConvertible {
    public var attempts: [(source: String, reason: String)]

    public var description: String {
        "no AWS credentials found; tried " + attempts.map { "\($0.source) (\($0.reason))" }.joined(separator: ", ")
    }
}

/// Fixed credentials (tests, or keys given on purpose).
public struct StaticCredentialsProvider: AWSCredentialProvider {
    public let sourceName: String
    let value: AWSCredentials

    public init(_ credentials: AWSCredentials, sourceName: String = "static") {
        self.value = credentials
        self.sourceName = sourceName
    }

    public func credentials() throws -> AWSCredentials? { value }
}

/// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY [/ AWS_SESSION_TOKEN]. One of the pair
/// without the other is an error (as botocore's PartialCredentialsError).
public struct EnvironmentCredentialsProvider: AWSCredentialProvider {
    public let sourceName = "environment"
    let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public func credentials() throws -> AWSCredentials? {
        let key = environment["AWS_ACCESS_KEY_ID"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = environment["AWS_SECRET_ACCESS_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        switch (key, secret) {
        case (nil, nil): return nil
        case (.some, nil):
            throw AWSCredentialError(source: sourceName, reason: "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        case (nil, .some):
            throw AWSCredentialError(source: sourceName, reason: "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not")
        case let (k?, s?):
            let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
            return AWSCredentials(accessKeyId: k, secretAccessKey: s, sessionToken: token)
        }
    }
}
