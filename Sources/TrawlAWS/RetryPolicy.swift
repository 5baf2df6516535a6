// When to try a failed AWS call again and how long to wait: exponential backoff with
// "full jitter" (a random wait between 0 and min(cap, base * 2^attempt)), bounded by a
// number of attempts and by an overall no-progress deadline, so a throttled or broken
// endpoint delays a scan by a bounded time and never stalls it.
import Foundation

public struct RetryPolicy: Sendable {
    /// Base delay in seconds (first retry waits up to base * 2).
    public var base: TimeInterval
    /// Largest single wait.
    public var cap: TimeInterval
    /// Attempts in all, the first included (1 = no retry).
    public var maxAttempts: Int
    /// No new attempt starts once this long has passed without success since the call began.
    public var noProgressDeadline: TimeInterval

    public init(base: TimeInterval = 0.1, cap: TimeInterval = 20, maxAttempts: Int = 5,
                noProgressDeadline: TimeInterval = 120) {
        self.base = base
        self.cap = cap
        self.maxAttempts = max(1, maxAttempts)
        self.noProgressDeadline = noProgressDeadline
    }

    public static let `default` = RetryPolicy()
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The wait before retry number `retry` (1 = the first retry): uniform in
    /// [0, min(cap, base * 2^retry)].
    public func delay(beforeRetry retry: Int, random: (ClosedRange<Double>) -> Double = { Double.random(in: $0) }) -> TimeInterval {
        let ceiling = min(cap, base * pow(2, Double(min(retry, 62))))
        return ceiling > 0 ? random(0...ceiling) : 0
    }

    /// Error codes the SDKs retry (throttling and transient service faults).
    public static let retryableCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "TooManyRequestsException",
        "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException", "LimitExceededException",
        "ProvisionedThroughputExceededException", "BandwidthLimitExceeded", "SlowDown",
        "InternalException", "InternalFailure", "InternalError", "InternalServerError",
        "ServiceUnavailable", "ServiceUnavailableException", "RequestTimeout", "RequestTimeoutException",
        "PriorRequestNotComplete", "TransactionInProgressException",
    ]

    /// Whether an error from one attempt is worth another.
    public static func isRetryable(_ error: Error) -> Bool {
        switch error {
        case let e as AWSServiceError:
            if let code = e.code {
                if retryableCodes.contains(code) { return true }
                if code.hasPrefix("InvalidInput") || code == "InvalidAccessException" || code.hasPrefix("AccessDenied")
                    || code.contains("Signature") || code == "ExpiredToken" || code == "UnrecognizedClientException" {
                    return false
                }
            }
            return e.status == 429 || (500...599).contains(e.status)
        case let e as AWSTransportError:
            return e.isRetryable
        default:
            return false
        }
    }
}
