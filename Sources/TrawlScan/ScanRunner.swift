// Runs a scan: `jobs` worker threads pull objects from the source's listing, classify
// them (each with its own engine, buffers and PCRE2 match data) and hand the results
// back in listing order, so every output is deterministic whatever the parallelism.
// Workers may run ahead of the oldest unfinished object by at most `maxAhead`
// results, which bounds the memory held for reordering. The listing's last object
// may be split across threads from a lower size on (ObjectScanner.classify's `last`):
// the other workers have nothing left to take, so its ranges fill the idle cores.

import Foundation
import TrawlDetectors
import TrawlFindings
import TrawlStorage

public struct ScanSettings: Sendable {
    public var jobs: Int
    public var chunkSize: Int
    public var limits: ObjectLimits
    /// Results a worker may finish ahead of the oldest unfinished object.
    public var maxAhead: Int
    /// Which listed objects are classified.
    public var scope = ObjectScope()

    public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, chunkSize: Int = 256 * 1024,
                limits: ObjectLimits = ObjectLimits(), maxAhead: Int = 4096) {
        self.jobs = max(1, jobs)
        self.chunkSize = chunkSize
        self.limits = limits
        self.maxAhead = max(1, maxAhead)
    }
}

public enum ScanRunner {
    /// Scan every object of `source` in the settings' scope; `prepare` is called on the
    /// worker for each result (encoding its result line and finding, say), so that work
    /// runs on every core, then `deliver` once per object, in listing order, on one thread
    /// at a time, with what was prepared. Returns how many listed objects were outside the
    /// scope. Throws only when the listing itself fails.
    /// `reuse` (incremental scans, see ScanState) is asked first, on the worker: a result
    /// it returns is delivered in place of classifying the object. `reuse` and `prepare`
    /// must be thread-safe.
    @discardableResult
    public static func run<Prepared>(source: any ObjectSource, detectors: DetectorSet, settings: ScanSettings,
                                     progress: ScanProgress? = nil,
                                     reuse: (@Sendable (ObjectRef) -> ClassificationResult?)? = nil,
                                     prepare: @escaping @Sendable (ClassificationResult) -> Prepared,
                                     deliver: @escaping (ClassificationResult, Prepared) -> Void) throws -> Int {
        let listing = Listing(try source.makeIterator(), scope: settings.scope)
        let delivery = OrderedDelivery<Prepared>(maxAhead: settings.maxAhead, deliver: deliver)
        let group = DispatchGroup()
        for _ in 0..<settings.jobs {
            group.enter()
            let thread = Thread {
                let scanner = ObjectScanner(source: source, set: detectors, limits: settings.limits,
                                            chunkSize: settings.chunkSize, parts: settings.jobs)
                while let (seq, ref, last) = listing.next() {
                    delivery.waitForRoom(seq)
                    let result = reuse?(ref) ?? scanner.classify(ref, last: last)
                    progress?.objectDone(result)
                    delivery.complete(seq, result, prepare(result))
                }
                group.leave()
            }
            thread.stackSize = 4 << 20
            thread.start()
        }
        group.wait()
        return listing.outOfScope
    }
}

/// The source's iterator, shared by the workers. It reads one object ahead, so it can
/// tell a worker that the object it hands out is the last in scope.
final class Listing: @unchecked Sendable {
    private let lock = NSLock()
    private let iterator: AnyIterator<ObjectRef>
    private let scope: ObjectScope
    private var seq = 0
    private(set) var outOfScope = 0
    /// The next object in scope, read ahead; nil before the first call and at the end.
    private var ahead: ObjectRef?
    private var started = false

    init(_ iterator: AnyIterator<ObjectRef>, scope: ObjectScope = ObjectScope()) {
        self.iterator = iterator
        self.scope = scope
    }

    /// The next object, its sequence number, and whether no object in scope follows it.
    func next() -> (Int, ObjectRef, last: Bool)? {
        lock.lock()
        defer { lock.unlock() }
        if !started {
            started = true
            ahead = nextInScope()
        }
        guard let ref = ahead else { return nil }
        ahead = nextInScope()
        defer { seq += 1 }
        return (seq, ref, ahead == nil)
    }

    private func nextInScope() -> ObjectRef? {
        while let ref = iterator.next() {
            if scope.isEverything || scope.contains(ref) { return ref }
            outOfScope += 1
        }
        return nil
    }
}

/// Hands results to `deliver` in sequence order.
final class OrderedDelivery<Prepared>: @unchecked Sendable {
    private let condition = NSCondition()
    private var next = 0
    private var pending: [Int: (ClassificationResult, Prepared)] = [:]
    private let maxAhead: Int
    private let deliver: (ClassificationResult, Prepared) -> Void

    init(maxAhead: Int, deliver: @escaping (ClassificationResult, Prepared) -> Void) {
        self.maxAhead = maxAhead
        self.deliver = deliver
    }

    func waitForRoom(_ seq: Int) {
        condition.lock()
        while seq - next >= maxAhead { condition.wait() }
        condition.unlock()
    }

    func complete(_ seq: Int, _ result: ClassificationResult, _ prepared: Prepared) {
        condition.lock()
        pending[seq] = (result, prepared)
        while let (r, p) = pending.removeValue(forKey: next) {
            deliver(r, p)
            next += 1
        }
        condition.broadcast()
        condition.unlock()
    }
}
