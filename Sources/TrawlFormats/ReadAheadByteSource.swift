// Reads an upstream source on a thread of its own into a few fixed blocks, so that
// producing the bytes (inflating a gzip stream) and consuming them (scanning) overlap
// on two cores. Memory is bounded by `blocks` x `blockSize`. The upstream is touched
// only by the reading thread until it has finished, so the caller may inspect it (e.g.
// GzipByteSource.damage) once `read` has returned 0. Dropping the source early stops
// the thread and waits for it.

import Foundation

public final class ReadAheadByteSource: ByteSource {
    /// What the reading thread and the consumer share, under `condition`.
    private final class Shared: @unchecked Sendable {
        let condition = NSCondition()
        var freeBlocks: [UnsafeMutableRawBufferPointer]
        var readyBlocks: [(block: UnsafeMutableRawBufferPointer, count: Int)] = []
        var finished = false
        var cancelled = false
        var failure: Error?
        let done = DispatchSemaphore(value: 0)

        init(blocks: [UnsafeMutableRawBufferPointer]) { freeBlocks = blocks }
    }

    /// The upstream source, owned by the reader thread once it starts.
    private final class UpstreamBox: @unchecked Sendable {
        var upstream: any ByteSource
        init(_ upstream: any ByteSource) { self.upstream = upstream }
    }

    private let shared: Shared
    private let allBlocks: [UnsafeMutableRawBufferPointer]
    private var current: (block: UnsafeMutableRawBufferPointer, count: Int, offset: Int)?

    public init(upstream: some ByteSource, blockSize: Int = 256 * 1024, blocks: Int = 4) {
        allBlocks = (0..<max(2, blocks)).map { _ in
            UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, blockSize), alignment: 64)
        }
        let shared = Shared(blocks: allBlocks)
        self.shared = shared
        // The upstream moves to the reader thread as an existential in a box, so the
        // closure captures no generic metatype (one dynamic call per 256 KiB block).
        let source = UpstreamBox(upstream)
        let thread = Thread {
            defer { shared.done.signal() }
            let c = shared.condition
            while true {
                c.lock()
                while shared.freeBlocks.isEmpty && !shared.cancelled { c.wait() }
                if shared.cancelled {
                    c.unlock()
                    return
                }
                let block = shared.freeBlocks.removeLast()
                c.unlock()
                var count = 0
                var failure: Error?
                do { count = try source.upstream.read(into: block) } catch { failure = error }
                c.lock()
                if count > 0 {
                    shared.readyBlocks.append((block, count))
                } else {
                    shared.freeBlocks.append(block)
                    shared.failure = failure
                    shared.finished = true
                }
                c.broadcast()
                c.unlock()
                if count == 0 { return }
            }
        }
        thread.start()
    }

    deinit {
        shared.condition.lock()
        shared.cancelled = true
        shared.condition.broadcast()
        shared.condition.unlock()
        shared.done.wait()
        for b in allBlocks { b.deallocate() }
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard buffer.count > 0, let out = buffer.baseAddress else { return 0 }
        if current == nil || current!.offset == current!.count {
            let c = shared.condition
            c.lock()
            if let used = current { shared.freeBlocks.append(used.block) }
            current = nil
            c.broadcast()
            while shared.readyBlocks.isEmpty && !shared.finished { c.wait() }
            if shared.readyBlocks.isEmpty {
                let failure = shared.failure
                c.unlock()
                if let failure { throw failure }
                return 0
            }
            let next = shared.readyBlocks.removeFirst()
            c.unlock()
            current = (next.block, next.count, 0)
        }
        let n = min(buffer.count, current!.count - current!.offset)
        out.copyMemory(from: current!.block.baseAddress! + current!.offset, byteCount: n)
        current!.offset += n
        return n
    }
}
