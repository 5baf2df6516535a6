// A value made the first time a thread asks for it, not at start-up: a pattern's JIT
// compile (PCRE2Pattern) and a detector's keyword matcher (LazyKeywordMatcher), most of
// which a given scan never needs. The first caller makes it under a lock; after that a
// read is one load of a flag with acquiring order (the flag is set with releasing order
// once the value is in place, so a reader that sees it set sees the value).

import Synchronization

final class BuiltOnFirstUse<Value>: @unchecked Sendable {
    // `storage` is initialised once, under `lock`, before `built` is set, and read only
    // after `built` was seen set; `make` is called at most once, under `lock`.
    private let make: () -> Value
    private let built = Atomic<Bool>(false)
    private let lock = Mutex<Void>(())
    private let storage = UnsafeMutablePointer<Value>.allocate(capacity: 1)

    init(_ make: @escaping () -> Value) {
        self.make = make
    }

    /// A value that is already made.
    convenience init(made value: Value) {
        self.init { value }
        _ = self.value
    }

    deinit {
        if built.load(ordering: .acquiring) { storage.deinitialize(count: 1) }
        storage.deallocate()
    }

    /// The value, made on the first call.
    @inline(__always)
    var value: UnsafePointer<Value> {
        if !built.load(ordering: .acquiring) { build() }
        return UnsafePointer(storage)
    }

    /// The value if it is made; nil before the first call of `value`.
    var madeValue: UnsafePointer<Value>? {
        built.load(ordering: .acquiring) ? UnsafePointer(storage) : nil
    }

    @inline(never)
    private func build() {
        lock.withLock { _ in
            if built.load(ordering: .acquiring) { return }
            storage.initialize(to: make())
            built.store(true, ordering: .releasing)
        }
    }
}
