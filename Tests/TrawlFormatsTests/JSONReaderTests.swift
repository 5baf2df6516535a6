// JSON and JSON Lines leaf values with their JsonPath, record index and offset,
// expected values worked out by hand from the texts; every text is also read 1-7
// bytes at a time so each state crosses reads.

import XCTest
@testable import TrawlFormats

final class JSONReaderTests: XCTestCase {
    struct Leaf: Equatable, CustomStringConvertible {
        var record: Int
        var path: String
        var value: String
        var offset: Int
        var description: String { "\(record) \(path)=\(value.debugDescription)@\(offset)" }
    }

    struct Collector: JSONValueHandler {
        var leaves: [Leaf] = []
        var names: [String] = []
        mutating func enter(depth: Int, name: UnsafeRawBufferPointer?) {
            if let name { names.append("\(depth):" + String(decoding: name, as: UTF8.self)) }
        }
        mutating func value(_ bytes: UnsafeRawBufferPointer, isString: Bool, path: UnsafeRawBufferPointer,
                            depth: Int, record: Int, offset: Int) throws {
            leaves.append(Leaf(record: record, path: String(decoding: path, as: UTF8.self),
                               value: String(decoding: bytes, as: UTF8.self), offset: offset))
        }
    }

    /// What the reader counted (JSONReader itself is not copyable: it owns its buffers).
    struct Counts {
        var malformedRecords: Int
        var records: Int
    }

    func read(_ text: String, lines: Bool, chunked: Bool, maxDepth: Int = 256) throws -> (Collector, Counts) {
        var reader = JSONReader(lines: lines, maxDepth: maxDepth)
        var collector = Collector()
        try Self.read(text, with: &reader, handler: &collector, chunked: chunked)
        return (collector, Counts(malformedRecords: reader.malformedRecords, records: reader.records))
    }

    /// `text` through `reader` in one read, or 1-7 bytes at a time.
    static func read<H: JSONValueHandler>(_ text: String, with reader: inout JSONReader, handler: inout H,
                                          chunked: Bool) throws {
        if chunked {
            var source = ChunkedByteSource(Array(text.utf8))
            _ = try reader.read(&source, handler: &handler)
        } else {
            var source = MemoryByteSource(Array(text.utf8))
            _ = try reader.read(&source, handler: &handler)
        }
    }

    func check(_ text: String, lines: Bool = false, _ expected: [Leaf], file: StaticString = #filePath, line: UInt = #line) throws {
        for chunked in [false, true] {
            XCTAssertEqual(try read(text, lines: lines, chunked: chunked).0.leaves, expected,
                           "chunked: \(chunked)", file: file, line: line)
        }
    }

    func testNestedDocumentPaths() throws {
        // Offsets point at the first byte inside the quotes (or of the number).
        let text = #"{"customer": {"name": "Ann", "cards": [{"number": "4111"}, {"number": 5500}], "ok": true, "n": null}}"#
        try check(text, [
            Leaf(record: 0, path: "$.customer.name", value: "Ann", offset: 23),
            Leaf(record: 0, path: "$.customer.cards[0].number", value: "4111", offset: 51),
            Leaf(record: 0, path: "$.customer.cards[1].number", value: "5500", offset: 70),
        ])
    }

    func testCompactMembersAfterStringsAndNumbers() throws {
        // Members written without spaces (the shape JSON Lines records mostly have), mixed
        // with spaced ones and an array: each value's offset by hand (n's 12 at 5, "ab" at
        // 13, "c" at 24 after " : ", the array's 3 at 32 and "d" at 35, "e" at 44).
        let text = #"{"n":12,"s":"ab","t" : "c","u":[3,"d"],"v":"e"}"#
        try check(text, [
            Leaf(record: 0, path: "$.n", value: "12", offset: 5),
            Leaf(record: 0, path: "$.s", value: "ab", offset: 13),
            Leaf(record: 0, path: "$.t", value: "c", offset: 24),
            Leaf(record: 0, path: "$.u[0]", value: "3", offset: 32),
            Leaf(record: 0, path: "$.u[1]", value: "d", offset: 35),
            Leaf(record: 0, path: "$.v", value: "e", offset: 44),
        ])
    }

    func testEscapesAndOddKeys() throws {
        // \u00e9 is é, \ud83d\ude00 is U+1F600, \" a quote; the key "a b" needs brackets.
        // The first value spans bytes 9-38 as written; "1x" is at 41, its array at 47.
        let text = #"{"a b": "caf\u00e9 \ud83d\ude00 \"q\"", "1x": ["p\/q", [], {}, -1.5e3]}"#
        try check(text, [
            Leaf(record: 0, path: "$['a b']", value: "café 😀 \"q\"", offset: 9),
            Leaf(record: 0, path: "$['1x'][0]", value: "p/q", offset: 48),
            Leaf(record: 0, path: "$['1x'][3]", value: "-1.5e3", offset: 63),
        ])
    }

    func testJSONLinesRecordsAndMalformedLine() throws {
        let text = "{\"ssn\": \"123\"}\n{\"ssn\": \n[\"x\", 7]\n\"top\"\n"
        for chunked in [false, true] {
            let (collector, reader) = try read(text, lines: true, chunked: chunked)
            XCTAssertEqual(collector.leaves, [
                Leaf(record: 0, path: "$.ssn", value: "123", offset: 9),
                Leaf(record: 2, path: "$[0]", value: "x", offset: 26),
                Leaf(record: 2, path: "$[1]", value: "7", offset: 30),
                Leaf(record: 3, path: "$", value: "top", offset: 34),
            ], "chunked: \(chunked)")
            XCTAssertEqual(reader.malformedRecords, 1)
            XCTAssertEqual(reader.records, 4)
        }
    }

    func testNamesAreReportedWithDepth() throws {
        let (collector, _) = try read(#"{"a": {"b": [{"c": 1}]}}"#, lines: false, chunked: true)
        XCTAssertEqual(collector.names, ["1:a", "2:b", "4:c"])
    }

    func testNestingLimit() throws {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        XCTAssertThrowsError(try read(deep, lines: false, chunked: false, maxDepth: 256)) { error in
            XCTAssertEqual(error as? JSONReaderError, .nestingTooDeep(limit: 256, offset: 256))
        }
        // Exactly at the limit is fine.
        let ok = String(repeating: "[", count: 256) + "1" + String(repeating: "]", count: 256)
        XCTAssertEqual(try read(ok, lines: false, chunked: false).0.leaves.count, 1)
    }

    func testDocumentSyntaxErrorsThrow() throws {
        for bad in [#"{"a" 1}"#, #"{"a": [1 2]}"#, #"{"a": "open"#, #"{"a": tru"#] {
            XCTAssertThrowsError(try read(bad, lines: false, chunked: false), bad)
        }
    }

    /// Records the numbered slots a handler is given, and the names given without one.
    struct SlotCollector: JSONValueHandler {
        var calls: [String] = []
        mutating func enter(depth: Int, name: UnsafeRawBufferPointer?) {
            if let name { calls.append("plain \(String(decoding: name, as: UTF8.self))") }
        }
        mutating func enter(depth: Int, name: UnsafeRawBufferPointer, slot: Int, sameName: Bool) {
            calls.append("\(slot) \(String(decoding: name, as: UTF8.self)) \(sameName)")
        }
        mutating func value(_ bytes: UnsafeRawBufferPointer, isString: Bool, path: UnsafeRawBufferPointer,
                            depth: Int, record: Int, offset: Int) throws {
            calls.append(String(decoding: path, as: UTF8.self))
        }
    }

    func testMemberSlotsTellRepeatedKeys() throws {
        // Slot = depth * 64 + place in the object. "a" comes back at slot 64 in record 1;
        // slot 65 holds "b", then "c", then "a"; a name that needs quoting in the path
        // ("x y") is given without a slot. Every read starts with no slot known.
        let text = #"{"a":1,"b":{"a":2}}"# + "\n" + #"{"a":3,"c":4}"# + "\n" + #"{"x y":5,"a":6}"# + "\n"
        let expected = [
            "64 a false", "$.a", "65 b false", "128 a false", "$.b.a",
            "64 a true", "$.a", "65 c false", "$.c",
            "plain x y", "$['x y']", "65 a false", "$.a",
        ]
        for chunked in [false, true] {
            var reader = JSONReader(lines: true)
            for _ in 0..<2 {
                var handler = SlotCollector()
                try Self.read(text, with: &reader, handler: &handler, chunked: chunked)
                XCTAssertEqual(handler.calls, expected, "chunked: \(chunked)")
            }
        }
    }

    /// A key checked in place against the one its slot held: the same length but other
    /// bytes (first, last, middle of a long key), a prefix of it, a longer key starting
    /// with it, and the same key written with an escape all come out as what they are.
    func testKeysComparedWithTheSlotsKey() throws {
        let long = "customer_reference_number"                       // 25 bytes
        let text = #"{"ab":1,"card_number":2,"\#(long)":3}"# + "\n"
            + #"{"ab":4,"card_numbeR":5,"customer_reference_nUmber":6}"# + "\n"
            + #"{"xb":7,"card":8,"\#(long)_2":9}"# + "\n"
            + #"{"a\u0062":10,"card_numbeR_x":11,"\#(long)":12}"# + "\n"
            + #"{"ab":13,"card_numbeR_x":14,"\#(long)":15}"# + "\n"
        let expected = [
            "64 ab false", "$.ab", "65 card_number false", "$.card_number", "66 \(long) false", "$.\(long)",
            "64 ab true", "$.ab", "65 card_numbeR false", "$.card_numbeR",
            "66 customer_reference_nUmber false", "$.customer_reference_nUmber",
            "64 xb false", "$.xb", "65 card false", "$.card", "66 \(long)_2 false", "$.\(long)_2",
            "64 ab false", "$.ab", "65 card_numbeR_x false", "$.card_numbeR_x", "66 \(long) false", "$.\(long)",
            "64 ab true", "$.ab", "65 card_numbeR_x true", "$.card_numbeR_x", "66 \(long) true", "$.\(long)",
        ]
        for chunked in [false, true] {
            var reader = JSONReader(lines: true)
            var handler = SlotCollector()
            try Self.read(text, with: &reader, handler: &handler, chunked: chunked)
            XCTAssertEqual(handler.calls, expected, "chunked: \(chunked)")
        }
    }

    /// Records the pieces of long values (`valuePiece`) as they come.
    struct PieceCollector: JSONValueHandler {
        var pieces: [(bytes: [UInt8], report: Range<Int>, offset: Int, path: String)] = []
        var values: [(bytes: [UInt8], offset: Int)] = []
        mutating func enter(depth: Int, name: UnsafeRawBufferPointer?) {}
        mutating func value(_ bytes: UnsafeRawBufferPointer, isString: Bool, path: UnsafeRawBufferPointer,
                            depth: Int, record: Int, offset: Int) throws {
            values.append((Array(bytes), offset))
        }
        mutating func valuePiece(_ bytes: UnsafeRawBufferPointer, report: Range<Int>, isString: Bool,
                                 path: UnsafeRawBufferPointer, depth: Int, record: Int, offset: Int) throws {
            pieces.append((Array(bytes), report, offset, String(decoding: path, as: UTF8.self)))
        }
    }

    /// A string (with escapes throughout) and a number longer than several pieces
    /// (JSONReader.valuePiece), in a document read 64 KiB at a time: each comes in pieces
    /// of at most a piece and a read, each piece's bytes are the value's bytes at its
    /// offset, consecutive pieces overlap by 2 x `pieceOverlap`, and the report ranges
    /// cover the value exactly once, in order. A short value after them comes whole.
    func testLongValuesComeInPiecesThatCoverThemOnce() throws {
        var unescaped: [UInt8] = []
        var string = ""
        for k in 0..<40_000 {
            // 80 bytes of text, then an escaped tab and quote (4 bytes written, 2 read).
            let line = String(format: "%07d", k) + String(repeating: "x", count: 73)
            string += line + #"\t\""#
            unescaped += Array(line.utf8) + [0x09, 0x22]
        }
        let number = String(repeating: "1234567890", count: 300_000)
        let text = #"{"s": ""# + string + #"", "n": "# + number + #", "t": "short"}"#
        var reader = JSONReader(lines: false)
        var collector = PieceCollector()
        var source = MemoryByteSource(Array(text.utf8))
        _ = try reader.read(&source, handler: &collector)

        let piece = JSONReader.valuePiece, overlap = JSONReader.pieceOverlap
        let stringStart = 7, numberStart = 7 + string.utf8.count + 8
        for (value, start, path) in [(unescaped, stringStart, "$.s"), (Array(number.utf8), numberStart, "$.n")] {
            let pieces = collector.pieces.filter { $0.path == path }
            XCTAssertGreaterThan(pieces.count, 2, path)
            var covered = 0, dropped = 0
            for (k, p) in pieces.enumerated() {
                XCTAssertLessThanOrEqual(p.bytes.count, piece + 64 * 1024, path)
                XCTAssertEqual(p.bytes, Array(value[dropped..<(dropped + p.bytes.count)]), "\(path) piece \(k)")
                XCTAssertEqual(p.report.lowerBound, k == 0 ? 0 : overlap, path)
                XCTAssertEqual(dropped + p.report.lowerBound, covered, "\(path) piece \(k)")
                covered = dropped + p.report.upperBound
                // (The escaped string's offsets count unescaped bytes, as a whole value's do.)
                XCTAssertEqual(p.offset, start + dropped, "\(path) piece \(k)")
                if k == pieces.count - 1 {
                    XCTAssertEqual(covered, value.count, path)
                } else {
                    XCTAssertEqual(p.report.upperBound, p.bytes.count - overlap, path)
                    dropped += p.bytes.count - 2 * overlap
                }
            }
        }
        XCTAssertEqual(collector.values.map { String(decoding: $0.bytes, as: UTF8.self) }, ["short"])
    }
}

extension JSONReaderTests {
    /// A key of about 2 MB, with escapes and two-byte characters throughout, comes as its
    /// first `keyEnd` bytes (cut before a character), the marker, and its last bytes: at
    /// least `keyEnd` of them, cut after a character, and far fewer than the key's. The
    /// value after it keeps its path (the key as kept) and its offset in the text.
    func testALongKeyKeepsItsEnds() throws {
        var key: [UInt8] = [], written = ""
        for k in 0..<40_000 {
            // 48 bytes of key each (the escaped tab is one), with 1 to 7 two-byte 'é's.
            let word = String(format: "w%05d", k) + String(repeating: "é", count: (k % 7) + 1)
                + String(repeating: "z", count: 48 - 6 - 2 * ((k % 7) + 1) - 2)
            written += word + #"\t"#
            key += Array(word.utf8) + [0x09]
            written += " "
            key.append(0x20)
        }
        let text = #"{""# + written + #"": "v", "next": 1}"#
        var reader = JSONReader(lines: false)
        var collector = Collector()
        var source = MemoryByteSource(Array(text.utf8))
        _ = try reader.read(&source, handler: &collector)

        let names = collector.names.map { Array($0.dropFirst(2).utf8) }    // ("1:" dropped)
        XCTAssertEqual(names.count, 2)
        let kept = try XCTUnwrap(names.first)
        let marker = Array(" \u{2026} ".utf8)
        let cut = try XCTUnwrap((0...(kept.count - marker.count)).first { Array(kept[$0..<($0 + marker.count)]) == marker })
        let head = Array(kept[..<cut]), tail = Array(kept[(cut + marker.count)...])
        // The head: the key's first 4,096 bytes, less the start of a character cut there.
        XCTAssertEqual(head, Array(key.prefix(head.count)))
        XCTAssertLessThanOrEqual(head.count, JSONReader.keyEnd)
        XCTAssertGreaterThan(head.count, JSONReader.keyEnd - 2)
        XCTAssertNotNil(String(validating: head, as: UTF8.self), "the head ends a character")
        XCTAssertEqual(tail, Array(key.suffix(tail.count)))
        XCTAssertGreaterThanOrEqual(tail.count, JSONReader.keyEnd - 1)
        XCTAssertLessThan(kept.count, 200 * 1024)
        XCTAssertNotEqual(tail.first.map { $0 & 0xC0 }, 0x80, "the tail starts a character")
        // The value's path holds the key as kept; the next key is whole again.
        let leaves = collector.leaves
        XCTAssertEqual(leaves.count, 2)
        XCTAssertEqual(leaves.first.map { Array($0.path.utf8.dropFirst(3).dropLast(2)) }?.count, kept.count)
        XCTAssertEqual(leaves.first?.offset, text.utf8.count - 14)
        XCTAssertEqual(leaves.last?.path, "$.next")
    }
}
