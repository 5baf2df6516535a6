// Builds an array on every core: the loader parses the detector files (and compiles their
// regexes) this way, most of start-up. `concurrently` runs two unlike builds side by side
// (the detector set's keyword and anchor indexes, and its field-name keywords).

import Dispatch

/// `[body(0), body(1), ..., body(count - 1)]`, the calls spread over all cores.
func parallelMap<T>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    // Each slot is written by one iteration only.
    nonisolated(unsafe) let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
    results.initialize(repeating: nil)
    defer { results.deinitialize(); results.deallocate() }
    DispatchQueue.concurrentPerform(iterations: count) { i in results[i] = body(i) }
    return results.map { $0! }
}

/// `(a(), b())`, the two run side by side.
func concurrently<A, B>(_ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
    // Each slot is written by one iteration only.
    nonisolated(unsafe) var first: A?
    nonisolated(unsafe) var second: B?
    DispatchQueue.concurrentPerform(iterations: 2) { i in
        if i == 0 { first = a() } else { second = b() }
    }
    return (first!, second!)
}
