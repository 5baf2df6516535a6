// Builds an array on every core: the loader parses the detector files this way, and the
// detector set compiles their regexes (start-up is mostly those two).

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
