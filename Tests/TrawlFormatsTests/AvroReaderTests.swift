// AvroReader. Container files come from the Apache Avro Python implementation
// (Debian python3-avro, an implementation independent of avro-c) when installed,
// and from bytes written by hand here from the specification (zig-zag varints,
// metadata map, sync marker). Expected paths and values are written by hand.

import Foundation
import XCTest
@testable import TrawlFormats
import TrawlTestSupport

final class AvroReaderTests: XCTestCase {

    // MARK: Fixture writers

    func long(_ v: Int64) -> [UInt8] { AvroFixture.long(v) }
    func string(_ s: String) -> [UInt8] { AvroFixture.string(s) }
    let sync = AvroFixture.sync
    func handWritten(schema: String, codec: String? = nil, blocks: [(Int, [UInt8])]) -> [UInt8] {
        AvroFixture.container(schema: schema, codec: codec, blocks: blocks)
    }

    static let pythonWriter = """
    import sys, json, avro.schema, avro.datafile, avro.io
    schema = avro.schema.parse(sys.argv[1])
    def hook(o):
        return bytes.fromhex(o["$hex"]) if "$hex" in o else o
    records = json.loads(sys.stdin.read(), object_hook=hook)
    with open(sys.argv[4], "wb") as f:
        w = avro.datafile.DataFileWriter(f, avro.io.DatumWriter(), schema, codec=sys.argv[2])
        for k, r in enumerate(records):
            w.append(r)
            if (k + 1) % int(sys.argv[3]) == 0:
                w.sync()
        w.close()
    """

    /// Writes `recordsJSON` (a JSON array; {"$hex": ".."} for bytes/fixed) with
    /// python3-avro, forcing a block end every `blockRecords` records.
    func pythonAvro(schema: String, records: String, codec: String, blockRecords: Int = 1_000_000) throws -> [UInt8] {
        let python = "/usr/bin/python3"
        guard FileManager.default.isExecutableFile(atPath: python),
              try runTool(python, ["-c", "import avro.datafile"]).status == 0 else {
            throw XCTSkip("python3-avro is not installed")
        }
        let dir = try TempDir()
        let r = try runTool(python, ["-c", Self.pythonWriter, schema, codec, String(blockRecords), dir.path("out.avro")],
                            stdin: Array(records.utf8))
        XCTAssertEqual(r.status, 0)
        return try readFile(dir.path("out.avro"))
    }

    struct Leaf: Equatable, CustomStringConvertible {
        let record: Int, path: String, names: [String], value: String
        init(_ record: Int, _ path: String, _ names: [String], _ value: String) {
            self.record = record; self.path = path; self.names = names; self.value = value
        }
        var description: String { "\(record) \(path) \(names) \(value)" }
    }

    func leaves(_ bytes: [UInt8], reader: AvroReader = AvroReader()) throws -> ([Leaf], AvroReadSummary) {
        var out: [Leaf] = []
        let summary = try reader.read(bytes) {
            out.append(Leaf($0.recordIndex, $0.jsonPath, $0.fieldNames, String(decoding: $0.value, as: UTF8.self)))
        }
        return (out, summary)
    }

    func assertMalformed(_ bytes: [UInt8], _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try leaves(bytes), message, file: file, line: line) { error in
            guard case .malformed? = error as? AvroReadError else {
                return XCTFail("\(message): \(error)", file: file, line: line)
            }
        }
    }

    // MARK: Fixtures

    let orderSchema = """
    {"type": "record", "name": "Order", "fields": [
      {"name": "id", "type": "long"},
      {"name": "customer", "type": {"type": "record", "name": "Customer", "fields": [
        {"name": "name", "type": "string"},
        {"name": "cards", "type": {"type": "array", "items": {"type": "record", "name": "Card", "fields": [
          {"name": "number", "type": "string"},
          {"name": "expiry", "type": ["null", "string"]}]}}}]}},
      {"name": "attrs", "type": {"type": "map", "values": "string"}},
      {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"]}},
      {"name": "score", "type": "double"},
      {"name": "ok", "type": "boolean"},
      {"name": "note", "type": ["null", "string"]},
      {"name": "blob", "type": "bytes"},
      {"name": "tag", "type": {"type": "fixed", "name": "Tag", "size": 4}},
      {"name": "ratio", "type": "float"},
      {"name": "count", "type": "int"}]}
    """

    let orderRecords = """
    [{"id": 7, "customer": {"name": "Alice", "cards": [
        {"number": "4111111111111111", "expiry": null},
        {"number": "5500000000000004", "expiry": "12/30"}]},
      "attrs": {"ssn": "123-45-6789", "home phone": "555-0100"},
      "status": "PAID", "score": 2.5, "ok": true, "note": null,
      "blob": {"$hex": "6b65793d414b4941"}, "tag": {"$hex": "41424344"}, "ratio": 0.25, "count": -3},
     {"id": -1, "customer": {"name": "Bob", "cards": []}, "attrs": {},
      "status": "NEW", "score": -0.125, "ok": false, "note": "hello",
      "blob": {"$hex": "ff00"}, "tag": {"$hex": "00ff0102"}, "ratio": 1.5, "count": 2147483647}]
    """

    var orderExpected: [Leaf] {
        [
            Leaf(0, "$.id", ["id"], "7"),
            Leaf(0, "$.customer.name", ["customer", "name"], "Alice"),
            Leaf(0, "$.customer.cards[0].number", ["customer", "cards", "number"], "4111111111111111"),
            Leaf(0, "$.customer.cards[1].number", ["customer", "cards", "number"], "5500000000000004"),
            Leaf(0, "$.customer.cards[1].expiry", ["customer", "cards", "expiry"], "12/30"),
            Leaf(0, "$.attrs.ssn", ["attrs", "ssn"], "123-45-6789"),
            Leaf(0, "$.attrs['home phone']", ["attrs", "home phone"], "555-0100"),
            Leaf(0, "$.status", ["status"], "PAID"),
            Leaf(0, "$.score", ["score"], "2.5"),
            Leaf(0, "$.ok", ["ok"], "true"),
            Leaf(0, "$.blob", ["blob"], "key=AKIA"),
            Leaf(0, "$.tag", ["tag"], "ABCD"),
            Leaf(0, "$.ratio", ["ratio"], "0.25"),
            Leaf(0, "$.count", ["count"], "-3"),
            Leaf(1, "$.id", ["id"], "-1"),
            Leaf(1, "$.customer.name", ["customer", "name"], "Bob"),
            Leaf(1, "$.status", ["status"], "NEW"),
            Leaf(1, "$.score", ["score"], "-0.125"),
            Leaf(1, "$.ok", ["ok"], "false"),
            Leaf(1, "$.note", ["note"], "hello"),
            // blob ff 00 and tag 00 ff 01 02 are not UTF-8: left out.
            Leaf(1, "$.ratio", ["ratio"], "1.5"),
            Leaf(1, "$.count", ["count"], "2147483647"),
        ]
    }

    // MARK: Tests

    func testNestedRecordWithArrayAndMapNullCodec() throws {
        let file = try pythonAvro(schema: orderSchema, records: orderRecords, codec: "null")
        let (got, summary) = try leaves(file)
        XCTAssertEqual(got, orderExpected)
        XCTAssertEqual(summary, AvroReadSummary(records: 2, codec: "null", skippedBinaryValues: 2))
    }

    func testDeflateCodec() throws {
        let file = try pythonAvro(schema: orderSchema, records: orderRecords, codec: "deflate")
        let (got, summary) = try leaves(file)
        XCTAssertEqual(got, orderExpected)
        XCTAssertEqual(summary.codec, "deflate")
    }

    /// 30 records of {"n": k, "card": "..."} in 3 blocks of 10.
    func blockFile(codec: String) throws -> [UInt8] {
        let schema = #"{"type": "record", "name": "R", "fields": [{"name": "n", "type": "int"}, {"name": "card", "type": "string"}]}"#
        let records = "[" + (0..<30).map { #"{"n": \#($0), "card": "4111-\#($0)"}"# }.joined(separator: ",") + "]"
        return try pythonAvro(schema: schema, records: records, codec: codec, blockRecords: 10)
    }

    func testSeveralBlocksAndEveryTruncation() throws {
        for codec in ["null", "deflate"] {
            let file = try blockFile(codec: codec)
            let (all, summary) = try leaves(file)
            XCTAssertEqual(summary.records, 30, codec)
            XCTAssertEqual(all.count, 60, codec)
            XCTAssertEqual(all[59], Leaf(29, "$.card", ["card"], "4111-29"), codec)

            // Every shorter prefix is .malformed, except the three that end exactly
            // after the header or after a block: those are valid files of 0, 10, 20 records.
            var valid: [Int] = []
            for cut in 0..<file.count {
                let prefix = Array(file[..<cut])
                do {
                    valid.append(try leaves(prefix).1.records)
                } catch let error as AvroReadError {
                    guard case .malformed = error else { return XCTFail("\(codec) cut \(cut): \(error)") }
                }
            }
            XCTAssertEqual(valid, [0, 10, 20], codec)
        }
    }

    func testHandWrittenFileAndDamage() throws {
        let schema = #"{"type": "record", "name": "R", "fields": [{"name": "s", "type": "string"}, {"name": "n", "type": "long"}]}"#
        // ("hi", 1), ("yo", -2): string = zig-zag length + bytes; long 1 -> 02, -2 -> 03.
        let records: [UInt8] = [0x04, 0x68, 0x69, 0x02, 0x04, 0x79, 0x6F, 0x03]
        let good = handWritten(schema: schema, blocks: [(2, records)])
        XCTAssertEqual(try leaves(good).0, [Leaf(0, "$.s", ["s"], "hi"), Leaf(0, "$.n", ["n"], "1"),
                                            Leaf(1, "$.s", ["s"], "yo"), Leaf(1, "$.n", ["n"], "-2")])
        // An explicit null codec and a file with no blocks are valid too.
        XCTAssertEqual(try leaves(handWritten(schema: schema, codec: "null", blocks: [(2, records)])).1.records, 2)
        XCTAssertEqual(try leaves(handWritten(schema: schema, blocks: [])).1.records, 0)

        var badSync = good
        badSync[badSync.count - 1] ^= 0xFF
        assertMalformed(badSync, "sync marker")
        assertMalformed(handWritten(schema: schema, blocks: [(3, records)]), "more records than the block holds")
        assertMalformed(handWritten(schema: schema, blocks: [(0, [])]), "empty block")
        assertMalformed(handWritten(schema: schema, blocks: [(-2, records)]), "negative count")
        assertMalformed(handWritten(schema: #"{"type": "record", "name": "E", "fields": []}"#,
                                    blocks: [(1 << 40, [])]), "zero-width records, absurd count")
        assertMalformed(handWritten(schema: schema, codec: "snappy", blocks: [(2, records)]), "unsupported codec")
        assertMalformed(handWritten(schema: "{not json", blocks: [(2, records)]), "schema")
        assertMalformed(handWritten(schema: schema, codec: "deflate", blocks: [(2, records)]), "not deflate data")
        assertMalformed([0x4F, 0x62, 0x6A, 0x02] + good.dropFirst(4), "magic")
        assertMalformed([], "empty")
        assertMalformed(randomBytes(1000, seed: 5), "random")
        // A block size far beyond the file.
        var huge = handWritten(schema: schema, blocks: [])
        huge += long(2) + long(1 << 40) + records
        assertMalformed(huge, "block size")
    }

    func testNestingLimit() throws {
        // Five nested records: L1 { L2 { L3 { L4 { L5 { v: string } } } } }.
        var type = #"{"type": "record", "name": "L5", "fields": [{"name": "v", "type": "string"}]}"#
        for level in stride(from: 4, through: 1, by: -1) {
            type = #"{"type": "record", "name": "L\#(level)", "fields": [{"name": "c", "type": \#(type)}]}"#
        }
        // One record: c.c.c.c.v = "deep" (string length 4 -> 08).
        let file = handWritten(schema: type, blocks: [(1, [0x08] + Array("deep".utf8))])
        XCTAssertEqual(try leaves(file, reader: AvroReader(maxNesting: 5)).0,
                       [Leaf(0, "$.c.c.c.c.v", ["c", "c", "c", "c", "v"], "deep")])
        XCTAssertThrowsError(try leaves(file, reader: AvroReader(maxNesting: 4))) {
            XCTAssertEqual($0 as? AvroReadError, .nestingTooDeep(limit: 4))
        }
    }

    func testDeflateBombIsBounded() throws {
        let file = try blockFile(codec: "deflate")
        XCTAssertThrowsError(try leaves(file, reader: AvroReader(maxBlockBytes: 64))) {
            guard case .malformed? = $0 as? AvroReadError else { return XCTFail("\($0)") }
        }
    }
}
