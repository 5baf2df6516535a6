// A trigger found on masks (TriggerShape) against a byte-by-byte search of its shapes
// in every run of the window, on random text, and the shapes it must refuse.

import XCTest
import TrawlTestSupport
@testable import TrawlDetectors

final class TriggerShapeTests: XCTestCase {
    private typealias Predicate = @Sendable (UInt8) -> Bool
    private static let digit: Predicate = { $0 >= 48 && $0 <= 57 }
    private static let upper: Predicate = { $0 >= 65 && $0 <= 90 }
    private static let alnum: Predicate = { digit($0) || upper($0) || ($0 >= 97 && $0 <= 122) }

    /// The shape's runs against a plain search: for each run of `inWindow` overlapping
    /// [from, until), long enough, with enough digits, holding an alternative whose bytes
    /// lie in [runStart - 1, runEnd) (at -1, before the buffer, any byte matches).
    private func check(window: String, inWindow: Predicate, triggers: [String], shapes: [[Predicate]],
                       minDigits: Int, shortest: Int, alphabet: String, seed: UInt64, fixed: [String] = [],
                       file: StaticString = #filePath, line: UInt = #line) throws {
        let trigger = try RunTrigger(triggers)
        var classes: [[ClosedRange<UInt8>]] = []
        let cls = try ByteClass(parsing: window)
        func classIndex(_ ranges: [ClosedRange<UInt8>]) -> Int {
            if let i = classes.firstIndex(of: ranges) { return i }
            classes.append(ranges)
            return classes.count - 1
        }
        let windowIndex = classIndex(cls.ranges)
        let digitIndex = classIndex([48...57])
        let shape = try XCTUnwrap(TriggerShape(trigger, window: cls.members, classIndex: classIndex), file: file, line: line)
        let letters = Array(alphabet.utf8)
        let scratch = TriggerShape.Scratch()
        var rng = SplitMix64(seed: seed)
        for round in 0..<(400 + fixed.count) {
            // The fixed texts first (searched whole), then random ones.
            let length = round < fixed.count ? fixed[round].utf8.count
                : round < fixed.count + 8 ? [0, 1, 63, 64, 65, 127, 128, 200][round - fixed.count] : Int(rng.next() % 330)
            let text = round < fixed.count ? Array(fixed[round].utf8)
                : (0..<length).map { _ in letters[Int(rng.next() % UInt64(letters.count))] }
            let masks = classes.map { ByteClassMask(ranges: $0.map { ($0.lowerBound, $0.upperBound) }) }
            text.withUnsafeBytes { raw in for m in masks { m.build(over: raw) } }
            let a = Int(rng.next() % UInt64(length + 1)), b = Int(rng.next() % UInt64(length + 1))
            let (from, until) = round < fixed.count ? (0, length) : (min(a, b), max(a, b))

            var expected: [[Int]] = []
            var rs = 0
            while rs < length {
                guard inWindow(text[rs]) else { rs += 1; continue }
                var re = rs
                while re < length && inWindow(text[re]) { re += 1 }
                let digits = text[rs..<re].filter(Self.digit).count
                let holds = shapes.contains { s in
                    (rs - 1...re).contains { at in
                        at + s.count <= re && (at >= 0 || (at == -1 && rs == 0))
                            && s.indices.allSatisfy { k in at + k < 0 || s[k](text[at + k]) }
                    }
                }
                if from < until && rs < until && re > from && re - rs >= shortest && digits >= minDigits && holds {
                    expected.append([rs, re])
                }
                rs = re
            }
            var got: [[Int]] = []
            text.withUnsafeBytes { raw in
            shape.forEachRun(window: masks[windowIndex], digits: masks[digitIndex], mask: { masks[$0] },
                             scratch: scratch, minDigits: minDigits, shortest: shortest, from: from, until: until) { got.append([$0, $1]) }
            }
            XCTAssertEqual(got, expected, "\(String(decoding: text, as: UTF8.self)) [\(from), \(until))", file: file, line: line)
        }
    }

    func testCardShapesAgreeWithAPlainSearch() throws {
        let digit = Self.digit, alnum = Self.alnum
        let separator: Predicate = { $0 == 32 || $0 == 45 }
        try check(window: "0-9 -", inWindow: { digit($0) || separator($0) },
                  triggers: ["[0-9]{5}", "[^0-9A-Za-z_][0-9]{2}[ -][0-9]"],
                  shapes: [Array(repeating: digit, count: 5),
                           [{ !alnum($0) && $0 != 95 }, digit, digit, separator, digit]],
                  minDigits: 4, shortest: 5, alphabet: "0123456789 -_a/", seed: 3,
                  // The first byte at the buffer's start, before it, or inside a run.
                  fixed: ["a12 345", "_12 345", "/12 345", "12 345", "a12 34512 3", "x 0a12 345"])
    }

    func testIBANShapeAgreesWithAPlainSearch() throws {
        let digit = Self.digit, upper = Self.upper, alnum = Self.alnum
        try check(window: "A-Z0-9 -", inWindow: { digit($0) || upper($0) || $0 == 32 || $0 == 45 },
                  triggers: ["[^A-Za-z0-9][A-Z]{2}[0-9]{2}"],
                  shapes: [[{ !alnum($0) }, upper, upper, digit, digit]],
                  minDigits: 2, shortest: 8, alphabet: "AB09 -x:", seed: 5,
                  fixed: ["xAB12 AB0", "AB12 AB0", ":AB12 AB0", "0AB12 AB0", "x:AB12 AB0"])
    }

    func testRepeatsLongerThanAWordAgreeWithAPlainSearch() throws {
        // Runs of 40 digits cross word boundaries; erosion reads the word before.
        let digit = Self.digit
        try check(window: "0-9", inWindow: digit, triggers: ["[0-9]{40}", "[x][0-9]{20}"],
                  shapes: [Array(repeating: digit, count: 40), [{ $0 == 120 }] + Array(repeating: digit, count: 20)],
                  minDigits: 0, shortest: 1, alphabet: "0123456789012345678901234567890123456789x", seed: 9)
    }

    func testShapesWhoseRunsNeedNotHoldTheirEndKeepTheByteLoop() throws {
        func shape(_ triggers: [String], window: String) throws -> TriggerShape? {
            var n = 0
            return TriggerShape(try RunTrigger(triggers), window: try ByteClass(parsing: window).members,
                                classIndex: { _ in n += 1; return n })
        }
        XCTAssertNil(try shape(["[0-9]"], window: "0-9"))                  // one byte: may be the byte before the run
        XCTAssertNil(try shape(["[0-9][a-z]"], window: "0-9"))             // a later class outside the window
        XCTAssertNil(try shape(["[a-z]{2}[0-9]"], window: "0-9"))          // the first class repeated, outside it
        XCTAssertNil(try shape(["[0-9]{4}", "[0-9]"], window: "0-9"))      // one alternative is enough to refuse
        XCTAssertNotNil(try shape(["[^0-9][0-9]{4}"], window: "0-9"))      // only the first byte outside it
    }
}
