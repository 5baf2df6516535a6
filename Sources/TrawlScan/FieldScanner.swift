// Classifies structured data (CSV, TSV, Excel cells; JSON, JSON Lines, Avro values) one
// batch of fields at a time, and locates each match the way Macie does: as a Cell
// (row, column, column name, Excel cell reference) or a Record (index, JsonPath).
//
// Field values are copied into one batch buffer, each followed by a newline, and the
// engine runs over the batch once, so keywords in neighbouring fields still count by
// proximity. Then Macie's structured-data keyword rule: detectors whose keyword the
// field's name holds (the column name, any name on the JSON path: FieldNameKeywords)
// run again over that field with the keyword taken as present; a match both passes
// find is reported once, under the type the keyword earns. Memory is bounded by the
// batch size; a match never spans two fields. One per worker, never shared between
// threads, so its buffers skip Swift's dynamic exclusivity checks.
//
// A CSV record without quotes comes as one piece (`addRow`): copied with its delimiters
// turned into newlines, so each of its fields is still one line of the batch (an empty
// field is an empty line), and a match's column is counted from the newlines before it
// only when there is a match. Per-field bookkeeping was two fifths of the time spent on
// CSV; consecutive records without a quote are added in one C loop
// (trawl_csv_batch_rows, `addRows`). Likewise a JSON Lines record whose keys repeat the
// record before's: its values and fields are written in one C loop
// (trawl_json_batch_values, `addSameNamedValues`), not one handler call per member, and
// the records that follow it with the same keys in one more (`addSameNamedRecords`).

import CTrawlKernels
import TrawlDetectors
import TrawlFindings
import TrawlFormats

final class FieldScanner {
    let engine: DetectionEngine
    private let nameKeywords: FieldNameKeywords
    /// Detector subsets by id; id 0 is the empty subset.
    @exclusivity(unchecked) private var subsets: [[Int]] = [[]]
    @exclusivity(unchecked) private var subsetIDs: [[Int]: Int32] = [[]: 0]
    @exclusivity(unchecked) private var nameSubsets: [String: Int32] = [:]
    @exclusivity(unchecked) private var unions: [Int64: Int32] = [:]
    @exclusivity(unchecked) private var byteNames = FieldNameCache()

    @exclusivity(unchecked) private var text: PlainBuffer<UInt8>
    @exclusivity(unchecked) private var fields = PlainBuffer<Field>(capacity: 4096)
    /// JSON paths of the batch's record fields, back to back.
    @exclusivity(unchecked) private var paths = PlainBuffer<UInt8>(capacity: 64 * 1024)
    @exclusivity(unchecked) private var matches: [Match] = []
    @exclusivity(unchecked) private var nameMatches: [Match] = []
    /// The batch's fields the name pass looks at, in order: those with a keyword subset,
    /// and whole rows. Noted as fields are added: `flush` walked every 56-byte field of
    /// a batch of thousands for the few, and that walk was most of its own time.
    @exclusivity(unchecked) private var namePassFields = PlainBuffer<Int32>(capacity: 1024)
    let batchBytes: Int

    /// Column names of the table being read (index 0 is column 1), and the Excel sheet.
    @exclusivity(unchecked) private(set) var columnNames: [String] = []
    /// The keyword subset of each column's name (index 0 is column 1), for whole rows.
    @exclusivity(unchecked) private(set) var columnSubsets: [Int32] = []
    @exclusivity(unchecked) private(set) var sheetName: String?

    /// Names a location would show that hold sensitive data (`namesHoldingSensitiveData`):
    /// per column, worked out on the first cell reported after the header changed; the
    /// sheet's name; and each distinct list of names on a JSON path (1 holds some).
    @exclusivity(unchecked) private var sensitiveColumnNames: [Bool]?
    @exclusivity(unchecked) private var sensitiveSheetName: Bool?
    @exclusivity(unchecked) private var checkedPaths = FieldNameCache()
    @exclusivity(unchecked) private var checkedPathNames = FieldNameCache()
    @exclusivity(unchecked) private var names = PlainBuffer<UInt8>(capacity: 1024)
    @exclusivity(unchecked) private var namesMatches: [Match] = []

    fileprivate enum Kind: UInt8 { case cell, record, headerName, row }

    /// A field of the batch (trawl_batch_field: the flat-record kernel writes them too).
    /// `a`: row, record index, or line; `b`: column, or character column of a header name
    /// (0 for a whole row); `offset`: of the value in the object's decoded text;
    /// `reportFrom..<reportUntil`: where in the value a match may start (a piece of a long
    /// JSON value: the rest is context, its matches are another piece's).
    fileprivate typealias Field = trawl_batch_field

    init(engine: DetectionEngine, nameKeywords: FieldNameKeywords, batchBytes: Int = 256 * 1024) {
        self.engine = engine
        self.nameKeywords = nameKeywords
        self.batchBytes = batchBytes
        text = PlainBuffer(capacity: batchBytes + 4096)
    }

    // MARK: Names -> detectors whose keyword the name holds

    /// The subset of detectors whose keyword `name` holds (0 when none).
    func subset(forName name: String) -> Int32 {
        if let id = nameSubsets[name] { return id }
        let id = intern(nameKeywords.detectors(forName: name))
        nameSubsets[name] = id
        return id
    }

    /// The same for a name in bytes (a JSON key), from FieldNameCache: a key seen before
    /// costs no allocation.
    func subset(forName name: UnsafeRawBufferPointer) -> Int32 {
        if nameKeywords.isEmpty { return 0 }
        let hash = FieldNameCache.hash(name)
        if let id = byteNames.lookup(name, hash: hash) { return id }
        let id = subset(forName: String(decoding: name, as: UTF8.self))
        byteNames.insert(name, hash: hash, id: id)
        return id
    }

    /// A new table (a CSV, an Avro file, an Excel sheet): no column named yet.
    func beginTable(sheetName: String?) {
        columnNames = []
        columnSubsets = []
        self.sheetName = sheetName
        sensitiveColumnNames = nil
        sensitiveSheetName = nil
    }

    /// Row 1's field at `column` (1-based) names that column, unless an earlier piece of
    /// the same header did.
    func nameColumn(_ column: Int, _ name: String) {
        while columnNames.count < column {
            columnNames.append("")
            columnSubsets.append(0)
        }
        if columnNames[column - 1].isEmpty {
            sensitiveColumnNames = nil
            columnNames[column - 1] = name
            columnSubsets[column - 1] = subset(forName: name)
        }
    }

    /// The keyword subset of `column`'s name (0 past the named columns).
    func subset(ofColumn column: Int) -> Int32 {
        column <= columnSubsets.count ? columnSubsets[column - 1] : 0
    }

    /// The union of two subsets. Inlined for the usual case, one of them empty (a name
    /// with no keyword, a record that nests none), which needs no lookup.
    @inline(__always)
    func union(_ a: Int32, _ b: Int32) -> Int32 {
        if a == b || b == 0 { return a }
        if a == 0 { return b }
        return unionLookedUp(a, b)
    }

    private func unionLookedUp(_ a: Int32, _ b: Int32) -> Int32 {
        let key = Int64(min(a, b)) << 32 | Int64(max(a, b))
        if let id = unions[key] { return id }
        let id = intern(Array(Set(subsets[Int(a)] + subsets[Int(b)])).sorted())
        unions[key] = id
        return id
    }

    private func intern(_ detectors: [Int]) -> Int32 {
        if let id = subsetIDs[detectors] { return id }
        let id = Int32(subsets.count)
        subsets.append(detectors)
        subsetIDs[detectors] = id
        return id
    }

    // MARK: Adding fields

    /// A table cell (1-based row and column).
    func addCell(row: Int, column: Int, value: UnsafeRawBufferPointer, offset: Int, subset: Int32,
                 into classifier: ObjectClassifier) {
        append(value, Field(start: 0, end: 0, subset: subset, kind: .cell, a: row, b: column,
                            pathStart: 0, pathEnd: 0, offset: offset), into: classifier)
    }

    /// A whole CSV/TSV record (1-based row) that holds no quote: its fields are the
    /// pieces between `delimiter`s, `offset` the text offset of its first byte.
    func addRow(row: Int, bytes: UnsafeRawBufferPointer, offset: Int, delimiter: UInt8,
                into classifier: ObjectClassifier) {
        if bytes.isEmpty { return }
        let start = Int32(text.count)
        text.append(contentsOf: bytes, replacing: delimiter, with: 0x0A)
        namePassFields.append(Int32(fields.count))
        fields.append(Field(start: start, end: Int32(text.count), subset: 0, kind: .row, a: row, b: 0,
                            pathStart: 0, pathEnd: 0, offset: offset))
        text.append(0x0A)
        if text.count >= batchBytes { flush(into: classifier) }
    }

    /// The records with no quote from `start` of a padded read buffer `bytes` (text
    /// offset `offset` at its first byte), the first being row `firstRow`, as `addRow`
    /// adds each, in one loop (trawl_csv_batch_rows) until a record holds a quote or does
    /// not end in `bytes`, or the batch fills. Returns how many records it took and where
    /// the next begins (0 records: the caller adds the next one itself).
    func addRows(firstRow: Int, in bytes: UnsafeRawBufferPointer, from start: Int, offset: Int, delimiter: UInt8,
                 into classifier: ObjectClassifier) -> (records: Int, next: Int) {
        // Room for a batch and a long record past it, and for many short records.
        var records = 0
        let next = appendInKernel(textRoom: batchBytes + Self.recordRoom, fieldRoom: fields.count + 4096,
                                  into: classifier) { text, t, fields, f, named, n in
            let first = f
            let next = trawl_csv_batch_rows(bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), start,
                                            bytes.count, delimiter, text, &t, self.text.capacity, batchBytes,
                                            fields, &f, self.fields.capacity, Kind.row.rawValue, firstRow, offset,
                                            &records)
            // Every row is looked at by the name pass.
            for i in first..<f {
                named[n] = Int32(i)
                n += 1
            }
            return next
        }
        return (records, next)
    }

    /// Lets a C kernel append to the batch: room for `textRoom` bytes and `fieldRoom`
    /// fields in all (and an entry in `namePassFields` per field), then `kernel` writes
    /// through the buffers' bases and moves their counts; the batch is classified if
    /// that filled it.
    @inline(__always)
    private func appendInKernel<R>(textRoom: Int, fieldRoom: Int, into classifier: ObjectClassifier,
                                   _ kernel: (UnsafeMutablePointer<UInt8>, inout Int,
                                              UnsafeMutablePointer<Field>, inout Int,
                                              UnsafeMutablePointer<Int32>, inout Int) -> R) -> R {
        text.reserve(textRoom)
        fields.reserve(fieldRoom)
        namePassFields.reserve(namePassFields.count + fields.capacity - fields.count)
        var t = text.count, f = fields.count, n = namePassFields.count
        let result = kernel(text.base, &t, fields.base, &f, namePassFields.base, &n)
        text.setCount(t)
        fields.setCount(f)
        namePassFields.setCount(n)
        if text.count >= batchBytes { flush(into: classifier) }
        return result
    }

    /// Bytes of a record that `addRows` takes past the batch's size.
    static let recordRoom = 64 * 1024

    /// A CSV/TSV header name, located by line and character column (LineRanges).
    func addHeaderName(line: Int, characterColumn: Int, value: UnsafeRawBufferPointer, offset: Int,
                       into classifier: ObjectClassifier) {
        append(value, Field(start: 0, end: 0, subset: 0, kind: .headerName, a: line, b: characterColumn,
                            pathStart: 0, pathEnd: 0, offset: offset), into: classifier)
    }

    /// A JSON or Avro value with its record index and JsonPath.
    func addRecordValue(record: Int, path: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, offset: Int,
                        subset: Int32, into classifier: ObjectClassifier) {
        addRecordValue(record: record, path: keep(path), value: value, offset: offset, subset: subset, into: classifier)
    }

    /// A path kept in the batch: where in `paths`, and which batch (`batchNumber`;
    /// `notKept` is of none).
    typealias KeptPath = trawl_kept_path

    /// Batches flushed so far: a KeptPath is of the current batch while this is its `batch`.
    private(set) var batchNumber = 0

    /// Keeps `path` in the batch, for the values that `addRecordValue(path: KeptPath)`
    /// adds with it (the members of JSON Lines records repeat the same few paths).
    func keep(_ path: UnsafeRawBufferPointer) -> KeptPath {
        let start = Int32(paths.count)
        paths.append(contentsOf: path)
        return KeptPath(start: start, end: Int32(paths.count), batch: batchNumber)
    }

    /// The values of members [k, count) of a flat JSON Lines record (`tokens`, offsets in
    /// `bytes`, the object's text from `total`) whose keys repeat their slots' names:
    /// member i's keyword subset is subsets[i], its kept path paths[i]. Added in one loop
    /// (trawl_json_batch_values); returns where it stopped: `count`, or a member whose
    /// path is not kept in this batch, for the caller to add as usual.
    func addSameNamedValues(_ tokens: UnsafePointer<trawl_json_member>, from k: Int, count: Int,
                            in bytes: UnsafeRawBufferPointer, subsets: UnsafePointer<Int32>,
                            paths: UnsafePointer<KeptPath>, record: Int, total: Int,
                            into classifier: ObjectClassifier) -> Int {
        // Room for every value and its newline (the record's bytes hold them all).
        let last = tokens[count - 1]
        let room = Int(last.value_end > last.key_end ? last.value_end : last.key_end) - Int(tokens[k].key_start)
            + (count - k) + 16
        return appendInKernel(textRoom: text.count + room, fieldRoom: fields.count + count - k,
                              into: classifier) { text, t, fields, f, named, n in
            trawl_json_batch_values(bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), tokens, k, count,
                                    subsets, paths, batchNumber, text, &t, batchBytes, fields, &f, named, &n,
                                    Kind.record.rawValue, record, total)
        }
    }

    /// The flat JSON Lines records of `run` whose keys repeat their slots' names, each as
    /// `addSameNamedValues` adds all of one's members, in one loop
    /// (trawl_json_same_named_records) until one of them cannot be (see there): a path
    /// not kept in this batch, no room, or a record that may fill the batch, which the
    /// caller adds as usual, so the batch is classified where it would be record by record.
    func addSameNamedRecords(_ run: inout trawl_json_run, into classifier: ObjectClassifier) {
        appendInKernel(textRoom: batchBytes + 64, fieldRoom: fields.count + 4096,
                       into: classifier) { text, t, fields, f, named, n in
            run.batch = batchNumber
            run.text = text
            run.text_count = t
            run.batch_bytes = batchBytes
            run.fields = fields
            run.field_count = f
            run.field_room = self.fields.capacity
            run.named = named
            run.named_count = n
            run.kind = Kind.record.rawValue
            trawl_json_same_named_records(&run)
            t = run.text_count
            f = run.field_count
            n = run.named_count
        }
    }

    /// A JSON value with a path `keep` gave in this batch; `report`: where in `value` its
    /// matches may start (JSONValueHandler.valuePiece), nil for anywhere.
    @inline(__always)
    func addRecordValue(record: Int, path: KeptPath, value: UnsafeRawBufferPointer, offset: Int,
                        subset: Int32, report: Range<Int>? = nil, into classifier: ObjectClassifier) {
        var field = Field(start: 0, end: 0, subset: subset, kind: .record, a: record, b: 0,
                          pathStart: path.start, pathEnd: path.end, offset: offset)
        if let report {
            field.reportFrom = Int32(report.lowerBound)
            field.reportUntil = Int32(report.upperBound)
        }
        append(value, field, into: classifier)
    }

    /// (Inlined: JSON Lines add one value per member, and the call was a fifth of their cost.)
    @inline(__always)
    private func append(_ value: UnsafeRawBufferPointer, _ field: Field, into classifier: ObjectClassifier) {
        if value.isEmpty { return }
        var f = field
        f.start = Int32(text.count)
        text.append(contentsOf: value)
        f.end = Int32(text.count)
        text.append(0x0A)
        if f.subset != 0 { namePassFields.append(Int32(fields.count)) }
        fields.append(f)
        if text.count >= batchBytes { flush(into: classifier) }
    }

    // MARK: Classifying a batch

    /// Classify the fields added since the last flush.
    func flush(into classifier: ObjectClassifier) {
        guard !fields.isEmpty else { return }
        matches.removeAll(keepingCapacity: true)
        nameMatches.removeAll(keepingCapacity: true)
        engine.reset()
        let buf = text.bytes
        engine.scan(buf, base: 0, from: 0, until: buf.count, into: &matches)
        let namedColumns = columnSubsets.contains { $0 != 0 }
        // Through the fields' base: only `kind` and `subset` are read, where a copy of
        // each 56-byte field cost most of this loop.
        let batch = fields.base, fieldCount = fields.count
        for n in 0..<namePassFields.count {
            let i = Int(namePassFields.base[n])
            if batch[i].kind == Kind.row.rawValue {
                if namedColumns { scanNamedCells(of: batch[i], in: buf) }
            } else if batch[i].subset != 0 {
                engine.scanField(buf, base: 0, from: Int(batch[i].start), until: Int(batch[i].end),
                                 detectors: subsets[Int(batch[i].subset)], into: &nameMatches)
            }
        }
        if !nameMatches.isEmpty { mergeNameMatches() }
        matches.sort { ($0.start, $0.typeIndex) < ($1.start, $1.typeIndex) }
        var k = 0
        for m in matches {
            k = Self.firstField(in: batch, from: k, until: fieldCount, endingAfter: m.start, textCount: buf.count)
            guard k < fieldCount, Int(batch[k].start) <= m.start, m.end <= Int(batch[k].end) else { continue }
            var f = batch[k]
            let at = m.start - Int(f.start)
            guard at >= Int(f.reportFrom) && at < Int(f.reportUntil) else { continue }
            if f.fieldKind == .row {
                // The field of the row that holds the match: it must hold all of it.
                let cell = Self.piece(of: buf, from: Int(f.start), until: Int(f.end), around: m.start)
                guard m.end <= cell.end else { continue }
                f.fieldKind = .cell
                f.b = cell.column
            }
            classifier.record(typeIndex: m.typeIndex, location: location(f, matchStart: m.start),
                              offset: f.offset + m.start - Int(f.start))
        }
        text.removeAll()
        fields.removeAll()
        paths.removeAll()
        namePassFields.removeAll()
        batchNumber += 1
    }

    /// The first of fields[from..<until] (in order of their values, which do not
    /// overlap, in a text of `textCount` bytes) whose value ends after `position`;
    /// `until` when none does. Values are laid out in the text in order, so the search
    /// starts where the position's share of the rest of the text says, and steps out from
    /// there with doubling strides before it halves: a binary search over the whole
    /// batch (thousands of 56-byte fields, few of them in cache) took a dozen scattered
    /// loads per match, most of a flush's own time.
    fileprivate static func firstField(in fields: UnsafeMutablePointer<Field>, from: Int, until: Int,
                                       endingAfter position: Int, textCount: Int) -> Int {
        var low = from, high = until
        // The answer stays within [low, high].
        let base = low < high ? Int(fields[low].start) : 0
        if high - low > 8 && position > base && textCount > position {
            let guess = low + (position - base) * (high - low) / (textCount - base)
            var step = 1
            if Int(fields[guess].end) <= position {
                low = guess + 1
                while low + step - 1 < high {
                    let probe = low + step - 1
                    if Int(fields[probe].end) > position {
                        high = probe
                        break
                    }
                    low = probe + 1
                    step *= 2
                }
            } else {
                high = guess
                while high - step >= low {
                    let probe = high - step
                    if Int(fields[probe].end) <= position {
                        low = probe + 1
                        break
                    }
                    high = probe
                    step *= 2
                }
            }
        }
        while low < high {
            let mid = low + (high - low) / 2
            if Int(fields[mid].end) <= position { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The name pass over a whole row: each non-empty field of a column whose name holds
    /// a keyword.
    private func scanNamedCells(of row: Field, in buf: UnsafeRawBufferPointer) {
        var start = Int(row.start)
        let end = Int(row.end)
        for subset in columnSubsets {
            if start > end { break }
            let field = Self.fieldEnd(in: buf, from: start, until: end)
            if subset != 0 && field.end > start {
                engine.scanField(buf, base: 0, from: start, until: field.end, detectors: subsets[Int(subset)],
                                 into: &nameMatches)
            }
            start = field.newline + 1
        }
    }

    /// The 1-based column of the newline-separated piece of buf[from..<until] holding
    /// `position`, and the piece's end.
    static func piece(of buf: UnsafeRawBufferPointer, from: Int, until: Int, around position: Int)
        -> (column: Int, end: Int) {
        var column = 1
        for i in from..<position where buf[i] == 0x0A { column += 1 }
        return (column, fieldEnd(in: buf, from: position, until: until).end)
    }

    /// From `p` inside a row's field: the next newline (or `until`), and the field's end,
    /// before the CR that may precede a delimiter (the reader drops it from a field too).
    static func fieldEnd(in buf: UnsafeRawBufferPointer, from p: Int, until: Int) -> (end: Int, newline: Int) {
        var newline = p
        while newline < until && buf[newline] != 0x0A { newline += 1 }
        let end = newline > p && buf[newline - 1] == 0x0D ? newline - 1 : newline
        return (end, newline)
    }

    /// A value found by both passes is reported once: the name pass's type wins (the
    /// keyword is present), replacing a keyword-less variant the first pass reported.
    private func mergeNameMatches() {
        var byStart: [Int: [Int]] = [:]
        for (i, m) in matches.enumerated() { byStart[m.start, default: []].append(i) }
        let types = engine.set.types
        for nm in nameMatches {
            let detector = types[nm.typeIndex].detectorIndex
            if let same = byStart[nm.start]?.first(where: {
                matches[$0].end == nm.end && (matches[$0].typeIndex == nm.typeIndex
                    || types[matches[$0].typeIndex].detectorIndex == detector)
            }) {
                matches[same].typeIndex = nm.typeIndex
            } else {
                matches.append(nm)
                byStart[nm.start, default: []].append(matches.count - 1)
            }
        }
    }

    private func location(_ f: Field, matchStart: Int) -> OccurrenceLocation {
        switch f.fieldKind {
        case .cell, .row:   // a row is resolved to its cell before
            let named = f.b >= 1 && f.b <= columnNames.count && !columnNames[f.b - 1].isEmpty
            let name = named && !columnNameHoldsSensitiveData(f.b) ? columnNames[f.b - 1] : nil
            let reference = sheetName.flatMap {
                sheetNameHoldsSensitiveData($0) ? nil : "\($0)!\(Self.columnLetters(f.b))\(f.a)"
            }
            return .cell(row: f.a, column: f.b, columnName: name, cellReference: reference)
        case .record:
            let path = UnsafeRawBufferPointer(start: paths.base + Int(f.pathStart), count: Int(f.pathEnd - f.pathStart))
            if pathNamesHoldSensitiveData(path) { return .record(index: f.a, jsonPath: "") }
            return .record(index: f.a, jsonPath: ReportedJSONPath.reported(String(decoding: path, as: UTF8.self)))
        case .headerName:
            var chars = 0
            for i in Int(f.start)..<matchStart where text[i] & 0xC0 != 0x80 { chars += 1 }
            return .line(start: f.a, end: f.a, startColumn: f.b + chars)
        }
    }

    // MARK: Names that hold sensitive data

    // A finding never shows a full sensitive value, and a name can be one: Macie omits a
    // record's jsonPath when a name on it holds sensitive data. Column and sheet names
    // are treated alike (the cell keeps its row and column). The names are classified
    // the way values are, by the engine over the names one per line, so a keyword among
    // them counts; this runs only for reported occurrences, once per distinct list of
    // names on a path (FieldNameCache, bounded) or header, and leaves the batch's matches
    // alone.

    /// (Looked up by the path as it is first, then by its names: paths that differ only
    /// in their array indices share the names' verdict.)
    private func pathNamesHoldSensitiveData(_ path: UnsafeRawBufferPointer) -> Bool {
        let pathHash = FieldNameCache.hash(path)
        if let known = checkedPaths.lookup(path, hash: pathHash) { return known != 0 }
        names.removeAll()
        // (A path outside the readers' grammar is checked as it is.)
        if !ReportedJSONPath.appendNames(of: path, to: &names) { names.append(contentsOf: path) }
        let text = names.bytes
        let hash = FieldNameCache.hash(text)
        let holds: Bool
        if let known = checkedPathNames.lookup(text, hash: hash) {
            holds = known != 0
        } else {
            holds = !classifyNames().isEmpty
            checkedPathNames.insert(text, hash: hash, id: holds ? 1 : 0)
        }
        checkedPaths.insert(path, hash: pathHash, id: holds ? 1 : 0)
        return holds
    }

    private func columnNameHoldsSensitiveData(_ column: Int) -> Bool {
        if sensitiveColumnNames == nil { sensitiveColumnNames = namesHoldingSensitiveData(columnNames) }
        return column <= sensitiveColumnNames!.count && sensitiveColumnNames![column - 1]
    }

    private func sheetNameHoldsSensitiveData(_ sheet: String) -> Bool {
        if sensitiveSheetName == nil { sensitiveSheetName = namesHoldingSensitiveData([sheet])[0] }
        return sensitiveSheetName!
    }

    /// Per name of `list`, classified together one per line: whether a match starts in it.
    private func namesHoldingSensitiveData(_ list: [String]) -> [Bool] {
        names.removeAll()
        var starts: [Int] = []
        for name in list {
            starts.append(names.count)
            var n = name
            n.withUTF8 { names.append(contentsOf: UnsafeRawBufferPointer($0)) }
            names.append(0x0A)
        }
        var holds = Array(repeating: false, count: list.count)
        for m in classifyNames() {
            // The last name starting at or before the match.
            var lo = 0, hi = starts.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if starts[mid] <= m.start { lo = mid } else { hi = mid - 1 }
            }
            holds[lo] = true
        }
        return holds
    }

    /// The engine's matches in `names`.
    private func classifyNames() -> [Match] {
        namesMatches.removeAll(keepingCapacity: true)
        engine.reset()
        let text = names.bytes
        engine.scan(text, base: 0, from: 0, until: text.count, into: &namesMatches)
        return namesMatches
    }

    /// Excel's column letters: 1 -> A, 26 -> Z, 27 -> AA.
    static func columnLetters(_ column: Int) -> String {
        var n = column, letters: [UInt8] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(UInt8(ascii: "A") + UInt8(r))
            n = (n - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }
}

fileprivate extension trawl_batch_field {
    init(start: Int32, end: Int32, subset: Int32, kind: FieldScanner.Kind, a: Int, b: Int,
         pathStart: Int32, pathEnd: Int32, offset: Int) {
        self = trawl_batch_field_of(kind.rawValue, Int(start), Int(end), subset, a, b, pathStart, pathEnd, offset)
    }

    var fieldKind: FieldScanner.Kind {
        get { FieldScanner.Kind(rawValue: kind)! }
        set { kind = newValue.rawValue }
    }
}

extension trawl_kept_path {
    /// Of no batch: a slot whose path is not kept.
    static let notKept = trawl_kept_path(start: 0, end: 0, batch: -1)
}
