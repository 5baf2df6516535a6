// Delivers findings to Security Hub exactly once in effect: every batch is in the spool
// before its first call and leaves it only once the hub accepted (or refused for good)
// each finding; whole-call failures and per-finding failures that are retryable
// (throttling, internal errors, 429/5xx, dropped connections) are retried with
// exponential backoff and full jitter; what is refused for good (InvalidInput, ...) is
// reported by Id. Publishing gives up after `noProgressTimeout` without an accepted
// finding, or at once on an error no retry can fix (access denied, a bad signature),
// leaving what is unsent in the spool for a later `trawl publish --spool DIR`.
// Re-sending a finding is harmless: the same Id updates it (UpdatedAt is set to the
// time of sending), it never duplicates.

import Foundation
import TrawlAWS

public struct PublishReport: Sendable {
    /// Findings the hub accepted.
    public var accepted = 0
    /// Findings the hub refused for good, by Id.
    public var rejected: [BatchImportResult.Failure] = []
    /// Findings over the per-finding size limit, never sent (their Ids).
    public var tooLarge: [String] = []
    /// Findings still in the spool when publishing ended.
    public var leftInSpool = 0
    /// Why publishing stopped before everything was delivered.
    public var stopped: String?

    public init() {}

    public mutating func add(_ other: PublishReport) {
        accepted += other.accepted
        rejected += other.rejected
        tooLarge += other.tooLarge
        stopped = stopped ?? other.stopped
    }
}

public final class FindingPublisher: @unchecked Sendable {
    public struct Options: Sendable {
        public var retry = RetryPolicy(base: 0.2, cap: 10, maxAttempts: Int.max, noProgressDeadline: 60)
        /// Give up after this long without an accepted finding (the --timeout flag).
        public var noProgressTimeout: TimeInterval = 60
        public init() {}
    }

    let client: SecurityHubClient
    public let spool: FindingSpool
    let options: Options
    /// When a finding was last accepted, or a batch started after the last one settled:
    /// time spent waiting for the scan is not time without progress.
    private var lastProgress = Date()
    private var failedFor: String?

    public init(client: SecurityHubClient, spool: FindingSpool, options: Options = Options()) {
        self.client = client
        self.spool = spool
        self.options = options
    }

    /// Publish `findings` (ASFF JSON objects), batch by batch.
    public func publish(_ findings: some Sequence<[UInt8]>) -> PublishReport {
        var report = PublishReport()
        var batcher = FindingBatcher()
        for f in findings {
            switch batcher.add(f) {
            case .queued: break
            case .batch(let b): report.add(send(b))
            case .tooLarge: report.tooLarge.append((try? FindingDocument.identity(f).id) ?? "?")
            }
        }
        if let rest = batcher.flush() { report.add(send(rest)) }
        report.leftInSpool = (try? spool.count()) ?? 0
        return report
    }

    /// Send what earlier runs left in the spool.
    public func publishSpool() -> PublishReport {
        var report = PublishReport()
        do {
            for batch in try spool.pending() {
                report.add(send(try spool.load(batch), stored: batch))
            }
        } catch {
            report.stopped = report.stopped ?? "\(error)"
        }
        report.leftInSpool = (try? spool.count()) ?? 0
        return report
    }

    /// One batch: into the spool, then to the hub until each finding is settled.
    func send(_ findings: [[UInt8]], stored: SpoolBatch? = nil) -> PublishReport {
        var report = PublishReport()
        let batch: SpoolBatch
        do {
            batch = try stored ?? spool.store(findings)
        } catch {
            report.stopped = "cannot spool findings: \(error)"
            return report
        }
        // Once publishing has failed for good, findings only go to the spool.
        if let failedFor {
            report.stopped = failedFor
            return report
        }
        var remaining = findings
        var attempt = 0
        lastProgress = Date()
        while !remaining.isEmpty {
            attempt += 1
            let stamp = FindingDocument.timestamp(Date())
            let outgoing = remaining.map { (try? FindingDocument.updated($0, updatedAt: stamp)) ?? $0 }
            do {
                let result = try client.batchImportFindings(outgoing)
                if result.successCount > 0 { lastProgress = Date() }
                report.accepted += result.successCount
                var retry: Set<String> = []
                for failure in result.failed {
                    if RetryPolicy.isRetryable(AWSServiceError(status: 400, code: failure.code, message: nil)) {
                        retry.insert(failure.id)
                    } else {
                        report.rejected.append(failure)
                    }
                }
                remaining = remaining.filter { retry.contains((try? FindingDocument.identity($0).id) ?? "") }
                try? spool.settle(batch, keeping: remaining)
                if remaining.isEmpty { break }
            } catch {
                guard RetryPolicy.isRetryable(error) else {
                    failedFor = "Security Hub refused the request: \(error)"
                    report.stopped = failedFor
                    return report
                }
            }
            if Date().timeIntervalSince(lastProgress) >= options.noProgressTimeout {
                failedFor = "no finding was accepted for \(Int(options.noProgressTimeout)) seconds"
                report.stopped = failedFor
                return report
            }
            let wait = options.retry.delay(beforeRetry: attempt)
            Thread.sleep(forTimeInterval: min(wait, max(0, options.noProgressTimeout - Date().timeIntervalSince(lastProgress))))
        }
        return report
    }
}
