// AvroReader: the leaf values of an Avro object container file, each with its
// record index and JSON path (DESIGN.md: Records occurrences, RecordIndex 0-based,
// JsonPath with indices; any name on the path counts as a keyword).
//
// Which library does what:
//  - avro-c decodes the records: the schema (avro_schema_from_json_length), the
//    generic value class, and avro_value_read over an in-memory block
//    (avro_reader_memory). Its binary decoding of every Avro type is the part
//    worth not rewriting.
//  - zlib (CZlib) inflates deflate blocks (raw deflate, as the spec says).
//  - The container framing (magic, metadata map, sync marker, block count and
//    size) is read here, by hand, from the Avro 1.11 specification. avro-c's own
//    file reader (avro_file_reader_fp over fmemopen) was the plan, but it cannot
//    serve a scanner: it ignores a failed block decode and a failed read of the
//    next block header ("for now, ignore errors (e.g. EOF)"), so a truncated or
//    corrupt file ends early as if complete, or replays the previous block; it
//    allocates whatever block size the file claims (negative included) before
//    reading it; it cannot open a valid file with no blocks. Reading the framing
//    here makes every one of those a `.malformed`, and needs no FILE* at all.
//    Codecs: null and deflate; others (snappy, zstandard, ...) are `.malformed`
//    naming the codec.
//
// Output: a callback per leaf (string, bytes and fixed when valid UTF-8, int,
// long, float, double, boolean, enum symbol), never one big array. Unions follow
// the branch taken (no path step); map keys are path names (`$.attrs.key`, or
// `$.attrs['odd key']` when the key is not an identifier); arrays give indices.
// Values are walked with an explicit stack, not recursion; more than
// `maxNesting` records/arrays/maps on a path is `.nestingTooDeep`.
//
// Caveat: avro-c's decoder itself recurses per nesting level of the data; with a
// recursive schema (a record that contains itself) a hostile file could nest as
// deep as its block size allows. `maxBlockBytes` bounds that depth (each level
// costs at least one byte) but not below what an 8 MiB thread stack holds.

import CAvro
import CZlib

public enum AvroReadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not an Avro container file, or damaged; `detail` names the place, never data.
    case malformed(String)
    /// A value nests records/arrays/maps deeper than the limit (JSON_NESTING_LEVEL_OVER_LIMIT).
    case nestingTooDeep(limit: Int)

    public var description: String {
        switch self {
        case .malformed(let detail): return "malformed Avro file: \(detail)"
        case .nestingTooDeep(let limit): return "Avro value nests deeper than \(limit) levels"
        }
    }
}

/// One leaf value of one record.
public struct AvroLeaf: Sendable, Equatable {
    /// 0-based index of the record in the file.
    public let recordIndex: Int
    /// `$.customer.cards[2].number`
    public let jsonPath: String
    /// The record field names and map keys on the path, outermost first (for the
    /// keyword rule); array indices are not names.
    public let fieldNames: [String]
    /// The value as UTF-8 text (numbers in Swift's shortest round-trip form).
    public let value: [UInt8]
}

public struct AvroReadSummary: Sendable, Equatable {
    public let records: Int
    /// The codec named in the header ("null" when absent).
    public let codec: String
    /// bytes/fixed values left out because they are not UTF-8 text.
    public let skippedBinaryValues: Int
}

public struct AvroReader: Sendable {
    public let maxNesting: Int
    /// Upper bound on one block's decoded size (a deflate bomb is `.malformed`).
    public let maxBlockBytes: Int

    public init(maxNesting: Int = 256, maxBlockBytes: Int = 256 << 20) {
        self.maxNesting = max(1, maxNesting)
        self.maxBlockBytes = max(1, maxBlockBytes)
    }

    /// Reads the container file in `bytes` and calls `visit` for every leaf, record
    /// by record, in field order.
    @discardableResult
    public func read(_ bytes: [UInt8], _ visit: (AvroLeaf) throws -> Void) throws -> AvroReadSummary {
        try bytes.withUnsafeBytes { try read(buffer: $0, visit) }
    }

    public func read(buffer: UnsafeRawBufferPointer, _ visit: (AvroLeaf) throws -> Void) throws -> AvroReadSummary {
        var input = Cursor(buffer)
        let header = try input.header()
        var schema: avro_schema_t?
        let parsed = header.schemaJSON.withUnsafeBytes {
            avro_schema_from_json_length($0.baseAddress?.assumingMemoryBound(to: CChar.self), $0.count, &schema)
        }
        guard parsed == 0, let schema else { throw AvroReadError.malformed("the header's avro.schema does not parse") }
        defer { avro_schema_decref(schema) }
        guard let iface = avro_generic_class_from_schema(schema) else {
            throw AvroReadError.malformed("no value class for the schema")
        }
        defer { iface.pointee.decref_iface?(iface) }
        var value = avro_value_t()
        guard avro_generic_value_new(iface, &value) == 0 else { throw AvroReadError.malformed("cannot allocate a value") }
        defer { avro_value_decref(&value) }
        guard let blockReader = avro_reader_memory(nil, 0) else { throw AvroReadError.malformed("cannot allocate a reader") }
        defer { avro_reader_free(blockReader) }

        var walker = Walker(maxNesting: maxNesting)
        var recordIndex = 0
        var inflated: [UInt8] = []
        while !input.atEnd {
            let count = try input.long("block count")
            let size = try input.long("block size")
            guard count > 0 else { throw AvroReadError.malformed("block with \(count) records") }
            guard size >= 0, size <= input.remaining else { throw AvroReadError.malformed("block size beyond the end of the file") }
            let stored = input.take(Int(size))
            guard input.remaining >= 16, input.take(16).elementsEqual(header.sync) else {
                throw AvroReadError.malformed("block \(recordIndex == 0 ? "1" : "after record \(recordIndex - 1)") is not followed by the sync marker")
            }
            func decode(_ data: UnsafeRawBufferPointer) throws {
                // A record takes at least one byte unless its schema encodes in none
                // (null, an empty record): then a huge count would spin on no data.
                guard count <= max(Int64(data.count), 1024) else {
                    throw AvroReadError.malformed("block claims more records than it has bytes")
                }
                avro_reader_memory_set_source(blockReader, data.baseAddress?.assumingMemoryBound(to: CChar.self), Int64(data.count))
                for _ in 0..<count {
                    _ = value.iface.pointee.reset?(value.iface, value.`self`)
                    guard avro_value_read(blockReader, &value) == 0 else {
                        throw AvroReadError.malformed("record \(recordIndex) does not decode")
                    }
                    try walker.walk(value, recordIndex: recordIndex, visit)
                    recordIndex += 1
                }
            }
            if header.codec == "null" {
                try decode(stored)
            } else {   // "deflate": header() accepts no other codec
                inflated = try Self.inflateRaw(stored, limit: maxBlockBytes)
                try inflated.withUnsafeBytes { try decode($0) }
            }
        }
        return AvroReadSummary(records: recordIndex, codec: header.codec, skippedBinaryValues: walker.skippedBinary)
    }

    /// Raw deflate (RFC 1951, no zlib header), as the Avro spec's deflate codec.
    static func inflateRaw(_ input: UnsafeRawBufferPointer, limit: Int) throws -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw AvroReadError.malformed("zlib does not start")
        }
        defer { inflateEnd(&stream) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)
        while true {
            let (status, produced) = chunk.withUnsafeMutableBytes { buf -> (Int32, Int) in
                stream.next_out = buf.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(buf.count)
                let status = inflate(&stream, Z_NO_FLUSH)
                return (status, buf.count - Int(stream.avail_out))
            }
            out.append(contentsOf: chunk[..<produced])
            guard out.count <= limit else { throw AvroReadError.malformed("a deflate block inflates beyond \(limit) bytes") }
            switch status {
            case Z_STREAM_END: return out
            case Z_OK: continue
            case Z_BUF_ERROR where stream.avail_in == 0:
                throw AvroReadError.malformed("a deflate block is truncated")
            default:
                throw AvroReadError.malformed("a deflate block is damaged")
            }
        }
    }
}

// MARK: Container framing

/// Reads the container file's framing: zig-zag varints, length-prefixed bytes.
private struct Cursor {
    let base: UnsafeRawBufferPointer
    var position = 0
    init(_ base: UnsafeRawBufferPointer) { self.base = base }

    var remaining: Int { base.count - position }
    var atEnd: Bool { position == base.count }

    mutating func take(_ n: Int) -> UnsafeRawBufferPointer {
        defer { position += n }
        return UnsafeRawBufferPointer(rebasing: base[position..<position + n])
    }

    /// A zig-zag varint long (at most 10 bytes).
    mutating func long(_ what: String) throws -> Int64 {
        var raw: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < base.count else { throw AvroReadError.malformed("file ends inside the \(what)") }
            guard shift < 64 else { throw AvroReadError.malformed("\(what) is longer than 10 bytes") }
            let byte = base[position]
            position += 1
            raw |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
        }
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    mutating func lengthPrefixed(_ what: String) throws -> UnsafeRawBufferPointer {
        let n = try long(what + " length")
        guard n >= 0, n <= remaining else { throw AvroReadError.malformed("\(what) runs past the end of the file") }
        return take(Int(n))
    }

    struct Header {
        var schemaJSON: [UInt8]
        var codec: String
        var sync: [UInt8]
    }

    /// Magic, metadata map (avro.schema, avro.codec) and sync marker.
    mutating func header() throws -> Header {
        guard remaining >= 4, take(4).elementsEqual([0x4F, 0x62, 0x6A, 0x01]) else {
            throw AvroReadError.malformed("no Avro magic (Obj 1)")
        }
        var schema: [UInt8]?
        var codec = "null"
        while true {
            var count = try long("metadata block count")
            if count == 0 { break }
            if count < 0 {                       // a negative count is followed by the block's size
                _ = try long("metadata block size")
                count = count == .min ? .max : -count
            }
            for _ in 0..<count {
                let key = try lengthPrefixed("metadata key")
                let value = try lengthPrefixed("metadata value")
                if key.elementsEqual("avro.schema".utf8) { schema = Array(value) }
                if key.elementsEqual("avro.codec".utf8) { codec = String(decoding: value, as: UTF8.self) }
            }
        }
        guard let schema else { throw AvroReadError.malformed("the header has no avro.schema") }
        guard codec == "null" || codec == "deflate" else {
            throw AvroReadError.malformed("codec \(codec.prefix(32)) is not supported (null, deflate)")
        }
        guard remaining >= 16 else { throw AvroReadError.malformed("file ends inside the sync marker") }
        return Header(schemaJSON: schema, codec: codec, sync: Array(take(16)))
    }
}

// MARK: Value walk

/// Walks one decoded value to its leaves with an explicit stack.
private struct Walker {
    enum Step {
        case field(String)
        case key(String)
        case index(Int)
    }
    struct Node {
        let parent: Int      // -1 for the root
        let step: Step?
    }
    struct Pending {
        var value: avro_value_t
        let node: Int
        let depth: Int       // records/arrays/maps above this value
    }

    let maxNesting: Int
    var nodes: [Node] = []
    var stack: [Pending] = []
    var skippedBinary = 0

    init(maxNesting: Int) { self.maxNesting = maxNesting }

    mutating func walk(_ root: avro_value_t, recordIndex: Int, _ visit: (AvroLeaf) throws -> Void) throws {
        nodes.removeAll(keepingCapacity: true)
        stack.removeAll(keepingCapacity: true)
        nodes.append(Node(parent: -1, step: nil))
        stack.append(Pending(value: root, node: 0, depth: 0))
        while var item = stack.popLast() {
            let iface = item.value.iface!
            let me = item.value.`self`
            let type = iface.pointee.get_type?(iface, me) ?? AVRO_NULL
            switch type {
            case AVRO_RECORD, AVRO_ARRAY, AVRO_MAP:
                guard item.depth < maxNesting else { throw AvroReadError.nestingTooDeep(limit: maxNesting) }
                var size = 0
                _ = iface.pointee.get_size?(iface, me, &size)
                var k = size - 1
                while k >= 0 {                  // reversed, so children pop in order
                    var child = avro_value_t()
                    var name: UnsafePointer<CChar>?
                    guard iface.pointee.get_by_index?(iface, me, k, &child, &name) == 0 else {
                        throw AvroReadError.malformed("record \(recordIndex): a child value is missing")
                    }
                    let step: Step
                    switch type {
                    case AVRO_ARRAY: step = .index(k)
                    case AVRO_MAP: step = .key(name.map { String(cString: $0) } ?? "")
                    default: step = .field(name.map { String(cString: $0) } ?? "")
                    }
                    nodes.append(Node(parent: item.node, step: step))
                    stack.append(Pending(value: child, node: nodes.count - 1, depth: item.depth + 1))
                    k -= 1
                }
            case AVRO_UNION:
                var branch = avro_value_t()
                guard iface.pointee.get_current_branch?(iface, me, &branch) == 0 else {
                    throw AvroReadError.malformed("record \(recordIndex): a union has no branch")
                }
                item.value = branch
                stack.append(item)
            case AVRO_NULL:
                continue
            default:
                if let text = leafText(type, iface, me) {
                    try visit(leaf(recordIndex: recordIndex, node: item.node, value: text))
                }
            }
        }
    }

    /// The leaf's text, or nil (null, or bytes/fixed that are not UTF-8).
    mutating func leafText(_ type: avro_type_t, _ iface: UnsafeMutablePointer<avro_value_iface_t>,
                           _ me: UnsafeMutableRawPointer?) -> [UInt8]? {
        let p = iface.pointee
        switch type {
        case AVRO_STRING:
            var s: UnsafePointer<CChar>?
            var size = 0
            guard p.get_string?(iface, me, &s, &size) == 0, let s else { return [] }
            // avro-c counts the terminating NUL in the size.
            return Array(UnsafeRawBufferPointer(start: s, count: max(0, size - 1)))
        case AVRO_BYTES, AVRO_FIXED:
            var b: UnsafeRawPointer?
            var size = 0
            let status = type == AVRO_BYTES ? p.get_bytes?(iface, me, &b, &size) : p.get_fixed?(iface, me, &b, &size)
            guard status == 0 else { return nil }
            let bytes = Array(UnsafeRawBufferPointer(start: b, count: b == nil ? 0 : size))
            guard String(validating: bytes, as: UTF8.self) != nil else { skippedBinary += 1; return nil }
            return bytes
        case AVRO_INT32:
            var v: Int32 = 0
            _ = p.get_int?(iface, me, &v)
            return Array(String(v).utf8)
        case AVRO_INT64:
            var v: Int64 = 0
            _ = p.get_long?(iface, me, &v)
            return Array(String(v).utf8)
        case AVRO_FLOAT:
            var v: Float = 0
            _ = p.get_float?(iface, me, &v)
            return Array(String(v).utf8)
        case AVRO_DOUBLE:
            var v: Double = 0
            _ = p.get_double?(iface, me, &v)
            return Array(String(v).utf8)
        case AVRO_BOOLEAN:
            var v: Int32 = 0
            _ = p.get_boolean?(iface, me, &v)
            return Array((v != 0 ? "true" : "false").utf8)
        case AVRO_ENUM:
            var v: Int32 = 0
            _ = p.get_enum?(iface, me, &v)
            guard let schema = p.get_schema?(iface, me), let symbol = avro_schema_enum_get(schema, v) else { return [] }
            return Array(UnsafeRawBufferPointer(start: symbol, count: strlen(symbol)))
        default:
            return nil
        }
    }

    func leaf(recordIndex: Int, node: Int, value: [UInt8]) -> AvroLeaf {
        var steps: [Step] = []
        var n = node
        while n > 0 {
            if let step = nodes[n].step { steps.append(step) }
            n = nodes[n].parent
        }
        var path = "$"
        var names: [String] = []
        for step in steps.reversed() {
            switch step {
            case .field(let name):
                path += "." + name
                names.append(name)
            case .key(let key):
                path += Self.isIdentifier(key) ? "." + key : "['" + key.replacingEscapes() + "']"
                names.append(key)
            case .index(let i):
                path += "[\(i)]"
            }
        }
        return AvroLeaf(recordIndex: recordIndex, jsonPath: path, fieldNames: names, value: value)
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.utf8.first, first == UInt8(ascii: "_") || (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A else {
            return false
        }
        return s.utf8.allSatisfy { c in
            c == UInt8(ascii: "_") || (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A)
        }
    }
}

private extension String {
    /// For a bracketed JSONPath key: escape backslash and quote.
    func replacingEscapes() -> String {
        var out = ""
        for c in self {
            if c == "\\" || c == "'" { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
