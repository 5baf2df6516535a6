// Blocking HTTP for AWS calls on FoundationNetworking's URLSession: the scanner's workers
// are threads, so a call waits on a semaphore for URLSession's completion handler. One
// client (one URLSession) may be shared by every thread. `send` is one attempt; `perform`
// signs each attempt afresh and retries per RetryPolicy.
//
// AWS_CA_BUNDLE: not honoured on Linux. FoundationNetworking drives libcurl but gives no
// way to set a CA file per session (its URLSessionCertificateAuthorityInfoFile variable is
// read on Android only, and server-trust challenges are not delivered on Linux), so a
// private CA must be in the system trust store (update-ca-certificates). The resolved
// bundle path is kept in AWSClientConfiguration, and a TLS failure names it in its message.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

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
    let session: URLSession
    /// Per-attempt timeout, seconds.
    public let timeout: TimeInterval
    /// Named in TLS failure messages (see the file header).
    public let caBundle: String?

    public init(timeout: TimeInterval = 30, caBundle: String? = nil) {
        let config = URLSessionConfiguration.ephemeral
        config.timeoutIntervalForRequest = timeout
        config.timeoutIntervalForResource = max(timeout, 60)
        config.requestCachePolicy = .reloadIgnoringLocalCacheData
        config.urlCache = nil
        config.httpCookieStorage = nil
        config.httpShouldSetCookies = false
        self.session = URLSession(configuration: config)
        self.timeout = timeout
        self.caBundle = caBundle
    }

    deinit { session.finishTasksAndInvalidate() }

    /// One attempt. Any HTTP status is a response; only transport failures throw.
    public func send(_ request: AWSRequest, timeout: TimeInterval? = nil) throws -> AWSHTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.timeoutInterval = timeout ?? self.timeout
        for h in request.headers where h.name.caseInsensitiveCompare("host") != .orderedSame {
            urlRequest.addValue(h.value, forHTTPHeaderField: h.name)
        }
        if !request.body.isEmpty || request.method == "POST" || request.method == "PUT" {
            urlRequest.httpBody = request.body
        }
        let outcome = Mutex<Result<AWSHTTPResponse, AWSTransportError>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let urlText = Self.redactedURL(request.url)
        let caBundle = self.caBundle
        let task = session.dataTask(with: urlRequest) { data, response, error in
            let result: Result<AWSHTTPResponse, AWSTransportError>
            if let error {
                result = .failure(Self.classify(error, url: urlText, caBundle: caBundle))
            } else if let http = response as? HTTPURLResponse {
                var headers: [String: String] = [:]
                for (k, v) in http.allHeaderFields {
                    if let k = k as? String { headers[k.lowercased()] = "\(v)" }
                }
                result = .success(AWSHTTPResponse(status: http.statusCode, headers: headers, body: data ?? Data()))
            } else {
                result = .failure(AWSTransportError(kind: .other, url: urlText, detail: "no HTTP response"))
            }
            outcome.withLock { $0 = result }
            done.signal()
        }
        task.resume()
        done.wait()
        return try outcome.withLock { $0! }.get()
    }

    /// Signs (through `prepare`, called afresh for each attempt so X-Amz-Date is current)
    /// and sends, retrying retryable failures per `retry`. A non-2xx answer is thrown as
    /// AWSServiceError; the last error is thrown when retries run out.
    public func perform(operation: String, retry: RetryPolicy, prepare: () throws -> AWSRequest) throws -> AWSHTTPResponse {
        let start = Date()
        var attempt = 0
        while true {
            attempt += 1
            let error: Error
            do {
                let response = try send(try prepare())
                if response.isSuccess { return response }
                error = AWSServiceError.parse(response, operation: operation)
            } catch let e as AWSTransportError {
                error = e
            }
            let elapsed = Date().timeIntervalSince(start)
            guard RetryPolicy.isRetryable(error), attempt < retry.maxAttempts, elapsed < retry.noProgressDeadline else {
                throw error
            }
            let wait = min(retry.delay(beforeRetry: attempt), retry.noProgressDeadline - elapsed)
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

    static func classify(_ error: Error, url: String, caBundle: String?) -> AWSTransportError {
        let ns = error as NSError
        let detail = ns.localizedDescription
        guard ns.domain == NSURLErrorDomain else {
            return AWSTransportError(kind: .other, url: url, detail: detail)
        }
        switch ns.code {
        case NSURLErrorTimedOut:
            return AWSTransportError(kind: .timeout, url: url, detail: detail)
        case NSURLErrorCannotConnectToHost, NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed,
             NSURLErrorNotConnectedToInternet:
            return AWSTransportError(kind: .connectionFailed, url: url, detail: detail)
        case NSURLErrorNetworkConnectionLost, NSURLErrorBadServerResponse, NSURLErrorCannotParseResponse,
             NSURLErrorZeroByteResource:
            return AWSTransportError(kind: .connectionLost, url: url, detail: detail)
        case NSURLErrorSecureConnectionFailed, NSURLErrorServerCertificateUntrusted,
             NSURLErrorServerCertificateHasBadDate, NSURLErrorServerCertificateHasUnknownRoot,
             NSURLErrorServerCertificateNotYetValid, NSURLErrorClientCertificateRejected:
            var d = detail
            if let caBundle {
                d += " (AWS_CA_BUNDLE=\(caBundle) is not honoured on Linux: add the CA to the system trust store)"
            }
            return AWSTransportError(kind: .tls, url: url, detail: d)
        case NSURLErrorBadURL, NSURLErrorUnsupportedURL:
            return AWSTransportError(kind: .invalidRequest, url: url, detail: detail)
        default:
            return AWSTransportError(kind: .other, url: url, detail: detail)
        }
    }
}
