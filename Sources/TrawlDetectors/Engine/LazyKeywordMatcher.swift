// A detector's keyword matcher (KeywordMatcher), built on the first match that needs it:
// most detectors report nothing in a given scan, and building the matchers of all 144
// was 10M of start-up's 176M instructions. As with the JIT compile (PCRE2Pattern), the
// first caller builds it under a lock; after that a check reads one flag.

import Synchronization

final class LazyKeywordMatcher: @unchecked Sendable {
    // `storage` is initialised once, under `lock`, before `built` is set (releasing
    // order); read only after `built` was seen set (acquiring order).
    private let words: [String]
    private let built = Atomic<Bool>(false)
    private let lock = Mutex<Void>(())
    private let storage = UnsafeMutablePointer<KeywordMatcher>.allocate(capacity: 1)
    /// Whether there is no keyword to look for (none given, or only empty strings): the
    /// built matcher's `isEmpty`, known without building it.
    let isEmpty: Bool

    init(_ words: [String]) {
        self.words = words
        isEmpty = words.allSatisfy(\.isEmpty)
    }

    deinit {
        if built.load(ordering: .acquiring) { storage.deinitialize(count: 1) }
        storage.deallocate()
    }

    /// The matcher, built on the first call.
    @inline(__always)
    var matcher: UnsafePointer<KeywordMatcher> {
        if !built.load(ordering: .acquiring) { build() }
        return UnsafePointer(storage)
    }

    @inline(never)
    private func build() {
        lock.withLock { _ in
            if built.load(ordering: .acquiring) { return }
            storage.initialize(to: KeywordMatcher(words))
            built.store(true, ordering: .releasing)
        }
    }
}
