// The keyword pass's zones (KeywordZones.swift): on text with few digits the pass looks
// only at word starts within reach of a run some keyword's owner could qualify, and the
// engine must still report exactly what the plain pass reports (every regex over every
// byte). The texts here are prose with sparse values, so the zones are taken; the
// other differential tests run on digit-dense text, where they are not.

import XCTest
@testable import TrawlDetectors

final class KeywordZonesTests: XCTestCase {
    /// Letters, spaces and lines of about 80 bytes (no digit, no value): the prose the
    /// zones are for. (A date's window holds letters and spaces: its runs are lines.)
    static func prose(_ bytes: Int, seed: Int) -> String {
        let words = ["ledger", "harbor", "meadow", "signal", "orchard", "quarry", "lantern", "ribbon", "thicket"]
        var out = "", i = seed
        while out.utf8.count < bytes {
            out += words[i % words.count] + (i % 11 == 0 ? ".\n" : " ")
            i = (i * 7 + 3) % 10_007
        }
        return out
    }

    /// Matches with zones, without them, and of the plain pass; the zoned engine must
    /// have taken zones for the text.
    func compare(_ text: String, _ what: String, selection: IdentifierSelection = IdentifierSelection(),
                 file: StaticString = #filePath, line: UInt = #line) throws {
        let set = try DetectorSet(try DetectorLoader.load(), selection: selection)
        let zoned = DetectionEngine(set, usePrefilters: true)
        let unzoned = DetectionEngine(set, usePrefilters: true)
        unzoned.usesKeywordZones = false
        let reference = DetectionEngine(set, usePrefilters: false).matches(in: text)
        let fast = zoned.matches(in: text)
        XCTAssertEqual(zoned.zonedBuffers, 1, "\(what): zones taken", file: file, line: line)
        XCTAssertEqual(unzoned.matches(in: text), reference, "\(what): without zones", file: file, line: line)
        XCTAssertGreaterThan(reference.count, 0, "\(what): the text holds values", file: file, line: line)
        if fast != reference {
            let bytes = Array(text.utf8)
            func describe(_ m: Match) -> String {
                let lo = max(0, m.start - 140), hi = min(bytes.count, m.end + 20)
                return "\(set.types[m.typeIndex].id) \(m.start) in \(String(decoding: bytes[lo..<hi], as: UTF8.self).debugDescription)"
            }
            let missed = reference.filter { !fast.contains($0) }.prefix(3).map(describe)
            let added = fast.filter { !reference.contains($0) }.prefix(3).map(describe)
            XCTFail("\(what): zoned pass misses \(missed), adds \(added)", file: file, line: line)
        }
    }

    func testKeywordsAtTheEdgeOfTheirDistance() throws {
        // A keyword 25 to 32 characters before or after its value, the gap written in
        // characters of one to four bytes: a zone measured in characters, or without the
        // keyword's own length, loses the farthest keywords (30 characters is the
        // catalogue's distance). Values: an SSN (a narrow window, digits and separators)
        // and a date of birth (a wide window: letters and spaces, a whole sentence).
        var pieces: [String] = []
        for filler in ["q", "é", "日", "😀"] {
            for gap in 25...32 {
                let g = String(repeating: filler, count: gap)
                pieces.append("ssn \(g) 536-22-4817")
                pieces.append("536-22-4817 \(g) social security number")
                pieces.append("date of birth \(g) 1984-03-17")
                pieces.append("1984-03-17 \(g) dob")
            }
        }
        let text = pieces.enumerated().map { Self.prose(900, seed: $0.offset) + " " + $0.element + " " }.joined()
        try compare(text, "keywords at every gap")
    }

    func testCatalogueExamplesSparseInProse() throws {
        // Every positive example of the catalogue, each in its own stretch of prose: every
        // keyword-gated window class, the long runs without digits (API keys) included.
        let defs = try DetectorLoader.load()
        let examples = defs.flatMap(\.examples)
        XCTAssertGreaterThan(examples.count, 300)
        let text = examples.enumerated().map { Self.prose(1_200, seed: $0.offset) + "\n" + $0.element + "\n" }.joined()
        try compare(text, "examples in prose")
    }

    /// A detector file whose runs are short and need no digit: zones cannot cover it.
    static func projectCode(keywords: [String]) -> DetectorDefinition {
        DetectorDefinition(
            id: "PROJECT_CODE", name: "project code", category: .personalInformation,
            regex: "\\b[a-z]{2}-[a-z]{2}\\b", keywords: keywords, keywordRequired: true,
            prefilter: PrefilterSpec(window: "a-z-", minLength: 5), sourceFile: "project-code.yml")
    }

    func testKeywordsOfOwnersZonesDoNotCoverAreFoundEverywhere() throws {
        // A detector file whose runs are short and need no digit: zones cannot cover it,
        // so its keywords (one shared with the SSN's, one starting with '#') are looked
        // for outside the zones too, while the catalogue's keywords keep their zones. The
        // word starts outside the zones go through a vector filter of those keywords alone,
        // inside them through the filter of all: "soc sec" is the SSN's only, so it is
        // found only when the zone's filter is the right one.
        let set = try DetectorSet(try DetectorLoader.load() + [Self.projectCode(keywords: ["projcode", "#ref", "ssn"])])
        XCTAssertNotNil(set.keywordZones)
        let text = Self.prose(3_000, seed: 4) + " projcode ab-cd " + Self.prose(3_000, seed: 5) + " #ref xy-zw "
            + Self.prose(3_000, seed: 6) + " ssn qr-st " + Self.prose(3_000, seed: 7) + " ssn 536-22-4817 "
            + Self.prose(3_000, seed: 8) + " soc sec 536-22-4818 " + Self.prose(3_000, seed: 9)
        let zoned = DetectionEngine(set)
        let found = zoned.matches(in: text)
        XCTAssertEqual(zoned.zonedBuffers, 1)
        XCTAssertEqual(found, DetectionEngine(set, usePrefilters: false).matches(in: text))
        XCTAssertEqual(found.filter { set.types[$0.typeIndex].id == "PROJECT_CODE" }.count, 3)
        XCTAssertEqual(found.filter { set.types[$0.typeIndex].id == "USA_SOCIAL_SECURITY_NUMBER" }.count, 2)
    }

    func testUnzonedKeywordInAMaskWordWithoutAWordStartAtItsFirstByte() throws {
        // The vector pair filter skips a 64-byte word whose word starts all lie outside
        // the zone (its first byte counted as one, the carry not being known) only while
        // no keyword is looked for outside the zone. Here one is: the unzoned owner's
        // keyword in a word that starts with a space, far from any digit.
        let set = try DetectorSet(try DetectorLoader.load() + [Self.projectCode(keywords: ["projcode"])])
        var head = Self.prose(3_000, seed: 4)
        while head.utf8.count % 64 != 0 { head += "x" }
        let text = head + " projcode ab-cd " + Self.prose(3_000, seed: 5) + " ssn 536-22-4817 "
        XCTAssertEqual(Array(text.utf8)[head.utf8.count], UInt8(ascii: " "))
        let zoned = DetectionEngine(set)
        let found = zoned.matches(in: text)
        XCTAssertEqual(zoned.zonedBuffers, 1)
        XCTAssertEqual(found, DetectionEngine(set, usePrefilters: false).matches(in: text))
        XCTAssertEqual(found.filter { set.types[$0.typeIndex].id == "PROJECT_CODE" }.count, 1)
    }

    func testDenseDigitsTakeNoZones() throws {
        // Logs: a digit in nearly every 64-byte word. Marking would cost and skip nothing.
        let set = try DetectorSet(try DetectorLoader.load())
        let engine = DetectionEngine(set)
        let line = "2024-03-11T06:44:44.945Z INFO worker-2 took 12ms from 10.39.222.191 user u93927\n"
        _ = engine.matches(in: String(repeating: line, count: 200))
        XCTAssertEqual(engine.zonedBuffers, 0)
        _ = engine.matches(in: Self.prose(20_000, seed: 1) + " ssn 536-22-4817")
        XCTAssertEqual(engine.zonedBuffers, 1)
    }

    func testGroups() throws {
        func owner(_ window: String, digits: Int, length: Int = 1) throws
            -> (window: [Bool], minDigits: Int, minLength: Int, distance: Int) {
            (try ByteClass(parsing: window).members, digits, length, 30)
        }
        // A window with a space and every lower-case letter is kept apart from the narrow
        // ones; the length-bound ones take the shortest bound of their kind, those with
        // lower-case letters apart from the others.
        let zones = try XCTUnwrap(KeywordZones(owners: [
            try owner("0-9 -", digits: 9), try owner("A-Z0-9", digits: 1),
            try owner("A-Za-z0-9 ,./-", digits: 3),
            try owner("A-Za-z0-9/+", digits: 0, length: 40), try owner("A-Za-z0-9", digits: 0, length: 16),
            try owner("A-Z0-9", digits: 0, length: 9),
        ], longestKeyword: 12))
        XCTAssertEqual(zones.groups.map(\.minLength), [nil, nil, 16, 9])
        XCTAssertEqual(zones.groups[3].ranges, [0x30...0x39, 0x41...0x5A])
        XCTAssertEqual(zones.groups[0].ranges, [0x20...0x20, 0x2C...0x39, 0x41...0x5A, 0x61...0x7A])
        XCTAssertEqual(zones.groups[1].ranges, [0x20...0x20, 0x2D...0x2D, 0x30...0x39, 0x41...0x5A])
        // A region reaches 30 characters past the keyword's end (at most 120 bytes), the
        // character it ends in (4 more) and a byte: 125; before a run, also the keyword's
        // 12 bytes: 137.
        XCTAssertEqual(zones.after, 125)
        XCTAssertEqual(zones.before, 137)
        // A short run without a digit could be anywhere: zones do not cover its owner.
        XCTAssertTrue(KeywordZones.covers(minDigits: 1, minLength: 1))
        XCTAssertTrue(KeywordZones.covers(minDigits: 0, minLength: 8))
        XCTAssertFalse(KeywordZones.covers(minDigits: 0, minLength: 3))
        XCTAssertNil(KeywordZones(owners: [], longestKeyword: 5))
    }

    func testMarks() throws {
        // One narrow owner, distance 0 (a reach of 5 bytes), keywords of 3 bytes: each run
        // holding a digit is marked from 8 bytes before it to 5 after it, the run taken
        // whole (the separators around the digit belong to it).
        let zones = try XCTUnwrap(KeywordZones(owners: [(try ByteClass(parsing: "0-9 -").members, 1, 1, 0)],
                                               longestKeyword: 3))
        let text = Array((Self.prose(300, seed: 2).prefix(300) + "x  -7-  y" + Self.prose(400, seed: 3).prefix(400)).utf8)
        let digits = ByteClassMask(ranges: [(48, 57)]), zone = ByteClassMask(ranges: [])
        let masks = zones.groups.map { ByteClassMask(ranges: $0.ranges.map { ($0.lowerBound, $0.upperBound) }) }
        let taken = text.withUnsafeBytes { raw -> Bool in
            digits.build(over: raw)
            return zones.mark(raw, digits: digits, masks: masks, scratch: TriggerShape.Scratch(), into: zone)
        }
        XCTAssertTrue(taken)
        // The run is "  -7-  ", bytes 301..<308 (between the 'x' at 300 and the 'y').
        let marked = (0..<text.count).filter { zone.words[$0 >> 6] >> UInt64($0 & 63) & 1 == 1 }
        XCTAssertEqual(marked.first, 301 - 8)
        XCTAssertEqual(marked.last, 308 + 5 - 1)
        XCTAssertEqual(marked.count, 7 + 8 + 5)
    }
}
