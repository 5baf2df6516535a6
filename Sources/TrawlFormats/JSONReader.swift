// JSONReader: JSON documents and JSON Lines as a stream of leaf values (strings and
// numbers), each with its record index and JsonPath (`$.customer.cards[2].number`), so
// occurrences come out as Macie's Records and a name on the path can serve as the
// keyword.
//
// Why hand-written: Foundation's JSONSerialization and JSONDecoder build the whole
// document in memory and recurse per nesting level; no Debian -dev library streams
// from a pull source with paths. This is a state machine over bytes with an explicit
// container stack: it never recurses, holds one read buffer, the current path and the
// current string, and stops at `maxDepth` (Macie: 256) with `.nestingTooDeep`.
//
// Records of JSON Lines repeat their keys in the same order, so the reader keeps the
// last plain key seen at each member slot (depth and place in its object): a repeated
// key skips the name check, and the handler is told so and can skip its lookup too.
//
// A flat record of JSON Lines (plain keys; strings without escapes, numbers and literals;
// no nesting; whole in the read buffer: the usual log line) is tokenised at once over
// bit masks of the buffer (FlatRecordTokens) and each member handed over in one call
// (`member`), without the walk's dispatch per byte and token; anything else, or anything
// unusual in it, is left to the walk.
//
// Record index: the 0-based index of the top-level value (one per line in JSON Lines;
// 0 for a JSON document). In JSON Lines mode a line that does not parse is skipped to
// its end and counted in `malformedRecords`; in document mode a syntax error throws.

import CTrawlKernels

public enum JSONReaderError: Error, Equatable, Sendable, CustomStringConvertible {
    case nestingTooDeep(limit: Int, offset: Int)
    case malformed(offset: Int, detail: String)

    public var description: String {
        switch self {
        case let .nestingTooDeep(limit, offset): "JSON nesting deeper than \(limit) levels at byte \(offset)"
        case let .malformed(offset, detail): "malformed JSON at byte \(offset): \(detail)"
        }
    }
}

/// What the reader reports while it walks the values.
public protocol JSONValueHandler {
    /// A member of a container at `depth` (1 for the members of a top-level container)
    /// begins: `name` is the object key, nil for an array element.
    mutating func enter(depth: Int, name: UnsafeRawBufferPointer?)
    /// The same, for an object member whose position (depth and place in its object) the
    /// reader numbers as `slot` (-1: not numbered). `sameName`: the name is byte for byte
    /// the one given with this slot the time before, so whatever the handler derived
    /// from it then still holds (records of JSON Lines repeat their keys in order).
    mutating func enter(depth: Int, name: UnsafeRawBufferPointer, slot: Int, sameName: Bool)
    /// A string (unescaped UTF-8) or number (as written) at `depth`, with its JsonPath,
    /// record index and the byte offset of its first byte in the text.
    mutating func value(_ bytes: UnsafeRawBufferPointer, isString: Bool, path: UnsafeRawBufferPointer,
                        depth: Int, record: Int, offset: Int) throws
    /// A member of a flat top-level record (JSON Lines) in one call: `enter` at depth 1
    /// with its slot, then `value` with its path (`$.name`) unless it is a literal
    /// (`value` nil).
    mutating func member(name: UnsafeRawBufferPointer, slot: Int, sameName: Bool, value: UnsafeRawBufferPointer?,
                         isString: Bool, path: UnsafeRawBufferPointer, record: Int, offset: Int) throws
    /// The members of a flat top-level record (JSON Lines) whose every key is the name
    /// given with its slot the record before, in one call: `members[0..<count]` (offsets in
    /// `bytes`, whose first byte is at `total` in the text), member i with slot
    /// `firstSlot + i` and its path (`$.name`, its key's length + 2 bytes) at
    /// `paths + i * pathStride`. The same as `member` with `sameName` for each, in order.
    /// Returns false, having done nothing, when the handler takes them one by one.
    mutating func sameNamedMembers(_ members: UnsafePointer<trawl_json_member>, count: Int, firstSlot: Int,
                                   in bytes: UnsafeRawBufferPointer, paths: UnsafeRawPointer, pathStride: Int,
                                   record: Int, total: Int) throws -> Bool
    /// The flat records of a run (JSON Lines of one shape) from `run.start`, each of whose
    /// keys is the name given with its slot (member i's slot `firstSlot + i`), in one call:
    /// the same as `sameNamedMembers` for each record taken, in order. The handler adds its
    /// batch to `run` and calls trawl_json_same_named_records, which tokenises the records
    /// and sets `run.taken`, `run.next`, `run.more` and `run.not_flat`; it may take none
    /// (the reader then reads the next record itself).
    mutating func sameNamedRecords(_ run: inout trawl_json_run, firstSlot: Int)
    /// A piece of a string or number too long to hold whole (`JSONReader.valuePiece`):
    /// pieces overlap, and each one's `report` range (within `bytes`) holds the positions
    /// where a match may start for it; the bytes around it are context. Together the
    /// ranges cover the value once. `offset`: of the piece's first byte in the text.
    mutating func valuePiece(_ bytes: UnsafeRawBufferPointer, report: Range<Int>, isString: Bool,
                             path: UnsafeRawBufferPointer, depth: Int, record: Int, offset: Int) throws
}

extension JSONValueHandler {
    public mutating func enter(depth: Int, name: UnsafeRawBufferPointer, slot: Int, sameName: Bool) {
        enter(depth: depth, name: name)
    }

    public mutating func member(name: UnsafeRawBufferPointer, slot: Int, sameName: Bool, value: UnsafeRawBufferPointer?,
                                isString: Bool, path: UnsafeRawBufferPointer, record: Int, offset: Int) throws {
        enter(depth: 1, name: name, slot: slot, sameName: sameName)
        if let value { try self.value(value, isString: isString, path: path, depth: 1, record: record, offset: offset) }
    }

    public mutating func sameNamedMembers(_ members: UnsafePointer<trawl_json_member>, count: Int, firstSlot: Int,
                                          in bytes: UnsafeRawBufferPointer, paths: UnsafeRawPointer,
                                          pathStride: Int, record: Int, total: Int) throws -> Bool {
        false
    }

    public mutating func sameNamedRecords(_ run: inout trawl_json_run, firstSlot: Int) {}

    /// Without a use for the context: the report range alone, as a value.
    public mutating func valuePiece(_ bytes: UnsafeRawBufferPointer, report: Range<Int>, isString: Bool,
                                    path: UnsafeRawBufferPointer, depth: Int, record: Int, offset: Int) throws {
        try value(UnsafeRawBufferPointer(rebasing: bytes[report]), isString: isString, path: path, depth: depth,
                  record: record, offset: offset + report.lowerBound)
    }
}

public struct JSONReader: ~Copyable {
    public let maxDepth: Int
    /// Lines mode: a line that does not parse is skipped instead of failing the text.
    public let lines: Bool
    /// JSON Lines records skipped as malformed by the last `read`.
    public private(set) var malformedRecords = 0
    /// Top-level values read by the last `read`.
    public private(set) var records = 0

    /// `buffer`: the read buffer, lent by the caller to reader after reader, or the reader's own.
    public init(lines: Bool, maxDepth: Int = 256, buffer: PaddedReadBuffer = PaddedReadBuffer()) {
        self.lines = lines
        self.maxDepth = maxDepth
        self.readBuffer = buffer
    }

    // The walk's state, kept in the reader rather than in locals captured by nested
    // functions (captured locals would be boxed and checked for exclusivity at run time),
    // in PlainBuffers (an Array checks uniqueness on each write through the struct).
    private var scratch = PlainBuffer<UInt8>(capacity: 256)    // the current string or number
    private var path = PlainBuffer<UInt8>(capacity: 256)        // "$" and the members below it
    private var stack = PlainBuffer<Frame>(capacity: 64)
    /// Bytes of the current string or number already handed over in pieces and dropped
    /// from `scratch` (0 while it is whole).
    private var piecesDropped = 0
    /// A string or number that grows past this in `scratch` (it spans reads) is handed over
    /// in pieces, so one huge value never needs more memory than this: each piece holds
    /// this much or a read more, and the next begins with its last 2 x `pieceOverlap`
    /// bytes, as context for the matches that start in its second half.
    public static let valuePiece = 1 << 20, pieceOverlap = 64 << 10
    /// A key that grows past `keyKept` bytes in `scratch` keeps only its first and last
    /// `keyEnd` (`shortenKey`); `keyHeadKept` is the length of its head and the marker
    /// after it, 0 while the key is whole.
    public static let keyEnd = 4 << 10, keyKept = 16 << 10
    private var keyHeadKept = 0
    /// What stands for a long key's middle: a word of its own (FieldNameKeywords splits
    /// at the spaces), so no run of the name's words across it spells a keyword.
    static let keyElision: [UInt8] = Array(" \u{2026} ".utf8)

    /// The tokens of flat records (`readFlatRecord`), made on the first.
    private var flatTokens: FlatRecordTokens?
    /// The read buffer of the running `read` (`readFlatRecord` searches it).
    private let readBuffer: PaddedReadBuffer
    /// Whether flat records of JSON Lines are read whole (`readFlatRecord`); tests turn it
    /// off to compare with the byte-by-byte walk.
    public var usesFlatRecords = true
    /// Records the last `read` read whole (for the tests).
    private(set) var flatRecordsRead = 0
    /// Whether, after a record the handler took in one call (`sameNamedMembers`), the
    /// records that follow are offered to it as a run (`sameNamedRecords`); tests turn it
    /// off to compare with the record-by-record path.
    public var usesSameNamedRuns = true
    /// Records the last `read` handed over in runs (for the tests; among `flatRecordsRead`).
    public private(set) var runRecordsRead = 0
    /// Whether the handler took the last flat record in one call.
    private var lastRecordSameNamed = false
    /// The last plain key seen at each member slot (see `slot(depth:member:)`), so a
    /// repeated key skips the name check and its handler's lookup: length (-1 none), and
    /// its path segment (a dot, then the key).
    private var slotKeyLengths = PlainBuffer<Int>(capacity: JSONReader.slotCount)
    /// Each slot's cell: '$', then its path segment, so that the cell is also the whole
    /// path of a member of a top-level object.
    private var slotKeys = PlainBuffer<UInt8>(capacity: JSONReader.slotCount * (JSONReader.slotKeyBytes + 2))
    static let slotDepths = 8, slotMembers = 64, slotKeyBytes = 63
    /// How many member slots there are (slot numbers given to handlers are below this).
    public static var slotCount: Int { slotDepths * slotMembers }

    private enum State {
        case value, firstKeyOrEnd, key, colon, afterValue, string, number, literal, skipLine
    }

    /// (Internal, not private: a private element type of PlainBuffer, inlined from its
    /// module, crashed the Swift 6 compiler.)
    struct Frame {
        var isArray: Bool
        /// The element index of an array; the number of members begun in an object.
        var index: Int
        /// Length of the path of the container itself.
        var base: Int
    }

    /// Reads `source` (UTF-8 text) to its end. Returns the number of text bytes read.
    public mutating func read<S: ByteSource, H: JSONValueHandler>(_ source: inout S, handler: inout H) throws -> Int64 {
        let buffer = readBuffer.area
        scratch.removeAll()
        piecesDropped = 0
        keyHeadKept = 0
        path.removeAll()
        path.append(UInt8(ascii: "$"))
        stack.removeAll()
        slotKeyLengths.fill(-1, count: Self.slotCount)   // a new handler knows no slot
        for slot in 0..<Self.slotCount { slotSegment(slot)[-1] = UInt8(ascii: "$") }
        var state = State.value
        var stringIsKey = false
        var escape = 0                       // 0 none, 1 after a backslash, 2...5 hex digits of a \\u seen + 1
        var hex: UInt32 = 0
        var highSurrogate: UInt32 = 0
        var valueOffset = 0
        var literalLeft = 0
        var total = 0
        records = 0
        malformedRecords = 0
        flatRecordsRead = 0
        runRecordsRead = 0
        lastRecordSameNamed = false

        while true {
            let n = try source.read(into: buffer)
            if n == 0 { break }
            let bytes = UnsafeRawBufferPointer(rebasing: buffer[..<n])
            flatTokens?.reset(bytes)
            var i = 0
            walk: while i < n {
                let b = bytes[i]
                // JSON Lines: a newline inside an unfinished record ends it as malformed.
                if lines && b == 0x0A && state != .number && state != .skipLine
                    && !(stack.isEmpty && (state == .value || state == .afterValue)) {
                    _ = try fail(total + i, "the record ends inside a value")
                    state = .value
                    i += 1
                    continue
                }
                switch state {
                case .skipLine:
                    if b == UInt8(ascii: "\n") { state = .value }
                    i += 1
                case .string:
                    if escape == 0 && scratch.count >= Self.keyKept {
                        if stringIsKey {
                            shortenKey()
                        } else if scratch.count >= Self.valuePiece {
                            try deliverPiece(isString: true, offset: valueOffset, handler: &handler)
                        }
                    }
                    if escape == 0 {
                        // A key this member slot held last time is checked in place (records
                        // of JSON Lines repeat their keys): no search for its end. (Inside a
                        // key split across reads a match still ends at the string's next
                        // quote, as the search would, and the key is then taken from
                        // `scratch` below.)
                        let repeated = stringIsKey ? repeatedKeySlot(bytes, at: i) : -1
                        let j = repeated >= 0 ? i + slotKeyLengths[repeated] : Self.nextQuoteOrBackslash(readBuffer, from: i, count: n)
                        if j < n && bytes[j] == UInt8(ascii: "\"") && scratch.isEmpty && highSurrogate == 0 {
                            // The whole string is in this buffer without an escape: handed
                            // over in place, and the usual next bytes taken without a
                            // dispatch each (a key's `:` and a string value's opening quote;
                            // after a value in an object, `,` and the next key's quote).
                            let text = UnsafeRawBufferPointer(rebasing: bytes[i..<j])
                            i = j + 1
                            if stringIsKey {
                                if repeated >= 0 {
                                    beginRepeatedMember(slot: repeated, key: text, handler: &handler)
                                } else {
                                    beginMember(key: text, handler: &handler)
                                }
                                state = .colon
                                if i + 1 < n && bytes[i] == UInt8(ascii: ":") {
                                    if bytes[i + 1] == UInt8(ascii: "\"") {
                                        i += 2
                                        stringIsKey = false
                                        state = .string; escape = 0; highSurrogate = 0
                                        valueOffset = total + i
                                    } else {
                                        i += 1
                                        state = .value
                                    }
                                }
                            } else {
                                try deliver(text, isString: true, offset: valueOffset, handler: &handler)
                                endValue()
                                state = .afterValue
                                if nextKeyFollows(bytes, i) {
                                    i += 2
                                    stringIsKey = true
                                    state = .string; escape = 0; highSurrogate = 0
                                }
                            }
                            continue
                        }
                        // Copy the plain run up to the next quote or backslash at once.
                        scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[i..<j]))
                        i = j
                        if j == n { continue }
                        i += 1
                        if bytes[j] == UInt8(ascii: "\\") { escape = 1; continue }
                        // The closing quote.
                        if stringIsKey {
                            beginMember(key: scratch.bytes, handler: &handler)
                            state = .colon
                        } else {
                            if highSurrogate != 0 { appendScalar(0xFFFD); highSurrogate = 0 }
                            try deliver(scratch.bytes, isString: true, offset: valueOffset, handler: &handler)
                            endValue()
                            state = .afterValue
                        }
                        continue
                    }
                    i += 1
                    if escape == 1 {
                        escape = 0
                        switch b {
                        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(b)
                        case UInt8(ascii: "b"): scratch.append(0x08)
                        case UInt8(ascii: "f"): scratch.append(0x0C)
                        case UInt8(ascii: "n"): scratch.append(0x0A)
                        case UInt8(ascii: "r"): scratch.append(0x0D)
                        case UInt8(ascii: "t"): scratch.append(0x09)
                        case UInt8(ascii: "u"): escape = 2; hex = 0
                        default: state = try fail(total + i - 1, "unknown escape")
                        }
                        continue
                    }
                    guard let digit = Self.hexValue(b) else { state = try fail(total + i - 1, "bad \\u escape"); continue }
                    hex = hex << 4 | digit
                    escape += 1
                    if escape == 6 {
                        escape = 0
                        if hex >= 0xD800 && hex < 0xDC00 {
                            if highSurrogate != 0 { appendScalar(0xFFFD) }
                            highSurrogate = hex
                        } else if hex >= 0xDC00 && hex < 0xE000 && highSurrogate != 0 {
                            appendScalar(0x10000 + (highSurrogate - 0xD800) << 10 + (hex - 0xDC00))
                            highSurrogate = 0
                        } else {
                            if highSurrogate != 0 { appendScalar(0xFFFD); highSurrogate = 0 }
                            appendScalar(hex)
                        }
                    }
                case .number:
                    if scratch.count >= Self.valuePiece {
                        try deliverPiece(isString: false, offset: valueOffset, handler: &handler)
                    }
                    if Self.isNumberByte(b) {
                        // The rest of the number at once.
                        var j = i + 1
                        while j < n && Self.isNumberByte(bytes[j]) { j += 1 }
                        scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[i..<j]))
                        i = j
                        continue
                    }
                    try deliver(scratch.bytes, isString: false, offset: valueOffset, handler: &handler)
                    endValue()
                    state = .afterValue
                    // As after a string: `,` and the next key's opening quote at once.
                    if nextKeyFollows(bytes, i) {
                        i += 2
                        stringIsKey = true
                        state = .string; escape = 0; highSurrogate = 0
                    }
                case .literal:
                    guard b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") else {
                        state = try fail(total + i, "truncated literal"); continue
                    }
                    literalLeft -= 1
                    i += 1
                    if literalLeft == 0 { endValue(); state = .afterValue }
                case .value, .firstKeyOrEnd, .key, .colon, .afterValue:
                    if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { i += 1; continue }
                    i += 1
                    switch state {
                    case .colon:
                        state = b == UInt8(ascii: ":") ? .value : try fail(total + i - 1, "expected ':'")
                    case .firstKeyOrEnd, .key:
                        if b == UInt8(ascii: "\"") {
                            stringIsKey = true; state = .string; escape = 0; highSurrogate = 0
                        } else if b == UInt8(ascii: "}") && state == .firstKeyOrEnd {
                            stack.removeLast(); endValue(); state = .afterValue
                        } else {
                            state = try fail(total + i - 1, "expected a key")
                        }
                    case .afterValue:
                        guard let top = stack.last else {
                            // Between top-level values (JSON Lines, or concatenated JSON).
                            i -= 1
                            state = .value
                            continue
                        }
                        if b == UInt8(ascii: ",") {
                            if top.isArray {
                                stack[stack.count - 1].index += 1
                                beginElement(handler: &handler)
                                state = .value
                            } else {
                                state = .key
                            }
                        } else if b == (top.isArray ? UInt8(ascii: "]") : UInt8(ascii: "}")) {
                            stack.removeLast()
                            endValue()
                        } else {
                            state = try fail(total + i - 1, "expected ',' or the container's end")
                        }
                    default: // .value
                        if stack.isEmpty && path.count > 1 { path.truncate(to: 1) }
                        // A flat record of JSON Lines whole in this buffer: tokenised at once.
                        if b == UInt8(ascii: "{") && lines && stack.isEmpty && usesFlatRecords && maxDepth >= 1 {
                            // So is the usual next line, a newline then another record: the
                            // walk took three turns of its loop (the newline, the '{' after a
                            // value, the '{' as a value) to get to it.
                            var start = i - 1
                            while true {
                                let end = try readFlatRecord(bytes, from: start, total: total, handler: &handler)
                                if end < 0 { break }
                                guard end + 1 < n && bytes[end] == 0x0A && bytes[end + 1] == UInt8(ascii: "{") else {
                                    i = end
                                    state = .afterValue
                                    continue walk
                                }
                                if path.count > 1 { path.truncate(to: 1) }
                                start = end + 1
                                if lastRecordSameNamed && usesSameNamedRuns {
                                    let run = readSameNamedRun(from: start, total: total, handler: &handler)
                                    if run.taken > 0 && run.more == 0 {
                                        i = run.next
                                        state = .afterValue
                                        continue walk
                                    }
                                    start = run.next
                                    // (Tokenised once: the run found it is not one.)
                                    if run.not_flat != 0 { break }
                                }
                            }
                            // Not a flat record: the walk reads it from this '{' on, as it
                            // would have got to it.
                            i = start + 1
                        }
                        switch b {
                        case UInt8(ascii: "{"), UInt8(ascii: "["):
                            if stack.count >= maxDepth {
                                throw JSONReaderError.nestingTooDeep(limit: maxDepth, offset: total + i - 1)
                            }
                            let isArray = b == UInt8(ascii: "[")
                            stack.append(Frame(isArray: isArray, index: 0, base: path.count))
                            if isArray {
                                state = .afterValue
                                // An empty array ends at once; otherwise its first element begins.
                                var k = i
                                while k < n && (bytes[k] == 0x20 || bytes[k] == 0x0A || bytes[k] == 0x0D || bytes[k] == 0x09) { k += 1 }
                                if k < n && bytes[k] == UInt8(ascii: "]") {
                                    i = k + 1
                                    stack.removeLast()
                                    endValue()
                                } else {
                                    beginElement(handler: &handler)
                                    state = .value
                                }
                            } else {
                                state = .firstKeyOrEnd
                            }
                        case UInt8(ascii: "\""):
                            stringIsKey = false; state = .string; escape = 0; highSurrogate = 0
                            valueOffset = total + i
                        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                            valueOffset = total + i - 1
                            var j = i
                            while j < n && Self.isNumberByte(bytes[j]) { j += 1 }
                            if j == n {
                                // It may go on in the next read: collected in `scratch`.
                                scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[(i - 1)..<n]))
                                state = .number
                                i = n
                                continue
                            }
                            // The whole number is in this buffer: handed over in place, then
                            // `,` and the next key's quote at once, as after a string.
                            try deliver(UnsafeRawBufferPointer(rebasing: bytes[(i - 1)..<j]), isString: false,
                                        offset: valueOffset, handler: &handler)
                            endValue()
                            state = .afterValue
                            i = j
                            if nextKeyFollows(bytes, i) {
                                i += 2
                                stringIsKey = true
                                state = .string; escape = 0; highSurrogate = 0
                            }
                        case UInt8(ascii: "t"), UInt8(ascii: "n"): literalLeft = 3; state = .literal
                        case UInt8(ascii: "f"): literalLeft = 4; state = .literal
                        case UInt8(ascii: "]"):
                            // "[ ]" split across reads: the element begun for it is empty.
                            if let top = stack.last, top.isArray, top.index == 0 {
                                stack.removeLast(); endValue(); state = .afterValue
                            } else {
                                state = try fail(total + i - 1, "unexpected ']'")
                            }
                        default:
                            state = try fail(total + i - 1, "unexpected byte")
                        }
                    }
                }
            }
            total += n
        }
        // At the end: a number may end the text; anything else open is truncation.
        if state == .number {
            try deliver(scratch.bytes, isString: false, offset: valueOffset, handler: &handler)
            endValue()
            state = .afterValue
        }
        let complete = (state == .afterValue || state == .value || state == .skipLine) && stack.isEmpty
        if !complete { _ = try fail(total, "the text ends inside a value") }
        return Int64(total)
    }

    // MARK: Flat records

    /// Reads the object at `bytes[start]` ('{') when it is a flat record whole in this
    /// buffer, the usual line of JSON Lines: plain keys and values that are strings without
    /// an escape, numbers or literals, and no nesting, whitespace without newlines. It is
    /// first tokenised without a side effect (FlatRecordTokens), then handed to the
    /// handler with the calls the byte-by-byte walk makes for it (the same members, paths,
    /// slots, offsets and record count), and without that walk's dispatch per token.
    /// Returns the position after its '}', or -1 (nothing done) for anything else, which
    /// the walk then reads.
    private mutating func readFlatRecord<H: JSONValueHandler>(_ bytes: UnsafeRawBufferPointer, from start: Int,
                                                               total: Int, handler: inout H) throws -> Int {
        if flatTokens == nil {
            let made = FlatRecordTokens(bufferBytes: readBuffer.area.count, maxMembers: Self.slotMembers)
            made.reset(bytes)
            flatTokens = made
        }
        // Every key the one its slot held the record before (JSON Lines of one shape):
        // the tokeniser compares them as it reads them, and the handler may then take the
        // members at once.
        let firstSlot = Self.slot(depth: 1, member: 0)
        let stride = Self.slotKeyBytes + 2
        // The tokens are not retained per record (a retain and two releases took 2% of a
        // JSON Lines scan): the reader holds them, and nothing in this call replaces them.
        let (p, count, members, keysRepeat) = Unmanaged.passUnretained(flatTokens!)._withUnsafeGuaranteedRef { tokens in
            (tokens.read(from: start, keys: UnsafePointer(slotSegment(firstSlot) + 1), stride: stride,
                         lengths: UnsafePointer(slotKeyLengths.base + firstSlot)),
             tokens.count, UnsafePointer(tokens.members), tokens.keysRepeat)
        }
        guard p >= 0 else { return -1 }

        // What the walk hands over: the object opens at depth 1, each member begins and
        // its value is delivered, the object closes and the record is counted. A member
        // whose key its slot holds (or can hold: plain, not too long) goes in one call,
        // its path being its slot's cell; another begins as in the walk.
        let base = bytes.baseAddress!
        lastRecordSameNamed = false
        if count > 0 && keysRepeat,
           try handler.sameNamedMembers(members, count: count, firstSlot: firstSlot, in: bytes,
                                        paths: UnsafeRawPointer(slotSegment(firstSlot) - 1),
                                        pathStride: stride, record: records, total: total) {
            endValue()
            flatRecordsRead += 1
            lastRecordSameNamed = true
            return p
        }
        stack.append(Frame(isArray: false, index: 0, base: path.count))
        for k in 0..<count {
            let m = members[k]
            let key = UnsafeRawBufferPointer(start: base + Int(m.key_start), count: Int(m.key_end &- m.key_start))
            let isString = m.kind == UInt8(TRAWL_JSON_STRING)
            let value = m.kind == UInt8(TRAWL_JSON_LITERAL)
                ? nil : UnsafeRawBufferPointer(start: base + Int(m.value_start), count: Int(m.value_end &- m.value_start))
            let slot = Self.slot(depth: 1, member: k)
            let same = repeatedKeySlot(bytes, at: Int(m.key_start), slot: slot) >= 0
            if same || (key.count <= Self.slotKeyBytes && Self.isPlainName(key)) {
                if !same { storeSlotKey(slot, key) }
                try handler.member(name: key, slot: slot, sameName: same, value: value,
                                   isString: isString,
                                   path: UnsafeRawBufferPointer(start: slotSegment(slot) - 1, count: key.count + 2),
                                   record: records, offset: total + Int(m.value_start))
                continue
            }
            stack[0].index = k
            beginMember(key: key, handler: &handler)
            if let value {
                try deliver(value, isString: isString, offset: total + Int(m.value_start), handler: &handler)
            }
        }
        stack.removeLast()
        endValue()
        flatRecordsRead += 1
        return p
    }

    /// Offers the handler the records from `start` (a '{' after a record it took in one
    /// call) as a run (`JSONValueHandler.sameNamedRecords`), and counts those it took.
    /// The slots' keys stay as they are: every key of a run's record is its slot's.
    private mutating func readSameNamedRun<H: JSONValueHandler>(from start: Int, total: Int,
                                                                 handler: inout H) -> trawl_json_run {
        let firstSlot = Self.slot(depth: 1, member: 0)
        var run = Unmanaged.passUnretained(flatTokens!)._withUnsafeGuaranteedRef { tokens in
            tokens.run(from: start, keys: UnsafePointer(slotSegment(firstSlot) + 1), stride: Self.slotKeyBytes + 2,
                       lengths: UnsafePointer(slotKeyLengths.base + firstSlot), record: records, total: total)
        }
        run.next = start     // (what a handler that takes none leaves)
        handler.sameNamedRecords(&run, firstSlot: firstSlot)
        records += run.taken
        flatRecordsRead += run.taken
        runRecordsRead += run.taken
        return run
    }

    private mutating func fail(_ at: Int, _ detail: String) throws -> State {
        if !lines { throw JSONReaderError.malformed(offset: at, detail: detail) }
        malformedRecords += 1
        stack.removeAll()
        path.truncate(to: 1)
        scratch.removeAll()
        piecesDropped = 0
        keyHeadKept = 0
        records += 1
        return .skipLine
    }

    private mutating func appendScalar(_ v: UInt32) {
        let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
        var utf8 = UTF8.encode(scalar)!.makeIterator()
        while let b = utf8.next() { scratch.append(b) }
    }

    /// Sets the path to the next element of the innermost container, an array.
    private mutating func beginElement<H: JSONValueHandler>(handler: inout H) {
        let frame = stack[stack.count - 1]
        path.truncate(to: frame.base)
        path.append(UInt8(ascii: "["))
        Self.appendDecimal(frame.index, to: &path)
        path.append(UInt8(ascii: "]"))
        handler.enter(depth: stack.count, name: nil)
    }

    /// Sets the path to the next member of the innermost container, an object: `key`
    /// (unescaped; in the read buffer or in `scratch`, which is then cleared).
    private mutating func beginMember<H: JSONValueHandler>(key: UnsafeRawBufferPointer, handler: inout H) {
        let top = stack.count - 1
        let slot = Self.slot(depth: stack.count, member: stack[top].index)
        if slot >= 0 && slotHolds(slot, key) {
            beginRepeatedMember(slot: slot, key: key, handler: &handler)
            return
        }
        defer { scratch.removeAll(); keyHeadKept = 0 }
        path.truncate(to: stack[top].base)
        stack[top].index += 1
        if Self.isPlainName(key) {
            path.append(UInt8(ascii: "."))
            path.append(contentsOf: key)
            if slot >= 0 && key.count <= Self.slotKeyBytes {
                storeSlotKey(slot, key)
                handler.enter(depth: stack.count, name: key, slot: slot, sameName: false)
                return
            }
        } else {
            Self.appendQuotedSegment(key, to: &path)
        }
        handler.enter(depth: stack.count, name: key)
    }

    /// Appends `['name']` to a path, each `'` and `\` in the name escaped with a backslash:
    /// the segment of a member whose name is not plain (`isPlainName`).
    static func appendQuotedSegment(_ name: UnsafeRawBufferPointer, to path: inout PlainBuffer<UInt8>) {
        path.append(UInt8(ascii: "["))
        path.append(UInt8(ascii: "'"))
        for b in name {
            if b == UInt8(ascii: "'") || b == UInt8(ascii: "\\") { path.append(UInt8(ascii: "\\")) }
            path.append(b)
        }
        path.append(UInt8(ascii: "'"))
        path.append(UInt8(ascii: "]"))
    }

    /// The next member of the innermost object has the key `slot` held last time (found
    /// by `repeatedKeySlot` or compared in `beginMember`): plain, and its handler knows it.
    private mutating func beginRepeatedMember<H: JSONValueHandler>(slot: Int, key: UnsafeRawBufferPointer,
                                                                   handler: inout H) {
        defer { scratch.removeAll(); keyHeadKept = 0 }
        let top = stack.count - 1
        path.truncate(to: stack[top].base)
        stack[top].index += 1
        path.append(contentsOf: UnsafeRawBufferPointer(start: slotSegment(slot), count: key.count + 1))
        handler.enter(depth: stack.count, name: key, slot: slot, sameName: true)
    }

    /// Whether `slot` (>= 0) holds `key` (from anywhere: the read buffer or `scratch`).
    @inline(__always)
    private func slotHolds(_ slot: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        slotKeyLengths[slot] == key.count
            && Self.sameBytes(UnsafeRawPointer(slotSegment(slot) + 1), key.baseAddress!, key.count)
    }

    /// `slot` holds `key` (plain, at most `slotKeyBytes`) from now on.
    @inline(__always)
    private func storeSlotKey(_ slot: Int, _ key: UnsafeRawBufferPointer) {
        let segment = slotSegment(slot)
        segment[0] = UInt8(ascii: ".")
        UnsafeMutableRawPointer(segment + 1).copyMemory(from: key.baseAddress!, byteCount: key.count)
        slotKeyLengths[slot] = key.count
    }

    /// The slot of the next member of the innermost container when that is an object and
    /// `bytes` at `i` hold the key the slot held last time and its closing quote; else -1.
    /// (A stored key is plain: no quote or backslash, so those bytes are the whole key.)
    @inline(__always)
    private func repeatedKeySlot(_ bytes: UnsafeRawBufferPointer, at i: Int) -> Int {
        guard let top = stack.last, !top.isArray else { return -1 }
        return repeatedKeySlot(bytes, at: i, slot: Self.slot(depth: stack.count, member: top.index))
    }

    /// The same for a given slot (-1: none).
    @inline(__always)
    private func repeatedKeySlot(_ bytes: UnsafeRawBufferPointer, at i: Int, slot: Int) -> Int {
        guard slot >= 0 else { return -1 }
        let length = slotKeyLengths[slot]
        guard length >= 0, i + length < bytes.count, bytes[i + length] == UInt8(ascii: "\"") else { return -1 }
        let text = UnsafeRawPointer(bytes.baseAddress! + i), stored = UnsafeRawPointer(slotSegment(slot) + 1)
        if length < 8 {
            // One masked 8-byte compare: the read buffer has 32 readable bytes past its
            // data, and a slot's segment is 64 bytes.
            let mask: UInt64 = (1 << UInt64(length * 8)) &- 1
            return (text.loadUnaligned(as: UInt64.self) ^ stored.loadUnaligned(as: UInt64.self)) & mask == 0 ? slot : -1
        }
        return Self.sameBytes(text, stored, length) ? slot : -1
    }

    /// The path segment stored for `slot`: a dot, then its key.
    @inline(__always)
    private func slotSegment(_ slot: Int) -> UnsafeMutablePointer<UInt8> {
        slotKeys.base + slot * (Self.slotKeyBytes + 2) + 1
    }

    /// Whether a[0..<count] == b[0..<count], eight bytes at a time (the last eight
    /// overlapping; under eight, a byte loop): reads nothing outside the two ranges.
    @inline(__always)
    static func sameBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
        if count < 8 {
            var k = 0
            while k < count && a.load(fromByteOffset: k, as: UInt8.self) == b.load(fromByteOffset: k, as: UInt8.self) {
                k += 1
            }
            return k == count
        }
        var k = 0
        while k + 8 < count {
            if a.loadUnaligned(fromByteOffset: k, as: UInt64.self) != b.loadUnaligned(fromByteOffset: k, as: UInt64.self) {
                return false
            }
            k += 8
        }
        return a.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            == b.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    }

    /// The cache slot of member `member` of an object at `depth`, or -1 beyond the
    /// cached depths and members.
    @inline(__always) static func slot(depth: Int, member: Int) -> Int {
        depth < slotDepths && member < slotMembers ? depth * slotMembers + member : -1
    }

    /// Whether `,` and the next key's opening quote start at `i`, inside an object.
    @inline(__always)
    private func nextKeyFollows(_ bytes: UnsafeRawBufferPointer, _ i: Int) -> Bool {
        i + 1 < bytes.count && bytes[i] == UInt8(ascii: ",") && bytes[i + 1] == UInt8(ascii: "\"")
            && stack.last?.isArray == false
    }

    private mutating func endValue() {
        if stack.isEmpty { records += 1 }
    }

    /// Deliver a string or number (in the read buffer or in `scratch`, which is then
    /// cleared), or the last piece of one handed over in pieces.
    private mutating func deliver<H: JSONValueHandler>(_ value: UnsafeRawBufferPointer, isString: Bool, offset: Int,
                                                       handler: inout H) throws {
        let depth = stack.count, record = records
        defer { scratch.removeAll() }
        if piecesDropped > 0 {
            let dropped = piecesDropped
            piecesDropped = 0
            try handler.valuePiece(value, report: Self.pieceOverlap..<value.count, isString: isString,
                                   path: path.bytes, depth: depth, record: record, offset: offset + dropped)
            return
        }
        try handler.value(value, isString: isString, path: path.bytes, depth: depth, record: record, offset: offset)
    }

    /// Hands over the piece of a long string or number that `scratch` holds, and keeps
    /// its last 2 x `pieceOverlap` bytes as the start of the next piece: this piece
    /// reports the matches that start before its last `pieceOverlap` bytes (and, after the
    /// first piece, not in its first `pieceOverlap`), the next one those after.
    private mutating func deliverPiece<H: JSONValueHandler>(isString: Bool, offset: Int, handler: inout H) throws {
        let count = scratch.count, overlap = Self.pieceOverlap
        try handler.valuePiece(scratch.bytes, report: (piecesDropped > 0 ? overlap : 0)..<(count - overlap),
                               isString: isString, path: path.bytes, depth: stack.count, record: records,
                               offset: offset + piecesDropped)
        scratch.removeFirst(count - 2 * overlap)
        piecesDropped += count - 2 * overlap
    }

    /// Keeps the first and last `keyEnd` bytes of the key growing in `scratch` (cut where
    /// a character starts), with `keyElision` between. A name's path reports only its
    /// last 240 characters (Macie's rule, ReportedJSONPath) and its keywords are looked
    /// for in the words at its ends, so a key of 50 MB need not be held whole: it was,
    /// and took 1.2 GiB and 48 s.
    private mutating func shortenKey() {
        let base = scratch.base, count = scratch.count
        var tail = count - Self.keyEnd
        while tail < count && base[tail] & 0xC0 == 0x80 { tail += 1 }
        if keyHeadKept == 0 {
            var head = Self.keyEnd
            while head > 0 && base[head] & 0xC0 == 0x80 { head -= 1 }
            // (The marker overwrites bytes of the middle: the tail starts far after it.)
            for (k, b) in Self.keyElision.enumerated() { base[head + k] = b }
            keyHeadKept = head + Self.keyElision.count
        }
        (base + keyHeadKept).update(from: base + tail, count: count - tail)
        scratch.truncate(to: keyHeadKept + count - tail)
    }

    static func appendDecimal(_ value: Int, to out: inout PlainBuffer<UInt8>) {
        if value < 10 { out.append(UInt8(ascii: "0") + UInt8(value)); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = value, count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            while n > 0 { d[count] = UInt8(ascii: "0") + UInt8(n % 10); n /= 10; count += 1 }
            while count > 0 { count -= 1; out.append(d[count]) }
        }
    }

    /// '0'-'9', '.', 'e', 'E', '+' and '-': one bit test (bits of the ASCII bytes 0-63 and
    /// 64-127, as in `isPlainName`).
    @inline(__always) static func isNumberByte(_ b: UInt8) -> Bool {
        let low: UInt64 = 0x03FF_6800_0000_0000, high: UInt64 = 0x0000_0020_0000_0020
        return b < 128 && ((b < 64 ? low : high) >> UInt64(b & 63)) & 1 != 0
    }

    /// The first '"' or '\\' in the read buffer's [from, count), or `count`. The first 16
    /// bytes (most keys and values) are looked at here, 8 at a time, without a call; the
    /// buffer has 32 readable bytes past its data, and a hit there counts as none.
    @inline(__always)
    static func nextQuoteOrBackslash(_ buffer: PaddedReadBuffer, from: Int, count: Int) -> Int {
        var at = from
        for _ in 0..<2 {
            let word = buffer.load8(at)
            // A byte of `word ^ repeated(c)` is zero where `word` holds c; the lowest flagged
            // byte is the first such byte (the flags above it may be false).
            let q = word ^ 0x2222_2222_2222_2222, s = word ^ 0x5C5C_5C5C_5C5C_5C5C
            let flags = ((q &- 0x0101_0101_0101_0101) & ~q | (s &- 0x0101_0101_0101_0101) & ~s) & 0x8080_8080_8080_8080
            if flags != 0 { return min(at + flags.trailingZeroBitCount / 8, count) }
            at += 8
            if at >= count { return count }
        }
        return buffer.next(UInt8(ascii: "\""), UInt8(ascii: "\\"), from: at, count: count)
    }

    @inline(__always) static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// Whether a key can follow a dot in a JsonPath (letters, digits, '_', non-ASCII; not
    /// starting with a digit).
    static func isPlainName(_ name: UnsafeRawBufferPointer) -> Bool {
        guard let first = name.first, !(first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) else { return false }
        // Bits of the ASCII bytes allowed: '0'-'9' (48-57) in the low word; 'A'-'Z' (65-90),
        // '_' (95) and 'a'-'z' (97-122) in the high one. Bytes from 0x80 are allowed.
        let low: UInt64 = 0x03FF_0000_0000_0000, high: UInt64 = 0x07FF_FFFE_87FF_FFFE
        for b in name where b < 0x80 {
            let word = b < 64 ? low : high
            if word >> UInt64(b & 63) & 1 == 0 { return false }
        }
        return true
    }
}
