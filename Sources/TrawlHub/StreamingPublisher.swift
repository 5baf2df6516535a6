// Publishing while a scan runs: findings are handed over as objects finish and sent in
// batches by a thread of their own. The hand-over queue is bounded, so a slow hub
// slows the scan's output instead of growing memory: `submit` waits while the queue
// is full.

import Foundation

public final class StreamingPublisher: @unchecked Sendable {
    let publisher: FindingPublisher
    let capacity: Int
    private let condition = NSCondition()
    private var queue: [[UInt8]] = []
    private var finishing = false
    private var done = false
    private var report = PublishReport()
    private var thread: Thread?

    /// Findings waiting to be sent at most (the scan blocks beyond).
    public init(publisher: FindingPublisher, capacity: Int = 1_000) {
        self.publisher = publisher
        self.capacity = max(FindingBatcher.maxFindingsPerRequest, capacity)
        let thread = Thread { [unowned self] in self.run() }
        thread.name = "trawl-publish"
        self.thread = thread
        thread.start()
    }

    /// Hand one finding over; waits while the queue is full.
    public func submit(_ finding: [UInt8]) {
        condition.lock()
        while queue.count >= capacity && !done { condition.wait() }
        queue.append(finding)
        condition.broadcast()
        condition.unlock()
    }

    /// Send what is queued, stop the thread and return what happened.
    public func finish() -> PublishReport {
        condition.lock()
        finishing = true
        condition.broadcast()
        while !done { condition.wait() }
        let result = report
        condition.unlock()
        return result
    }

    private func run() {
        var batcher = FindingBatcher()
        while true {
            condition.lock()
            // Wait for a full batch, or for the end; a partial batch goes after a short linger.
            if queue.count < FindingBatcher.maxFindingsPerRequest && !finishing {
                _ = condition.wait(until: Date().addingTimeInterval(0.5))
            }
            let taken = Array(queue.prefix(FindingBatcher.maxFindingsPerRequest))
            queue.removeFirst(taken.count)
            let last = finishing && queue.isEmpty
            condition.broadcast()
            condition.unlock()

            var part = PublishReport()
            for f in taken {
                switch batcher.add(f) {
                case .queued: break
                case .batch(let b): part.add(publisher.send(b))
                case .tooLarge: part.tooLarge.append((try? FindingDocument.identity(f).id) ?? "?")
                }
            }
            if let rest = batcher.flush() { part.add(publisher.send(rest)) }
            condition.lock()
            report.add(part)
            if last {
                report.leftInSpool = (try? publisher.spool.count()) ?? 0
                done = true
                condition.broadcast()
                condition.unlock()
                return
            }
            condition.unlock()
        }
    }
}
