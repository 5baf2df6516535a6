// DelimitedTextReader: CSV and TSV (RFC 4180) as a stream of fields with their row and
// column, so occurrences come out as Macie's Cells (Row counts the header row as row 1,
// Column is 1-based) and a column's name can serve as the keyword.
//
// Why hand-written: no C library for CSV ships in Debian's -dev packages that streams
// from a pull source, and Foundation has none; the grammar is small. Quoted fields may
// hold delimiters, doubled quotes and newlines; CRLF and LF both end a record; a quote
// inside an unquoted field is kept as a literal (as spreadsheet programs read it).
// Memory is bounded: one read buffer and one field buffer; a field longer than
// `maxFieldBytes` is delivered in consecutive pieces with the same row and column.
// Empty fields are not delivered (they hold nothing to classify) but count as columns.

public struct DelimitedField: Sendable {
    /// 1-based record number; the header is row 1. Blank lines count as rows.
    public var row: Int
    /// 1-based column (A = 1).
    public var column: Int
    /// Byte offset, in the text, of the field's first value byte.
    public var offset: Int
    /// 1-based line where the field starts (differs from `row` after quoted newlines).
    public var line: Int
    /// 1-based character column, in its line, of the field's first value byte.
    public var lineColumn: Int
}

/// Receives the fields of `DelimitedTextReader.read` in order.
public protocol DelimitedFieldHandler {
    /// One non-empty field; `value` is unquoted and valid during the call only.
    mutating func field(_ field: DelimitedField, _ value: UnsafeRawBufferPointer) throws
    /// A whole record after the header that holds no quote and lies in one read buffer,
    /// in one call: `bytes` is its line without the LF (and without the CR of a CRLF),
    /// starting at text offset `offset`; its fields are the pieces between delimiters.
    /// The default splits it and calls `field` for each non-empty piece, exactly as the
    /// field-by-field walk would; a handler that batches whole rows (the scanner) saves a
    /// call and a copy per field.
    mutating func plainRecord(row: Int, line: Int, offset: Int, _ bytes: UnsafeRawBufferPointer,
                              delimiter: UInt8) throws
    /// As many such records as the handler takes at once, the first being row `row` at
    /// `start` of the read buffer `bytes` (whose first byte is at text offset `offset`;
    /// 32 bytes readable past its end), each line being its own row: each is what
    /// `plainRecord` would get. Returns how many it took and where the next record
    /// begins; the default takes none, and they come one by one.
    mutating func plainRecords(row: Int, in bytes: UnsafeRawBufferPointer, from start: Int, offset: Int,
                               delimiter: UInt8) throws -> (records: Int, next: Int)
}

extension DelimitedFieldHandler {
    public mutating func plainRecord(row: Int, line: Int, offset: Int, _ bytes: UnsafeRawBufferPointer,
                                     delimiter: UInt8) throws {
        var start = 0, column = 1
        for k in 0...bytes.count where k == bytes.count || bytes[k] == delimiter {
            var end = k
            if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }   // as the field walk strips it
            if end > start {
                try field(DelimitedField(row: row, column: column, offset: offset + start, line: line, lineColumn: 0),
                          UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
            }
            start = k + 1
            column += 1
        }
    }

    public mutating func plainRecords(row: Int, in bytes: UnsafeRawBufferPointer, from start: Int, offset: Int,
                                      delimiter: UInt8) throws -> (records: Int, next: Int) {
        (0, start)
    }
}

private struct ClosureFieldHandler: DelimitedFieldHandler {
    let body: (DelimitedField, UnsafeRawBufferPointer) throws -> Void
    func field(_ field: DelimitedField, _ value: UnsafeRawBufferPointer) throws { try body(field, value) }
}

public struct DelimitedTextReader {
    public let delimiter: UInt8
    public let maxFieldBytes: Int

    /// The read buffer (lent by the caller to reader after reader, or the reader's own).
    private let readBuffer: PaddedReadBuffer

    public init(delimiter: UInt8, maxFieldBytes: Int = 1 << 20, buffer: PaddedReadBuffer = PaddedReadBuffer()) {
        self.readBuffer = buffer
        self.delimiter = delimiter
        self.maxFieldBytes = max(16, maxFieldBytes)
    }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    /// Reads `source` (UTF-8 text) to its end, calling `onField` for every non-empty
    /// field in order. The value bytes are unquoted and valid during the call only.
    /// Returns the number of text bytes read.
    public func read<S: ByteSource>(_ source: inout S,
                                    onField: (DelimitedField, UnsafeRawBufferPointer) throws -> Void) throws -> Int64 {
        try withoutActuallyEscaping(onField) { body in
            var handler = ClosureFieldHandler(body: body)
            return try read(&source, handler: &handler)
        }
    }

    /// The same with a handler type, specialized into the loop (the scanner's path: a
    /// closure call per field, with its captured state boxed, was a fifth of the
    /// per-field cost).
    public func read<S: ByteSource, H: DelimitedFieldHandler>(_ source: inout S, handler: inout H) throws -> Int64 {
        @inline(__always) func onField(_ field: DelimitedField, _ value: UnsafeRawBufferPointer) throws {
            try handler.field(field, value)
        }
        let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        let delimiter = self.delimiter, maxFieldBytes = self.maxFieldBytes
        let readBuffer = self.readBuffer
        let buffer = readBuffer.area
        var value: [UInt8] = []
        value.reserveCapacity(256)

        var state = State.fieldStart
        var total = 0                     // bytes consumed before the current buffer
        var row = 1, column = 1, line = 1
        var charsAt = 0, chars = 0        // characters of the first line before absolute `charsAt`
        var field = DelimitedField(row: 1, column: 1, offset: 0, line: 1, lineColumn: 1)

        func deliver() throws {
            var count = value.count
            if count > 0 && value[count - 1] == cr { count -= 1 }   // the CR of a CRLF
            if count > 0 {
                try value.withUnsafeBytes { try onField(field, UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            }
            value.removeAll(keepingCapacity: true)
        }

        while true {
            let n = try source.read(into: buffer)
            if n == 0 { break }
            let bytes = UnsafeRawBufferPointer(rebasing: buffer[..<n])
            /// The first position from `i` holding `a` or `b`, or n.
            func next(_ a: UInt8, _ b: UInt8, from i: Int) -> Int { readBuffer.next(a, b, from: i, count: n) }

            func endRow() {
                row += 1
                column = 1
                line += 1
            }
            /// The 1-based character column of absolute offset `at` on the first line
            /// (characters are counted forward from the last call, across buffers).
            func characterColumn(_ at: Int) -> Int {
                var k = max(charsAt, total) - total
                while k < at - total {
                    if bytes[k] & 0xC0 != 0x80 { chars += 1 }
                    k += 1
                }
                charsAt = at
                return chars + 1
            }
            func append(_ from: Int, _ to: Int) throws {
                value.appendBytes(UnsafeRawBufferPointer(rebasing: bytes[from..<to]))
                if value.count >= maxFieldBytes {
                    try value.withUnsafeBytes { try onField(field, $0) }
                    field.offset += value.count
                    value.removeAll(keepingCapacity: true)
                }
            }

            var i = 0, segment = 0
            while i < n {
                switch state {
                case .fieldStart:
                    if column == 1 && row > 1 {
                        // Records with no quote up to their LF, all in this buffer: as many
                        // as the handler takes in one call, else one per call.
                        let taken = try handler.plainRecords(row: row, in: bytes, from: i, offset: total,
                                                             delimiter: delimiter)
                        if taken.records > 0 {
                            row += taken.records
                            line += taken.records
                            i = taken.next
                            continue
                        }
                        let j = next(quote, lf, from: i)
                        if j < n && bytes[j] == lf {
                            let end = j > i && bytes[j - 1] == cr ? j - 1 : j
                            try handler.plainRecord(row: row, line: line, offset: total + i,
                                                    UnsafeRawBufferPointer(rebasing: bytes[i..<end]), delimiter: delimiter)
                            endRow()
                            i = j + 1
                            continue
                        }
                    }
                    let b = bytes[i]
                    if b == delimiter { column += 1; i += 1; continue }
                    if b == lf { endRow(); i += 1; continue }
                    if b == cr { i += 1; continue }
                    let first = b == quote ? i + 1 : i
                    // Character columns are only reported for the header row (LineRanges).
                    let lineColumn = row == 1 && line == 1 ? characterColumn(total + i) + (b == quote ? 1 : 0) : 0
                    field = DelimitedField(row: row, column: column, offset: total + first, line: line,
                                           lineColumn: lineColumn)
                    state = b == quote ? .quoted : .unquoted
                    i = first
                    segment = first
                case .unquoted:
                    let j = next(delimiter, lf, from: i)
                    if j < n && value.isEmpty {
                        // The whole field is in this buffer: hand it over without a copy.
                        var end = j
                        if end > segment && bytes[end - 1] == cr { end -= 1 }
                        if end > segment { try onField(field, UnsafeRawBufferPointer(rebasing: bytes[segment..<end])) }
                    } else {
                        try append(segment, j)
                        segment = j
                        i = j
                        if j == n { break }
                        try deliver()
                    }
                    state = .fieldStart
                    if bytes[j] == delimiter { column += 1 } else { endRow() }
                    i = j + 1
                case .quoted:
                    let j = next(quote, lf, from: i)
                    if j == n {
                        try append(segment, n)
                        segment = n
                        i = n
                    } else if bytes[j] == lf {
                        line += 1           // a newline inside quotes is part of the value
                        i = j + 1
                    } else {
                        try append(segment, j)
                        state = .quoteInQuoted
                        i = j + 1
                        segment = i
                    }
                case .quoteInQuoted:
                    if bytes[i] == quote {  // a doubled quote: one literal quote
                        value.append(quote)
                        state = .quoted
                        i += 1
                    } else {                // the closing quote; anything up to the delimiter is kept
                        state = .unquoted
                    }
                    segment = i
                }
            }
            if line == 1 { _ = characterColumn(total + n) }
            total += n
        }
        if state != .fieldStart { try deliver() }
        return Int64(total)
    }
}
