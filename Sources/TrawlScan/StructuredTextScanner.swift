// Classifies the text formats that carry structure: CSV and TSV (occurrences as Cells,
// header names as LineRanges) and JSON / JSON Lines (occurrences as Records). The
// readers (TrawlFormats) stream the fields; FieldScanner batches them through the
// engine and applies the column-name / JSON-path keyword rule.

import CTrawlKernels
import TrawlDetectors
import TrawlFindings
import TrawlFormats

final class StructuredTextScanner {
    let fields: FieldScanner
    /// Nesting limit for JSON (Macie: 256 levels).
    let maxJSONDepth: Int

    /// The readers' buffer, one per worker (a reader reads one object at a time).
    private let readBuffer = PaddedReadBuffer()
    /// How JSON Lines records are read (JSONReader's switches; tests turn them off to
    /// compare with the record-by-record path and the byte-by-byte walk), and the records
    /// read in runs so far (for the tests).
    var usesFlatRecords = true
    var usesSameNamedRuns = true
    private(set) var runRecordsRead = 0

    init(engine: DetectionEngine, nameKeywords: FieldNameKeywords, maxJSONDepth: Int = 256) {
        fields = FieldScanner(engine: engine, nameKeywords: nameKeywords)
        self.maxJSONDepth = maxJSONDepth
    }

    /// CSV (`,`) or TSV (`\t`): row 1 names the columns. Returns the text bytes read.
    func scanDelimited(_ source: inout some ByteSource, delimiter: UInt8,
                       into classifier: ObjectClassifier) throws -> Int64 {
        fields.beginTable(sheetName: nil)
        let reader = DelimitedTextReader(delimiter: delimiter, buffer: readBuffer)
        var cells = CellHandler(fields: fields, classifier: classifier)
        let bytes = try reader.read(&source, handler: &cells)
        fields.flush(into: classifier)
        return bytes
    }

    /// Row 1's fields name the columns (and are classified as header text); the others
    /// are cells, with their column name's keyword subset.
    private struct CellHandler: DelimitedFieldHandler {
        let fields: FieldScanner
        let classifier: ObjectClassifier

        mutating func field(_ field: DelimitedField, _ value: UnsafeRawBufferPointer) {
            if field.row == 1 {
                // A header longer than one piece keeps its first piece as the name.
                fields.nameColumn(field.column, String(decoding: value, as: UTF8.self))
                fields.addHeaderName(line: field.line, characterColumn: field.lineColumn, value: value,
                                     offset: field.offset, into: classifier)
            } else {
                fields.addCell(row: field.row, column: field.column, value: value, offset: field.offset,
                               subset: fields.subset(ofColumn: field.column), into: classifier)
            }
        }

        mutating func plainRecord(row: Int, line: Int, offset: Int, _ bytes: UnsafeRawBufferPointer,
                                  delimiter: UInt8) {
            fields.addRow(row: row, bytes: bytes, offset: offset, delimiter: delimiter, into: classifier)
        }

        mutating func plainRecords(row: Int, in bytes: UnsafeRawBufferPointer, from start: Int, offset: Int,
                                   delimiter: UInt8) -> (records: Int, next: Int) {
            fields.addRows(firstRow: row, in: bytes, from: start, offset: offset, delimiter: delimiter,
                           into: classifier)
        }
    }

    /// What a JSON read found wrong, if anything (the scanner turns it into a status).
    enum JSONOutcome {
        case complete
        case malformedRecords(Int, of: Int)
    }

    /// A JSON document (`lines: false`) or JSON Lines. Throws JSONReaderError for a
    /// document that does not parse or nests too deep; what was read before stays
    /// classified.
    func scanJSON(_ source: inout some ByteSource, lines: Bool, into classifier: ObjectClassifier,
                  bytesRead: inout Int64) throws -> JSONOutcome {
        var reader = JSONReader(lines: lines, maxDepth: maxJSONDepth, buffer: readBuffer)
        reader.usesFlatRecords = usesFlatRecords
        reader.usesSameNamedRuns = usesSameNamedRuns
        var handler = RecordValueHandler(fields: fields, classifier: classifier, maxDepth: maxJSONDepth)
        defer {
            fields.flush(into: classifier)
            runRecordsRead += reader.runRecordsRead
        }
        bytesRead = try reader.read(&source, handler: &handler)
        return reader.malformedRecords > 0 ? .malformedRecords(reader.malformedRecords, of: reader.records) : .complete
    }
}

/// Feeds JSON leaf values to the FieldScanner, with the detectors whose keyword a name on
/// the value's path holds (the union over the path, kept per depth).
struct RecordValueHandler: JSONValueHandler {
    let fields: FieldScanner
    let classifier: ObjectClassifier
    private let tables: Tables

    /// Fixed-size tables in raw memory, written once or twice per JSON value: through
    /// Arrays each write checked uniqueness and bounds (setMember was 3% of the time on
    /// JSON Lines).
    private final class Tables {
        /// The keyword subset of the current member at each depth (index 0: the root,
        /// always 0), up to the reader's nesting limit.
        let atDepth: UnsafeMutableBufferPointer<Int32>
        /// The keyword subset of the name last given with each reader slot.
        let atSlot: UnsafeMutableBufferPointer<Int32>
        /// The path last kept in the FieldScanner's batch for each slot's member (`member`),
        /// reused while the slot's name is the same and the batch has not been flushed.
        let pathAtSlot: UnsafeMutableBufferPointer<FieldScanner.KeptPath>

        init(maxDepth: Int) {
            atDepth = .allocate(capacity: maxDepth + 1)
            atDepth.initialize(repeating: 0)
            atSlot = .allocate(capacity: JSONReader.slotCount)
            atSlot.initialize(repeating: 0)
            pathAtSlot = .allocate(capacity: JSONReader.slotCount)
            pathAtSlot.initialize(repeating: .notKept)
        }

        deinit {
            atDepth.deallocate()
            atSlot.deallocate()
            pathAtSlot.deallocate()
        }
    }

    /// `maxDepth`: the reader's nesting limit (no member is deeper).
    init(fields: FieldScanner, classifier: ObjectClassifier, maxDepth: Int) {
        self.fields = fields
        self.classifier = classifier
        tables = Tables(maxDepth: maxDepth)
    }

    mutating func enter(depth: Int, name: UnsafeRawBufferPointer?) {
        setMember(depth: depth, own: name.map { fields.subset(forName: $0) } ?? 0)
    }

    mutating func enter(depth: Int, name: UnsafeRawBufferPointer, slot: Int, sameName: Bool) {
        let own: Int32
        if sameName {
            own = tables.atSlot[slot]
        } else {
            own = fields.subset(forName: name)
            tables.atSlot[slot] = own
            tables.pathAtSlot[slot].batch = -1     // a new name: its path is not kept
        }
        setMember(depth: depth, own: own)
    }

    /// The member at `depth` begins: its subset is its parent's joined with `own`, its
    /// name's (0 for an array element or a name without a keyword).
    @inline(__always)
    private func setMember(depth: Int, own: Int32) {
        guard depth >= 1 && depth < tables.atDepth.count else { return }
        tables.atDepth[depth] = fields.union(tables.atDepth[depth - 1], own)
    }

    /// `enter` at depth 1 then `value`, in one call (the root's subset is always 0, so
    /// the member's is its name's). The slot lookup is written out as in `enter`: the
    /// same lines as one helper, called from both, took 12M more instructions on 16 MiB of
    /// JSON Lines (the member call compiled into the flat-record reader less well). The
    /// path is copied into the batch once per slot and batch (`pathAtSlot`), not per value.
    mutating func member(name: UnsafeRawBufferPointer, slot: Int, sameName: Bool, value: UnsafeRawBufferPointer?,
                         isString: Bool, path: UnsafeRawBufferPointer, record: Int, offset: Int) throws {
        let own: Int32
        if sameName {
            own = tables.atSlot[slot]
        } else {
            own = fields.subset(forName: name)
            tables.atSlot[slot] = own
            tables.pathAtSlot[slot].batch = -1
        }
        tables.atDepth[1] = own
        if let value {
            var kept = tables.pathAtSlot[slot]
            if kept.batch != fields.batchNumber {
                kept = fields.keep(path)
                tables.pathAtSlot[slot] = kept
            }
            fields.addRecordValue(record: record, path: kept, value: value, offset: offset, subset: own,
                                  into: classifier)
        }
    }

    /// A record of the same names as the one before, its values added in one loop
    /// (FieldScanner.addSameNamedValues); a member whose path this batch does not hold
    /// yet goes through `member`, which keeps it.
    mutating func sameNamedMembers(_ members: UnsafePointer<trawl_json_member>, count: Int, firstSlot: Int,
                                   in bytes: UnsafeRawBufferPointer, paths: UnsafeRawPointer, pathStride: Int,
                                   record: Int, total: Int) throws -> Bool {
        let subsets = UnsafePointer(tables.atSlot.baseAddress! + firstSlot)
        let kept = UnsafePointer(tables.pathAtSlot.baseAddress! + firstSlot)
        var k = 0
        while k < count {
            k = fields.addSameNamedValues(members, from: k, count: count, in: bytes, subsets: subsets, paths: kept,
                                          record: record, total: total, into: classifier)
            if k == count { break }
            let m = members[k], keyLength = Int(m.key_end - m.key_start)
            try member(name: UnsafeRawBufferPointer(start: bytes.baseAddress! + Int(m.key_start), count: keyLength),
                       slot: firstSlot + k, sameName: true,
                       value: UnsafeRawBufferPointer(start: bytes.baseAddress! + Int(m.value_start),
                                                     count: Int(m.value_end - m.value_start)),
                       isString: m.kind == UInt8(TRAWL_JSON_STRING),
                       path: UnsafeRawBufferPointer(start: paths + k * pathStride, count: keyLength + 2),
                       record: record, offset: total + Int(m.value_start))
            k += 1
        }
        // (atDepth[1] is left as it was: a flat record has no deeper member to read it,
        // and the next record's members set it before their values.)
        return true
    }

    /// Records of the same names as the one before, as many as the batch takes in one
    /// loop (FieldScanner.addSameNamedRecords); the reader reads the one it stops at.
    mutating func sameNamedRecords(_ run: inout trawl_json_run, firstSlot: Int) {
        run.subsets = UnsafePointer(tables.atSlot.baseAddress! + firstSlot)
        run.paths = UnsafePointer(tables.pathAtSlot.baseAddress! + firstSlot)
        fields.addSameNamedRecords(&run, into: classifier)
    }

    mutating func value(_ bytes: UnsafeRawBufferPointer, isString: Bool, path: UnsafeRawBufferPointer,
                        depth: Int, record: Int, offset: Int) throws {
        let subset = depth < tables.atDepth.count ? tables.atDepth[depth] : 0
        fields.addRecordValue(record: record, path: path, value: bytes, offset: offset, subset: subset,
                              into: classifier)
    }

    mutating func valuePiece(_ bytes: UnsafeRawBufferPointer, report: Range<Int>, isString: Bool,
                             path: UnsafeRawBufferPointer, depth: Int, record: Int, offset: Int) throws {
        let subset = depth < tables.atDepth.count ? tables.atDepth[depth] : 0
        fields.addRecordValue(record: record, path: fields.keep(path), value: bytes, offset: offset, subset: subset,
                              report: report, into: classifier)
    }
}
