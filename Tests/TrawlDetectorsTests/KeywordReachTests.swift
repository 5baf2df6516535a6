// The reach of a keyword region in characters (DetectionEngine.back / forward), on
// ASCII (where the engine counts one byte per character without walking) and on text
// with two-, three- and four-byte characters. Expected positions come from Swift's own
// Unicode scalar view of the same string, not from the engine.

import XCTest
@testable import TrawlDetectors

final class KeywordReachTests: XCTestCase {
    func testReachMatchesUnicodeScalarCounting() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "b", " ", "7", "é", "€", "😀"]
        for round in 0..<300 {
            // Mostly ASCII in half the rounds, so both paths are taken.
            let ascii = round % 2 == 0
            let text = (0..<Int.random(in: 0...60, using: &generator)).map { _ in
                ascii && Int.random(in: 0..<10, using: &generator) > 0 ? pieces[Int.random(in: 0..<4, using: &generator)]
                    : pieces.randomElement(using: &generator)!
            }.joined()
            let scalars = Array(text.unicodeScalars)
            // The UTF-8 offset of each scalar index, and of the end.
            var offsets = [0]
            for s in scalars { offsets.append(offsets.last! + String(s).utf8.count) }
            let bytes = Array(text.utf8)
            bytes.withUnsafeBytes { s in
                for k in 0...scalars.count {
                    for chars in [0, 1, 3, 8, 9, 30] {
                        XCTAssertEqual(DetectionEngine.back(chars, from: offsets[k], in: s), offsets[max(0, k - chars)],
                                       "back \(chars) from scalar \(k) of \(text.debugDescription)")
                        XCTAssertEqual(DetectionEngine.forward(chars, from: offsets[k], in: s),
                                       offsets[min(scalars.count, k + chars)],
                                       "forward \(chars) from scalar \(k) of \(text.debugDescription)")
                    }
                }
            }
        }
    }

    func testASCIICheckSeesAHighByteAnywhere() {
        for length in 0...20 {
            for at in 0..<max(1, length) {
                var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: length)
                if length > 0 { bytes[at] = 0xC3 }
                bytes.withUnsafeBytes { s in
                    XCTAssertEqual(DetectionEngine.isASCII(s, 0, length), length == 0, "length \(length), high byte at \(at)")
                }
            }
        }
    }
}
