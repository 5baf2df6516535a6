// Blocking HTTP for AWS calls on AsyncHTTPClient (SwiftNIO, TLS by swift-nio-ssl/BoringSSL):
// the scanner's workers are plain threads, so a call waits on the request's future. One
// client (one HTTPClient and its connection pool, on the shared event loop group) may be
// shared by every thread. `send` is one attempt; `perform` signs each attempt afresh and
// retries per RetryPolicy.
//
// Why AsyncHTTPClient and not FoundationNetworking's URLSession: on Linux URLSession gives no
// way to trust a CA file per session, so AWS_CA_BUNDLE (the profile's ca_bundle) could not
// be honoured; and its libcurl, after a dropped keep-alive connection, re-sent a POST
// without its body, which then hung until the timeout. Here the CA bundle, when one is
// given, is the only trust root (as the AWS CLI does with AWS_CA_BUNDLE), else the system's
// roots; a request is never re-sent below `perform`: a connection dropped before the answer
// fails the attempt with kind connectionLost, and `perform` retries it with its body.
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

public struct AWSHTTPResponse: Sendable {
    public var status: Int
    /// Header names lower-cased.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
    public var isSuccess: Bool { (200...299).contains(status) }
}

/// A failure below HTTP: no connection, a dropped or reset connection, a timeout, TLS.
public struct AWSTransportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case timeout, connectionFailed, connectionLost, tls, invalidRequest, other
    }
    public var kind: Kind
    public var url: String
    public var detail: String

    public var isRetryable: Bool {
        switch kind {
        case .timeout, .connectionFailed, .connectionLost: return true
        case .tls, .invalidRequest, .other: return false
        }
    }

    public var description: String { "\(kind.rawValue) calling \(url): \(detail)" }
}

public final class AWSHTTPClient: Sendable {
    let client: HTTPClient
    /// Set when the CA bundle cannot be used: every call throws it (AWSConfigurationError).
    let configurationError: AWSConfigurationError?
    /// Per-attempt timeout, seconds: connecting, sending and receiving the whole answer.
    public let timeout: TimeInterval
    /// The CA bundle (AWS_CA_BUNDLE or the profile's ca_bundle): when set, the only trusted roots.
    public let caBundle: String?

    public init(timeout: TimeInterval = 30, caBundle: String? = nil) {
        self.timeout = timeout
        self.caBundle = caBundle
        var tls = TLSConfiguration.makeClientConfiguration()
        var configurationError: AWSConfigurationError?
        if let caBundle {
            if let problem = Self.caBundleProblem(caBundle) {
                configurationError = AWSConfigurationError(
                    reason: "AWS_CA_BUNDLE (or the profile's ca_bundle) \(caBundle): \(problem)")
            }
            tls.trustRoots = .file(caBundle)
        }
        self.configurationError = configurationError
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            // AWS answers redirects as errors the caller must see (S3's PermanentRedirect, ...);
            // following one would also send the signature to another URL.
            redirectConfiguration: .disallow,
            timeout: .init(connect: Self.amount(timeout)))
        // `perform` retries with backoff; a connection that cannot be made fails this attempt.
        configuration.connectionPool.retryConnectionEstablishment = false
        // The AWS CLI speaks HTTP/1.1 to AWS endpoints; so does Trawl.
        configuration.httpVersion = .http1Only
        self.client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    deinit {
        if MultiThreadedEventLoopGroup.currentEventLoop == nil {
            try? client.syncShutdown()
        } else {
            // Blocking on an event loop could deadlock: shut down in the background.
            client.shutdown { _ in }
        }
    }

    /// Why a CA bundle cannot be used, or nil.
    static func caBundleProblem(_ path: String) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return "no such file"
        }
        if isDirectory.boolValue { return "a directory, not a file of PEM certificates" }
        guard FileManager.default.isReadableFile(atPath: path) else { return "not readable" }
        do {
            if try NIOSSLCertificate.fromPEMFile(path).isEmpty { return "holds no PEM certificate" }
        } catch {
            return "not a file of PEM certificates (\(error))"
        }
        return nil
    }

    static func amount(_ seconds: TimeInterval) -> TimeAmount {
        .nanoseconds(Int64(max(0.001, min(seconds, 86_400)) * 1_000_000_000))
    }

    /// One attempt. Any HTTP status is a response; only transport failures throw (and
    /// AWSConfigurationError when the CA bundle cannot be used). Blocks the calling thread,
    /// which must not be an event loop thread.
    public func send(_ request: AWSRequest, timeout: TimeInterval? = nil) throws -> AWSHTTPResponse {
        let outgoing = try outgoingRequest(request)
        let urlText = Self.redactedURL(request.url)
        let deadline = NIODeadline.now() + Self.amount(timeout ?? self.timeout)
        let response: HTTPClient.Response
        do {
            response = try client.execute(request: outgoing, deadline: deadline).wait()
        } catch {
            throw Self.classify(error, url: urlText, caBundle: caBundle)
        }
        let data = response.body.map { Data($0.readableBytesView) } ?? Data()
        return AWSHTTPResponse(status: Int(response.status.code), headers: Self.headerMap(response.headers), body: data)
    }

    /// Response headers by lower-cased name, repeated ones joined with ','.
    static func headerMap(_ headers: HTTPHeaders) -> [String: String] {
        var map: [String: String] = [:]
        for (name, value) in headers {
            let key = name.lowercased()
            if let earlier = map[key] {
                map[key] = earlier + "," + value
            } else {
                map[key] = value
            }
        }
        return map
    }

    /// AsyncHTTPClient's request for `request`: its headers, the Host it was signed with, its body.
    func outgoingRequest(_ request: AWSRequest) throws -> HTTPClient.Request {
        if let configurationError { throw configurationError }
        let urlText = Self.redactedURL(request.url)
        guard let scheme = request.url.scheme?.lowercased(), scheme == "https" || scheme == "http" else {
            throw AWSTransportError(kind: .invalidRequest, url: urlText, detail: "not an http or https URL")
        }
        var headers = HTTPHeaders()
        for h in request.headers { headers.add(name: h.name, value: h.value) }
        // The Host the request was signed with (AHC adds one from the URL only when absent).
        if request[header: "host"] == nil { headers.add(name: "Host", value: request.hostHeader) }
        let body: HTTPClient.Body?
        if !request.body.isEmpty || request.method == "POST" || request.method == "PUT" {
            body = .bytes(request.body)
        } else {
            body = nil
        }
        do {
            return try HTTPClient.Request(url: request.url, method: HTTPMethod(rawValue: request.method),
                                          headers: headers, body: body)
        } catch {
            throw Self.classify(error, url: urlText, caBundle: caBundle)
        }
    }

    /// Signs (through `prepare`, called afresh for each attempt so X-Amz-Date is current)
    /// and sends, retrying retryable failures per `retry`. A non-2xx answer is thrown as
    /// AWSServiceError; the last error is thrown when retries run out.
    public func perform(operation: String, retry: RetryPolicy, prepare: () throws -> AWSRequest) throws -> AWSHTTPResponse {
        try retrying(retry) {
            let response = try send(try prepare())
            return response.isSuccess ? .success(response) : .failure(AWSServiceError.parse(response, operation: operation))
        }
    }

    /// Runs `attempt` until it succeeds, retrying per `retry` the failures it reports (an
    /// answer it returns as `.failure`) and the transport errors it throws; any other error
    /// it throws ends the call at once.
    func retrying<T>(_ retry: RetryPolicy, _ attempt: () throws -> Result<T, Error>) throws -> T {
        let start = Date()
        var attempts = 0
        while true {
            attempts += 1
            let error: Error
            do {
                switch try attempt() {
                case .success(let value): return value
                case .failure(let e): error = e
                }
            } catch let e as AWSTransportError {
                error = e
            }
            let elapsed = Date().timeIntervalSince(start)
            guard RetryPolicy.isRetryable(error), attempts < retry.maxAttempts, elapsed < retry.noProgressDeadline else {
                throw error
            }
            let wait = min(retry.delay(beforeRetry: attempts), retry.noProgressDeadline - elapsed)
            if wait > 0 { Thread.sleep(forTimeInterval: wait) }
            if Date().timeIntervalSince(start) >= retry.noProgressDeadline { throw error }
        }
    }

    /// The URL without its query (a presigned URL's query carries a signature).
    static func redactedURL(_ url: URL) -> String {
        guard var c = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return "<url>" }
        c.query = nil
        c.user = nil
        c.password = nil
        return c.string ?? "<url>"
    }

    /// Maps AsyncHTTPClient's, SwiftNIO's and swift-nio-ssl's errors onto the kinds callers
    /// retry (or not) by.
    static func classify(_ error: Error, url: String, caBundle: String?) -> AWSTransportError {
        func make(_ kind: AWSTransportError.Kind, _ detail: String) -> AWSTransportError {
            AWSTransportError(kind: kind, url: url, detail: detail)
        }
        switch error {
        case let e as AWSTransportError:
            return e
        case let e as HTTPClientError:
            switch e {
            case .remoteConnectionClosed:
                return make(.connectionLost, "the server closed the connection before answering")
            case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .tlsHandshakeTimeout,
                 .getConnectionFromPoolTimeout:
                return make(.timeout, "\(e)")
            case .invalidURL, .emptyHost, .emptyScheme, .missingSocketPath, .bodyLengthMismatch,
                 .traceRequestWithBody, .identityCodingIncorrectlyPresent:
                return make(.invalidRequest, "\(e)")
            default:
                return make(.other, "\(e)")
            }
        case let e as NIOConnectionError:
            // Every address refused, was unreachable, or the name did not resolve.
            var parts: [String] = []
            if let dns = e.dnsAError ?? e.dnsAAAAError, e.connectionErrors.isEmpty { parts.append("DNS: \(dns)") }
            parts += e.connectionErrors.map { "\($0.target): \($0.error)" }
            return make(.connectionFailed, "cannot connect to \(e.host):\(e.port): " + parts.joined(separator: "; "))
        case let e as IOError:
            switch e.errnoCode {
            case ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, EADDRNOTAVAIL:
                return make(.connectionFailed, "\(e)")
            case ECONNRESET, EPIPE, ECONNABORTED:
                return make(.connectionLost, "\(e)")
            case ETIMEDOUT:
                return make(.timeout, "\(e)")
            default:
                return make(.other, "\(e)")
            }
        case let e as ChannelError:
            switch e {
            case .connectTimeout:
                return make(.timeout, "\(e)")
            case .eof, .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed:
                return make(.connectionLost, "\(e)")
            default:
                return make(.other, "\(e)")
            }
        case is HTTPParserError:
            return make(.connectionLost, "malformed HTTP answer: \(error)")
        case let e as NIOSSLError:
            if case .uncleanShutdown = e {
                // The connection was cut without a TLS close: a dropped connection, not a trust failure.
                return make(.connectionLost, "the server closed the TLS connection before answering")
            }
            return make(.tls, tlsDetail("\(e)", caBundle: caBundle))
        case let e as NIOSSLExtraError:
            return make(.tls, tlsDetail("\(e)", caBundle: caBundle))
        default:
            return make(.other, "\(error)")
        }
    }

    static func tlsDetail(_ detail: String, caBundle: String?) -> String {
        if let caBundle { return detail + " (trusted roots: AWS_CA_BUNDLE \(caBundle))" }
        return detail + " (trusted roots: the system's; set AWS_CA_BUNDLE for a private CA)"
    }
}
