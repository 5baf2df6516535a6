// The vector mask kernel and the bit walks over it, against a byte-by-byte reference.

import XCTest
import TrawlTestSupport
@testable import TrawlDetectors

final class ByteClassMaskTests: XCTestCase {
    func testMasksAndWalksAgreeWithAByteByByteReference() throws {
        var rng = SplitMix64(seed: 7)
        let cls = try ByteClass(parsing: "0-9 -")
        XCTAssertEqual(cls.ranges, [32...32, 45...45, 48...57])
        for length in [0, 1, 31, 32, 63, 64, 65, 127, 128, 129, 1000, 4099] {
            // Bytes drawn mostly from the class's edges so runs are short and frequent.
            let alphabet: [UInt8] = Array("0123456789 -/a:.9".utf8) + [0x80, 0xFF, 0x2C, 0x3A]
            let bytes = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let mask = ByteClassMask(ranges: cls.ranges.map { ($0.lowerBound, $0.upperBound) })
            bytes.withUnsafeBytes { mask.build(over: $0) }
            let inClass = bytes.map(cls.contains)
            for from in stride(from: 0, through: length, by: max(1, length / 50)) {
                let nextSet = (from..<length).first { inClass[$0] } ?? length
                let nextClear = (from..<length).first { !inClass[$0] } ?? length
                XCTAssertEqual(mask.nextSet(from), nextSet, "nextSet \(from)/\(length)")
                XCTAssertEqual(mask.nextClear(from), nextClear, "nextClear \(from)/\(length)")
                var start = from
                while start > 0 && inClass[start - 1] { start -= 1 }
                XCTAssertEqual(mask.runStart(endingAt: from), start, "runStart \(from)/\(length)")
                let to = min(length, from + Int(rng.next() % 200))
                XCTAssertEqual(mask.population(from, to), inClass[from..<to].filter { $0 }.count, "population \(from)..<\(to)")
            }
            // Run ends: bit p of word w is set when bytes p - atLeast + 1 ... p are all in
            // the class.
            for w in 0..<((length + 63) / 64) {
                for atLeast in [1, 2, 3, 5, 13, 18, 31, 32, 33, 64] {
                    var expected: UInt64 = 0
                    for bit in 0..<64 where w * 64 + bit < length {
                        let p = w * 64 + bit
                        if p - atLeast + 1 >= 0 && (p - atLeast + 1...p).allSatisfy({ inClass[$0] }) {
                            expected |= 1 << UInt64(bit)
                        }
                    }
                    XCTAssertEqual(mask.runEnds(word: w, atLeast: atLeast), expected, "runEnds \(w) \(atLeast)/\(length)")
                }
            }
        }
    }

    func testMasksBuiltTogetherAgreeWithAByteByByteReference() {
        // One to eight classes of random bytes built in one pass (with AVX-512 VBMI the
        // permute kernel, with AVX2 the shared one-hot kernel, else its table loop), over
        // every byte value, at lengths around the 64-byte words and a whole chunk's. The
        // classes are of three kinds, mixed in one pass, as the AVX2 kernel treats them
        // apart: ASCII only; all of bytes 128-255 with some ASCII (built as a
        // complement); some high bytes but not all (a pass of their own).
        var rng = SplitMix64(seed: 19)
        for length in [0, 1, 63, 64, 65, 127, 128, 129, 1000, 4099, 262_147] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            for count in [1, 2, 5, 8] {
                var classes: [[(UInt8, UInt8)]] = []
                for _ in 0..<count {
                    let kind = rng.next() % 3
                    var ranges: [(UInt8, UInt8)] = (0..<Int(1 + rng.next() % 6)).map { _ in
                        let a = UInt8(truncatingIfNeeded: rng.next()) & (kind == 2 ? 0xFF : 0x7F)
                        let b = UInt8(truncatingIfNeeded: rng.next() % 40)
                        let top: UInt8 = kind == 2 ? 255 : 127
                        return (a, a &+ b < a || a &+ b > top ? top : a &+ b)
                    }
                    if kind == 1 { ranges.append((128, 255)) }
                    classes.append(ranges)
                }
                // Under each instruction-set form of the kernel (InstructionSets).
                InstructionSets.forEach { isa in
                let masks = classes.map { ByteClassMask(ranges: $0) }
                bytes.withUnsafeBytes { ByteClassMask.build(masks[...], over: $0, generation: 1) }
                for (k, ranges) in classes.enumerated() {
                    for w in 0..<((length + 63) / 64) {
                        var expected: UInt64 = 0
                        for bit in 0..<64 where w * 64 + bit < length {
                            let b = bytes[w * 64 + bit]
                            if ranges.contains(where: { $0.0 <= b && b <= $0.1 }) { expected |= 1 << UInt64(bit) }
                        }
                        if masks[k].words[w] != expected {
                            XCTFail("class \(k) of \(count), length \(length), word \(w), \(isa)")
                            return
                        }
                    }
                    XCTAssertEqual(masks[k].count, length)
                }
                }
            }
        }
    }

    func testClassesOfManyHighNibblesAgreeWithAByteByByteReference() throws {
        // [^0-9A-Za-z_] spans all 16 high nibbles (the kernel builds its complement and
        // inverts it); even bytes span them too, and so does their complement (two banks
        // of tables), as do the random classes and the zones' union of word characters,
        // spaces and an 'Ñ'.
        let word = try ByteClass(parsing: "0-9A-Za-z_")
        var rng = SplitMix64(seed: 13)
        let random: [[Bool]] = (0..<4).map { _ in (0..<256).map { _ in rng.next() % 3 == 0 } }
        let classes: [[Bool]] = [word.members.map { !$0 }, (0..<256).map { $0 % 2 == 0 },
                                 try ByteClass(parsing: "A-Za-z0-9 \\t&\\xC3\\x91().-").members] + random
        for members in classes {
            let ranges = (0..<256).filter { members[$0] }.map { (UInt8($0), UInt8($0)) }
            for length in [0, 1, 31, 32, 33, 63, 64, 65, 100, 1000] {
                let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                let mask = ByteClassMask(ranges: ranges)
                bytes.withUnsafeBytes { mask.build(over: $0) }
                for w in 0..<((length + 63) / 64) {
                    var expected: UInt64 = 0
                    for bit in 0..<64 where w * 64 + bit < length && members[Int(bytes[w * 64 + bit])] {
                        expected |= 1 << UInt64(bit)
                    }
                    XCTAssertEqual(mask.words[w], expected, "word \(w) of \(length)")
                }
            }
        }
    }

    func testADifferenceOfTwoMasksIsTheMaskOfTheDifference() throws {
        // [ -] from the card window [0-9 -] minus the digits, and [A-Z] from an IBAN-like
        // window [A-Z0-9 ] minus [0-9 -]: the class's own mask, bit for bit over the data's
        // words, and walks that stop at the data's end.
        var rng = SplitMix64(seed: 19)
        let pairs: [(c: String, a: String, b: String)] = [(" -", "0-9 -", "0-9"), ("A-Z", "A-Z0-9 ", "0-9 -")]
        let alphabet: [UInt8] = Array("0123456789 -AZQaz/".utf8) + [0x80, 0xFF]
        for (c, a, b) in pairs {
            let masks = try [c, a, b].map { text in
                let cls = try ByteClass(parsing: text)
                return ByteClassMask(ranges: cls.ranges.map { ($0.lowerBound, $0.upperBound) })
            }
            let derived = ByteClassMask(ranges: [])
            let cls = try ByteClass(parsing: c)
            for length in [0, 1, 63, 64, 65, 200, 4099] {
                let bytes = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
                bytes.withUnsafeBytes { text in masks.forEach { $0.build(over: text) } }
                derived.build(masks[1], minus: masks[2])
                XCTAssertEqual(derived.count, length)
                let expected = bytes.indices.filter { cls.contains(bytes[$0]) }
                var got: [Int] = []
                var p = derived.nextSet(0)
                while p < length { got.append(p); p = derived.nextSet(p + 1) }
                XCTAssertEqual(got, expected, "[\(c)] over \(length) bytes")
                for w in 0..<(length + 63) / 64 {
                    XCTAssertEqual(derived.words[w], masks[0].words[w], "[\(c)] word \(w) of \(length) bytes")
                }
            }
        }
    }

    func testTheClassesThatAreDifferencesOfTwoOthers() {
        // 0: [0-9 -], 1: [0-9], 2: [ -], 3: [A-Z0-9 ], 4: [A-Z], 5: [a-z] (worked out by hand).
        let classes: [[ClosedRange<UInt8>]] = [[32...32, 45...45, 48...57], [48...57], [32...32, 45...45],
                                               [32...32, 48...57, 65...90], [65...90], [97...122]]
        let d = DetectorSet.differences(of: classes).map { $0.map { [$0.a, $0.minus] } }
        XCTAssertEqual(d[0], [])                  // nothing holds [0-9 -] and more
        XCTAssertEqual(d[1], [[0, 2]])            // [0-9 -] minus [ -]
        XCTAssertEqual(d[2], [[0, 1]])            // [0-9 -] minus [0-9]
        XCTAssertEqual(d[3], [])
        XCTAssertEqual(d[4], [[3, 0]])            // [A-Z0-9 ] minus [0-9 -] ([0-9] leaves the space)
        XCTAssertEqual(d[5], [])                  // contained in no other class
    }

    func testClassSyntax() throws {
        XCTAssertEqual(try ByteClass(parsing: "a-c\\-\\x41").ranges, [45...45, 65...65, 97...99])
        XCTAssertThrowsError(try ByteClass(parsing: "z-a"))
        XCTAssertThrowsError(try ByteClass(parsing: "\\x4"))
        XCTAssertThrowsError(try ByteClass(parsing: "é"))
    }
}

final class ByteClassMaskLastSetTests: XCTestCase {
    func testLastSetAgreesWithAByteByByteReference() {
        var rng = SplitMix64(seed: 11)
        for length in [1, 63, 64, 65, 300] {
            let bytes = (0..<length).map { _ in rng.next() % 7 == 0 ? UInt8(10) : UInt8(65) }
            let mask = ByteClassMask(ranges: [(10, 10)])
            bytes.withUnsafeBytes { mask.build(over: $0) }
            for p in 0...length {
                let expected: Int = (0..<p).last(where: { bytes[$0] == 10 }) ?? -1
                XCTAssertEqual(mask.lastSet(before: p), expected, "\(p)/\(length)")
            }
        }
    }
}

final class ByteClassMaskSummaryTests: XCTestCase {
    func testSummarizedNextSetAgreesWithAByteByByteReference() {
        // Digits one byte in 1,000 (prose), some 64-word stretches without any:
        // nextSetSummarized crosses them by the summary; `summarized` says whether the
        // mask built last has one.
        var rng = SplitMix64(seed: 21)
        let mask = ByteClassMask(ranges: [(48, 57)])
        for length in [0, 1, 63, 64, 65, 4095, 4096, 4097, 70_000] {
            let bytes: [UInt8] = (0..<length).map { i in
                (i / 9000) % 2 == 1 ? 0x61 : (rng.next() % 1000 == 0 ? 0x37 : 0x61)
            }
            let isDigit = bytes.map { $0 == 0x37 }
            for summarize in [true, false] {
                bytes.withUnsafeBytes { mask.build(over: $0) }
                if summarize {
                    mask.summarize()
                    XCTAssertEqual(mask.memberCount, isDigit.filter { $0 }.count, "members of \(length)")
                }
                XCTAssertEqual(mask.summarized, summarize)
                for _ in 0..<200 {
                    let from = length == 0 ? 0 : Int(rng.next() % UInt64(length + 1))
                    let limit = from + Int(rng.next() % 20_000)
                    let expected = (from..<min(limit, length)).first { isDigit[$0] } ?? min(limit, length)
                    XCTAssertEqual(mask.nextSet(from, before: limit), expected, "nextSet(\(from), before: \(limit)) of \(length)")
                    if summarize {
                        XCTAssertEqual(mask.nextSetSummarized(from, before: limit), expected,
                                       "nextSetSummarized(\(from), before: \(limit)) of \(length)")
                    }
                }
            }
        }
    }
}
