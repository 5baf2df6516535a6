// The read-ahead thread must hand over exactly the upstream's bytes, in order, pass on
// its error after the bytes read before it, and stop when dropped early.

import Foundation
import XCTest
@testable import TrawlFormats

final class ReadAheadByteSourceTests: XCTestCase {
    func readAll(_ source: ReadAheadByteSource, pieces: [Int]) throws -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        var k = 0
        while true {
            let want = pieces[k % pieces.count]
            k += 1
            let n = try buffer.withUnsafeMutableBytes { try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[..<want])) }
            if n == 0 { return out }
            out += buffer[..<n]
        }
    }

    func testDeliversTheUpstreamBytesInOrder() throws {
        let bytes = (0..<100_003).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
        for (blockSize, blocks) in [(1, 2), (7, 3), (4096, 4), (1 << 20, 2)] {
            let source = ReadAheadByteSource(upstream: MemoryByteSource(bytes), blockSize: blockSize, blocks: blocks)
            XCTAssertEqual(try readAll(source, pieces: [1, 64, 13, 7]), bytes, "block \(blockSize) x \(blocks)")
            XCTAssertEqual(try readAll(source, pieces: [64]), [], "stays at the end")
        }
    }

    struct FailingSource: ByteSource {
        var left = 1000
        mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            if left == 0 { throw ByteSourceError.readFailed(errno: 5) }
            let n = min(left, buffer.count)
            for i in 0..<n { buffer[i] = 65 }
            left -= n
            return n
        }
    }

    func testAnUpstreamErrorArrivesAfterTheBytesBeforeIt() {
        let source = ReadAheadByteSource(upstream: FailingSource(), blockSize: 100, blocks: 3)
        var got = 0
        var buffer = [UInt8](repeating: 0, count: 64)
        XCTAssertThrowsError(try {
            while true {
                let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
                if n == 0 { break }
                got += n
            }
        }()) { XCTAssertEqual($0 as? ByteSourceError, .readFailed(errno: 5)) }
        XCTAssertEqual(got, 1000)
    }

    func testDroppingItEarlyStopsTheThread() throws {
        // 64 MiB upstream, 2 blocks of 4 KiB: the thread blocks on full buffers; dropping
        // the source must cancel and join it rather than hang or read on.
        var source: ReadAheadByteSource? = ReadAheadByteSource(
            upstream: MemoryByteSource([UInt8](repeating: 1, count: 64 << 20)), blockSize: 4096, blocks: 2)
        var buffer = [UInt8](repeating: 0, count: 10)
        XCTAssertEqual(try buffer.withUnsafeMutableBytes { try source!.read(into: $0) }, 10)
        source = nil
    }
}
