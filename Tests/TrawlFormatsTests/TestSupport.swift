// Test helpers for TrawlFormats: sources with awkward read sizes, draining a
// source, running system tools (gzip, iconv, ...) to get independent fixtures.

import Foundation
import XCTest
@_exported import TrawlTestSupport
@testable import TrawlFormats

/// Serves `bytes` in reads of 1...7 bytes (a fixed, irregular cycle), so that
/// every multi-byte structure gets split at odd and even offsets.
struct ChunkedByteSource: ByteSource {
    let bytes: [UInt8]
    var position = 0
    var step = 0
    let sizes: [Int]

    init(_ bytes: [UInt8], sizes: [Int] = [1, 3, 2, 7, 5, 1, 4, 6, 2, 3]) {
        self.bytes = bytes
        self.sizes = sizes
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let want = sizes[step % sizes.count]
        step += 1
        let n = min(want, buffer.count, bytes.count - position)
        guard n > 0 else { return 0 }
        for k in 0..<n { buffer[k] = bytes[position + k] }
        position += n
        return n
    }
}

/// Reads `source` to its end with reads of `bufferSizes` (cycled).
func drain<S: ByteSource>(_ source: inout S, bufferSizes: [Int] = [64 * 1024]) throws -> [UInt8] {
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: bufferSizes.max()!)
    var step = 0
    var zeroReadsInARow = 0
    while true {
        let size = bufferSizes[step % bufferSizes.count]
        step += 1
        let n = try buffer.withUnsafeMutableBytes {
            try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[..<size]))
        }
        XCTAssertLessThanOrEqual(n, size)
        if n == 0 {
            // End of stream: a second read must also return 0.
            zeroReadsInARow += 1
            if zeroReadsInARow == 2 { return out }
            continue
        }
        XCTAssertEqual(zeroReadsInARow, 0, "a source returned data after signalling its end")
        out.append(contentsOf: buffer[..<n])
    }
}

/// Deterministic pseudo-random numbers (SplitMix64), so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
    var rng = SplitMix64(seed: seed)
    return (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
}

