// Appending bytes of every length around the inline copy's cut-offs (4, 8, 16), across
// growth, against an Array built the plain way; the same for the copy that replaces one
// byte (the C kernel's vector, overlapping-tail and byte paths: lengths 0-100).

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

    func testAppendingWithOneByteReplacedAtEveryLength() {
        var rng = SplitMix64(seed: 11)
        var buffer = PlainBuffer<UInt8>(capacity: 16)
        var expected: [UInt8] = []
        for length in 0...100 {
            for _ in 0..<3 {
                // Mostly commas and a few other bytes, so every position of a vector and of
                // its tails sees both kinds; 0x0A already present must stay as it is.
                let piece = (0..<length).map { _ -> UInt8 in
                    switch rng.next() % 4 {
                    case 0: UInt8(ascii: ",")
                    case 1: 0x0A
                    default: UInt8(truncatingIfNeeded: rng.next())
                    }
                }
                piece.withUnsafeBytes { buffer.append(contentsOf: $0, replacing: UInt8(ascii: ","), with: 0x0A) }
                expected += piece.map { $0 == UInt8(ascii: ",") ? 0x0A : $0 }
                buffer.append(0x7F)        // between pieces, so a tail written off by one shows
                expected.append(0x7F)
            }
        }
        XCTAssertEqual(Array(buffer.bytes), expected)
    }
}
