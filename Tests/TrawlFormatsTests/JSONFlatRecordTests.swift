// JSONReader reads a flat record of JSON Lines whole (readFlatRecord) instead of byte by
// byte. The byte-by-byte walk is the reference: on generated JSON Lines that mix flat
// records with every case the whole-record path must leave to the walk (escapes, nesting,
// literals cut short, blanks and newlines inside records, truncated and malformed lines,
// records split across reads), both give the handler the same calls with the same
// arguments, and count the same records and malformed records.

import XCTest
@testable import TrawlFormats

final class JSONFlatRecordTests: XCTestCase {
    /// Every call a handler gets, as text.
    struct CallLog: JSONValueHandler {
        var calls: [String] = []
        mutating func enter(depth: Int, name: UnsafeRawBufferPointer?) {
            calls.append("enter \(depth) \(name.map { String(decoding: $0, as: UTF8.self) } ?? "-")")
        }
        mutating func enter(depth: Int, name: UnsafeRawBufferPointer, slot: Int, sameName: Bool) {
            calls.append("enter \(depth) \(String(decoding: name, as: UTF8.self)) slot \(slot) \(sameName)")
        }
        mutating func value(_ bytes: UnsafeRawBufferPointer, isString: Bool, path: UnsafeRawBufferPointer,
                            depth: Int, record: Int, offset: Int) throws {
            calls.append("value \(String(decoding: bytes, as: UTF8.self).debugDescription) \(isString) "
                         + "\(String(decoding: path, as: UTF8.self)) \(depth) \(record) @\(offset)")
        }
    }

    /// One line of generated JSON Lines.
    static func line(_ rng: inout SplitMix64) -> String {
        func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
        func blank() -> String { pick(["", "", "", " ", "\t", " \r", "  "]) }
        let keys = ["ts", "level", "svc", "order_id", "amount", "ok", "customer_reference_number",
                    "x y", "1x", #"a\u0062"#, "ssn", "card_number", "é"]
        let values = [#""debug""#, #""2024-03-11T14:22:17.557Z""#, #""""#, #""219-48-5231""#, "4174738",
                      "-1.5e3", "0", "299.17", "true", "false", "null", #""caf\u00e9""#, #""say \"hi\"""#,
                      #""a\\b""#, #"{"n":1}"#, #"[1,"x"]"#, "{}", "[]", "tru", "nul}", "12x",
                      #""a long value that goes on and on for more than sixteen bytes""#, "\"raw\nnewline\""]
        switch rng.next() % 20 {
        case 0: return pick(["", "   ", #""top""#, "12", #"[1,"x"]"#, "{}"])
        default:
            // A record: the same keys in order (as JSON Lines usually has) or shuffled.
            var members: [String] = []
            let ordered = rng.next() % 3 != 0
            for k in 0..<Int(1 + rng.next() % 9) {
                let key = ordered ? keys[k % keys.count] : pick(keys)
                let value = rng.next() % 4 == 0 ? pick(values) : pick(Array(values.prefix(11)))
                members.append(#""\#(key)""# + blank() + ":" + blank() + value)
            }
            var text = "{" + blank() + members.joined(separator: blank() + "," + blank()) + blank() + "}"
            switch rng.next() % 12 {
            case 0: text = String(text.prefix(Int(rng.next() % UInt64(text.count))))   // cut short
            case 1: text = text.replacingOccurrences(of: ":", with: " ")                // no colons
            case 2: text.insert("\n", at: text.index(text.startIndex, offsetBy: Int(rng.next() % UInt64(text.count))))
            default: break
            }
            return text
        }
    }

    func read(_ text: String, flat: Bool, sizes: [Int]?) throws -> (calls: [String], records: Int, malformed: Int,
                                                                      flatRecords: Int) {
        var reader = JSONReader(lines: true)
        reader.usesFlatRecords = flat
        var log = CallLog()
        if let sizes {
            var source = ChunkedByteSource(Array(text.utf8), sizes: sizes)
            _ = try reader.read(&source, handler: &log)
        } else {
            var source = MemoryByteSource(Array(text.utf8))
            _ = try reader.read(&source, handler: &log)
        }
        return (log.calls, reader.records, reader.malformedRecords, reader.flatRecordsRead)
    }

    func testFlatRecordsGiveTheWalksCalls() throws {
        var rng = SplitMix64(seed: 0x4A53_4F4E)
        for round in 0..<24 {
            // About 600 lines: over 64 KiB some rounds, so records straddle the reads too.
            let text = (0..<600).map { _ in Self.line(&rng) }.joined(separator: "\n") + (round % 2 == 0 ? "\n" : "")
            for sizes in [nil, [4096, 777, 10_000], [1, 3, 2, 7, 5, 1, 4, 6, 2, 3]] as [[Int]?] {
                let walk = try read(text, flat: false, sizes: sizes)
                let flat = try read(text, flat: true, sizes: sizes)
                XCTAssertEqual(walk.records, flat.records, "round \(round) \(String(describing: sizes))")
                XCTAssertEqual(walk.malformed, flat.malformed, "round \(round) \(String(describing: sizes))")
                XCTAssertEqual(walk.calls.count, flat.calls.count, "round \(round) \(String(describing: sizes))")
                if let k = zip(walk.calls, flat.calls).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
                    XCTFail("round \(round) \(String(describing: sizes)), call \(k): walk \(walk.calls[k]), flat \(flat.calls[k])")
                }
                XCTAssertEqual(walk.flatRecords, 0)
                if sizes == nil {
                    // Most lines are flat records, read whole (the test is not vacuous).
                    XCTAssertGreaterThan(flat.flatRecords, 200, "round \(round)")
                    XCTAssertGreaterThan(walk.malformed, 10, "round \(round)")
                }
            }
        }
    }

    /// A hand-made flat record with blanks, a literal and a repeated key: what the handler
    /// gets, worked out by hand (offsets count from the text's first byte).
    func testAFlatRecordByHand() throws {
        let text = "{\"a\":1, \"b\" : \"xy\",\"c\":true}\n{\"a\":-2.5,\"b\":\"\"}\n"
        let expected = [
            "enter 1 a slot 64 false", #"value "1" false $.a 1 0 @5"#,
            "enter 1 b slot 65 false", #"value "xy" true $.b 1 0 @15"#,
            "enter 1 c slot 66 false",
            "enter 1 a slot 64 true", #"value "-2.5" false $.a 1 1 @34"#,
            "enter 1 b slot 65 true", #"value "" true $.b 1 1 @44"#,
        ]
        let flat = try read(text, flat: true, sizes: nil)
        XCTAssertEqual(flat.calls, expected)
        XCTAssertEqual(flat.flatRecords, 2)
        XCTAssertEqual(flat.records, 2)
        XCTAssertEqual(try read(text, flat: false, sizes: nil).calls, expected)
    }

    /// Keys compared with their slot's as they are read (json_flat_record.c): a key that
    /// extends the held one ("idx" after "id"), one of the same length that differs
    /// ("ib"), then the held one again. Each record goes through the whole-record path;
    /// only a member whose key is its slot's is `sameName`. Offsets counted by hand.
    func testAKeyIsItsSlotsOnlyWhenEveryByteAndTheQuoteMatch() throws {
        let text = "{\"id\":1,\"nm\":\"a\"}\n{\"idx\":2,\"nm\":\"b\"}\n{\"ib\":3,\"nm\":\"c\"}\n"
            + "{\"id\":4,\"nm\":\"d\"}\n{\"id\":5,\"nm\":\"e\"}\n"
        let expected = [
            "enter 1 id slot 64 false", #"value "1" false $.id 1 0 @6"#,
            "enter 1 nm slot 65 false", #"value "a" true $.nm 1 0 @14"#,
            "enter 1 idx slot 64 false", #"value "2" false $.idx 1 1 @25"#,
            "enter 1 nm slot 65 true", #"value "b" true $.nm 1 1 @33"#,
            "enter 1 ib slot 64 false", #"value "3" false $.ib 1 2 @43"#,
            "enter 1 nm slot 65 true", #"value "c" true $.nm 1 2 @51"#,
            "enter 1 id slot 64 false", #"value "4" false $.id 1 3 @61"#,
            "enter 1 nm slot 65 true", #"value "d" true $.nm 1 3 @69"#,
            "enter 1 id slot 64 true", #"value "5" false $.id 1 4 @79"#,
            "enter 1 nm slot 65 true", #"value "e" true $.nm 1 4 @87"#,
        ]
        let flat = try read(text, flat: true, sizes: nil)
        XCTAssertEqual(flat.calls, expected)
        XCTAssertEqual(flat.flatRecords, 5)
        XCTAssertEqual(try read(text, flat: false, sizes: nil).calls, expected)
    }

    /// The tokeniser's masks (json_flat_record.c) against RFC 8259's bytes, for every byte
    /// value at every place of a 64-byte word (the vector path), and in texts shorter than
    /// a word (the byte loop that also takes a last, partial word): a quote or backslash
    /// (what ends a string without an escape); not a blank (space, tab, CR: the walk's
    /// blanks within a line); not a number byte ('0'-'9', '.', 'e', 'E', '+', '-').
    func testTheTokenisersMasksHoldEachBytesClass() {
        let numberBytes = Set("0123456789.eE+-".utf8), blanks: Set<UInt8> = [0x20, 0x09, 0x0D]
        // 64 rounds of the 256 values, each round shifted by one place, then 37 more.
        var long: [UInt8] = []
        for round in 0..<64 { long += (0..<256).map { UInt8(truncatingIfNeeded: $0 + round) } }
        long += (0..<37).map { UInt8($0 * 7) }
        // Every value again, 60 at a time.
        let short = stride(from: 0, to: 256, by: 60).map { start in (start..<min(start + 60, 256)).map { UInt8($0) } }
        for text in [long] + short {
            let tokens = FlatRecordTokens(bufferBytes: text.count, maxMembers: 4)
            text.withUnsafeBytes { bytes in
                tokens.reset(bytes)
                let masks = tokens.allMasks()
                XCTAssertEqual(masks.quote.count, (text.count + 63) / 64)
                for (i, b) in text.enumerated() {
                    let bit = { (words: [UInt64]) in words[i / 64] >> UInt64(i % 64) & 1 == 1 }
                    XCTAssertEqual(bit(masks.quote), b == 0x22 || b == 0x5C, "byte \(b) at \(i)")
                    XCTAssertEqual(bit(masks.nonblank), !blanks.contains(b), "byte \(b) at \(i)")
                    XCTAssertEqual(bit(masks.nonnumber), !numberBytes.contains(b), "byte \(b) at \(i)")
                }
                // Past the text, no bit.
                let last = text.count % 64
                for words in [masks.quote, masks.nonblank, masks.nonnumber] where last > 0 {
                    XCTAssertEqual(words[words.count - 1] >> UInt64(last), 0)
                }
            }
        }
    }
}
