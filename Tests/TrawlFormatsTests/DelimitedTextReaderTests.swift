// CSV/TSV fields with rows, columns and offsets worked out by hand from the texts
// below; every text is also read 1-7 bytes at a time so each state crosses reads.

import XCTest
@testable import TrawlFormats

final class DelimitedTextReaderTests: XCTestCase {
    struct Field: Equatable, CustomStringConvertible {
        var row, column, offset: Int
        var value: String
        var description: String { "(\(row),\(column),@\(offset),\(value.debugDescription))" }
    }

    func fields(_ text: String, delimiter: Character = ",", maxFieldBytes: Int = 1 << 20,
                chunked: Bool) throws -> [Field] {
        let reader = DelimitedTextReader(delimiter: delimiter.asciiValue!, maxFieldBytes: maxFieldBytes)
        var out: [Field] = []
        let collect = { (f: DelimitedField, v: UnsafeRawBufferPointer) in
            out.append(Field(row: f.row, column: f.column, offset: f.offset, value: String(decoding: v, as: UTF8.self)))
        }
        if chunked {
            var source = ChunkedByteSource(Array(text.utf8))
            _ = try reader.read(&source, onField: collect)
        } else {
            var source = MemoryByteSource(Array(text.utf8))
            _ = try reader.read(&source, onField: collect)
        }
        return out
    }

    func check(_ text: String, delimiter: Character = ",", _ expected: [Field],
               file: StaticString = #filePath, line: UInt = #line) throws {
        for chunked in [false, true] {
            XCTAssertEqual(try fields(text, delimiter: delimiter, chunked: chunked), expected,
                           "chunked: \(chunked)", file: file, line: line)
        }
    }

    func testHeaderAndRows() throws {
        // Offsets: "name,ssn\n" is 9 bytes; row 2 starts at 9, "123-45-6789" at 13.
        try check("name,ssn\nAnn,123-45-6789\n", [
            Field(row: 1, column: 1, offset: 0, value: "name"),
            Field(row: 1, column: 2, offset: 5, value: "ssn"),
            Field(row: 2, column: 1, offset: 9, value: "Ann"),
            Field(row: 2, column: 2, offset: 13, value: "123-45-6789"),
        ])
    }

    func testQuotedFieldsWithDelimiterQuoteAndNewline() throws {
        // Line 1 with its CRLF is 10 bytes; `"a,b"` is at 10 (value at 11), `"say ""hi"""`
        // at 16 (value 17, 14 bytes with the quotes), `"x\ny"` at 29 (value 30) is one
        // field of row 2; row 3 starts at 36 after the CRLF.
        let text = "h1,h2,h3\r\n\"a,b\",\"say \"\"hi\"\"\",\"x\ny\"\r\nlast,,z"
        try check(text, [
            Field(row: 1, column: 1, offset: 0, value: "h1"),
            Field(row: 1, column: 2, offset: 3, value: "h2"),
            Field(row: 1, column: 3, offset: 6, value: "h3"),
            Field(row: 2, column: 1, offset: 11, value: "a,b"),
            Field(row: 2, column: 2, offset: 17, value: "say \"hi\""),
            Field(row: 2, column: 3, offset: 30, value: "x\ny"),
            Field(row: 3, column: 1, offset: 36, value: "last"),
            Field(row: 3, column: 3, offset: 42, value: "z"),
        ])
    }

    func testTabsBlankLinesAndCRLF() throws {
        // A blank line is a row of its own (row 3 is empty); the CR of CRLF is not kept.
        try check("a\tb\r\n1\t2\r\n\r\n3\t4", delimiter: "\t", [
            Field(row: 1, column: 1, offset: 0, value: "a"),
            Field(row: 1, column: 2, offset: 2, value: "b"),
            Field(row: 2, column: 1, offset: 5, value: "1"),
            Field(row: 2, column: 2, offset: 7, value: "2"),
            Field(row: 4, column: 1, offset: 12, value: "3"),
            Field(row: 4, column: 2, offset: 14, value: "4"),
        ])
    }

    func testCarriageReturnBeforeDelimiterAndEmptyFields() throws {
        // The CR before a delimiter goes as a CRLF's does; empty fields still count as columns.
        try check("h\na\r,,b\r\n", [
            Field(row: 1, column: 1, offset: 0, value: "h"),
            Field(row: 2, column: 1, offset: 2, value: "a"),
            Field(row: 2, column: 3, offset: 6, value: "b"),
        ])
    }

    /// Records what a row-batching handler is given.
    struct RecordingHandler: DelimitedFieldHandler {
        var calls: [String] = []
        mutating func field(_ field: DelimitedField, _ value: UnsafeRawBufferPointer) {
            calls.append("field \(field.row),\(field.column),@\(field.offset) \(String(decoding: value, as: UTF8.self))")
        }
        mutating func plainRecord(row: Int, line: Int, offset: Int, _ bytes: UnsafeRawBufferPointer, delimiter: UInt8) {
            calls.append("record \(row) line \(line),@\(offset) \(String(decoding: bytes, as: UTF8.self))")
        }
    }

    func testPlainRecordsComeWhole() throws {
        // The header and a record holding a quote come field by field; the others whole,
        // without their CRLF. Offsets by hand: "h1,h2\n" is bytes 0-5, "x,,y\r\n" 6-11,
        // the quoted record starts at 12 (its first value at 13, "z" at 18), ",last" at 20.
        let reader = DelimitedTextReader(delimiter: UInt8(ascii: ","))
        var source = MemoryByteSource(Array("h1,h2\nx,,y\r\n\"q,1\",z\n,last\n".utf8))
        var handler = RecordingHandler()
        _ = try reader.read(&source, handler: &handler)
        XCTAssertEqual(handler.calls, [
            "field 1,1,@0 h1", "field 1,2,@3 h2",
            "record 2 line 2,@6 x,,y",
            "field 3,1,@13 q,1", "field 3,2,@18 z",
            "record 4 line 4,@20 ,last",
        ])
    }

    func testHeaderCharacterColumns() throws {
        // "número" is 6 characters in 7 bytes: the next header starts at character 8.
        let reader = DelimitedTextReader(delimiter: UInt8(ascii: ","))
        var columns: [Int] = []
        var source = ChunkedByteSource(Array("número,\"card\"\n1,2\n".utf8))
        _ = try reader.read(&source) { f, _ in if f.row == 1 { columns.append(f.lineColumn) } }
        XCTAssertEqual(columns, [1, 9])
    }

    func testLongFieldComesInPieces() throws {
        let long = String(repeating: "x", count: 40)
        // Reads of at most 7 bytes: pieces of 16 to 22 bytes, offsets contiguous.
        let got = try fields("a,\(long)\n", maxFieldBytes: 16, chunked: true)
        XCTAssertEqual(got.map(\.value).joined(), "a" + long)
        XCTAssertGreaterThanOrEqual(got.count, 3)
        var offset = 2
        for piece in got.dropFirst() {
            XCTAssertEqual(piece.column, 2)
            XCTAssertEqual(piece.offset, offset)
            XCTAssertLessThanOrEqual(piece.value.count, 22)
            offset += piece.value.utf8.count
        }
    }

    func testUnterminatedQuoteKeepsWhatWasRead() throws {
        try check("a,\"open\nstill", [
            Field(row: 1, column: 1, offset: 0, value: "a"),
            Field(row: 1, column: 2, offset: 3, value: "open\nstill"),
        ])
    }
}
