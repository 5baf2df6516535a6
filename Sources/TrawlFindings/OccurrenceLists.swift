// The occurrence lists of one detection (LineRanges, Cells, Records, Pages), written
// once for both outputs that carry them: the ASFF finding (Security Hub's PascalCase
// names, no byte offsets) and the result line (Macie's camelCase JSON, with offsets).
// Each list is written only when it has entries, in object order; entries with an
// empty name or path never produce an empty string.

struct OccurrenceSpelling {
    let lineRanges, start, end, startColumn: StaticString
    let cells, row, column, columnName, cellReference: StaticString
    let records, recordIndex, jsonPath: StaticString
    let pages, pageNumber, lineRange: StaticString
    /// Byte offsets go in result lines only, never in ASFF.
    let offset: StaticString?

    static let asff = OccurrenceSpelling(
        lineRanges: "LineRanges", start: "Start", end: "End", startColumn: "StartColumn",
        cells: "Cells", row: "Row", column: "Column", columnName: "ColumnName", cellReference: "CellReference",
        records: "Records", recordIndex: "RecordIndex", jsonPath: "JsonPath",
        pages: "Pages", pageNumber: "PageNumber", lineRange: "LineRange", offset: nil)

    static let resultLine = OccurrenceSpelling(
        lineRanges: "lineRanges", start: "start", end: "end", startColumn: "startColumn",
        cells: "cells", row: "row", column: "column", columnName: "columnName", cellReference: "cellReference",
        records: "records", recordIndex: "recordIndex", jsonPath: "jsonPath",
        pages: "pages", pageNumber: "pageNumber", lineRange: "lineRange", offset: "offset")
}

enum OccurrenceLists {
    static func write(_ occurrences: ArraySlice<Occurrence>, spelling s: OccurrenceSpelling, to w: inout JSONWriter) {
        var lines = false, cells = false, records = false, pages = false
        for o in occurrences {
            switch o.location {
            case .line: lines = true
            case .cell: cells = true
            case .record: records = true
            case .page: pages = true
            }
        }
        if lines {
            w.key(s.lineRanges)
            w.beginArray()
            for o in occurrences {
                guard case let .line(start, end, startColumn) = o.location else { continue }
                w.beginObject()
                w.member(s.start, start)
                w.member(s.end, end)
                w.member(s.startColumn, startColumn)
                writeOffset(o, s, &w)
                w.endObject()
            }
            w.endArray()
        }
        if cells {
            w.key(s.cells)
            w.beginArray()
            for o in occurrences {
                guard case let .cell(row, column, columnName, cellReference) = o.location else { continue }
                w.beginObject()
                w.member(s.row, row)
                w.member(s.column, column)
                w.member(s.columnName, ifNonEmpty: columnName)
                w.member(s.cellReference, ifNonEmpty: cellReference)
                writeOffset(o, s, &w)
                w.endObject()
            }
            w.endArray()
        }
        if records {
            w.key(s.records)
            w.beginArray()
            for o in occurrences {
                guard case let .record(index, jsonPath) = o.location else { continue }
                w.beginObject()
                w.member(s.recordIndex, index)
                // (Omitted when a name on it holds sensitive data, as Macie does.)
                if JSONWriter.hasNonWhitespace(jsonPath) { w.member(s.jsonPath, jsonPath) }
                writeOffset(o, s, &w)
                w.endObject()
            }
            w.endArray()
        }
        if pages {
            w.key(s.pages)
            w.beginArray()
            for o in occurrences {
                guard case let .page(number, start, end, startColumn) = o.location else { continue }
                w.beginObject()
                w.member(s.pageNumber, number)
                w.key(s.lineRange)
                w.beginObject()
                w.member(s.start, start)
                w.member(s.end, end)
                w.member(s.startColumn, startColumn)
                w.endObject()
                writeOffset(o, s, &w)
                w.endObject()
            }
            w.endArray()
        }
    }

    @inline(__always)
    private static func writeOffset(_ o: Occurrence, _ s: OccurrenceSpelling, _ w: inout JSONWriter) {
        // A negative offset means the format has none (Avro values are decoded, not text).
        if let name = s.offset, o.offset >= 0 { w.member(name, o.offset) }
    }
}
