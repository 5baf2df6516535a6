// Appending bytes of every length around the inline copy's cut-offs (4, 8, 16), across
// growth, against an Array built the plain way.

import XCTest
@testable import TrawlFormats

final class PlainBufferTests: XCTestCase {
    func testAppendingBytesOfEveryLengthKeepsThemInOrder() {
        var rng = SplitMix64(seed: 3)
        var buffer = PlainBuffer<UInt8>(capacity: 16)
        var expected: [UInt8] = []
        for round in 0..<400 {
            let length = round < 41 ? round : Int(rng.next() % 41)
            let piece = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            piece.withUnsafeBytes { buffer.append(contentsOf: $0) }
            expected += piece
            if round % 97 == 96 {
                buffer.truncate(to: expected.count / 2)
                expected.removeLast(expected.count - expected.count / 2)
            }
        }
        XCTAssertEqual(Array(buffer.bytes), expected)
    }
}
