// A YAML document as a small tree of strings, lists and mappings with 1-based line
// numbers, loaded with libyaml (libyaml-dev): the detector files, the configuration file
// and custom identifier files all go through it, and every start reads the catalogue's
// ~150 files.
//
// Why libyaml itself rather than Yams (which wraps the same parser): Yams' nodes carry a
// tag with its resolver and constructor objects, a mark and a style each, and that
// building was 60% of the catalogue's parse at start-up (62M of 103M instructions);
// libyaml's own document loader (yaml_parser_load: events composed into nodes, anchors
// and aliases resolved) is the rest. What is written here: the copy of libyaml's nodes
// into Swift values, the duplicate-key check (libyaml keeps duplicates; a repeated field
// must be an error, as it was), and reading YAML 1.1 nulls and integers the way Yams'
// constructors did (every scalar is otherwise a string; YAMLFields reads booleans).

import CLibYAML

public struct YAMLNode {
    public indirect enum Kind {
        /// A scalar's text; `plain`: written without quotes or a block style.
        case scalar(String, plain: Bool)
        case sequence([YAMLNode])
        case mapping([(key: YAMLNode, value: YAMLNode)])
    }

    public let kind: Kind
    /// 1-based line of the node's first character.
    public let line: Int

    public var string: String? {
        if case let .scalar(text, _) = kind { return text }
        return nil
    }

    public var isPlainScalar: Bool {
        if case let .scalar(_, plain) = kind { return plain }
        return false
    }

    public var sequence: [YAMLNode]? {
        if case let .sequence(items) = kind { return items }
        return nil
    }

    public var mapping: [(key: YAMLNode, value: YAMLNode)]? {
        if case let .mapping(pairs) = kind { return pairs }
        return nil
    }

    /// A plain scalar YAML 1.1 reads as null ("", "~", "null", "Null", "NULL"), as Yams did
    /// (quoted, it is that string).
    public var isNull: Bool {
        guard isPlainScalar, let text = string else { return false }
        return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    /// A plain scalar read as a YAML 1.1 integer, as Yams' constructor did: '_' ignored,
    /// a sign, then 0x (hex), 0b (binary), 0o or a leading 0 (octal), a:b:c (base 60) or
    /// decimal digits.
    public var int: Int? {
        guard isPlainScalar, let text = string else { return nil }
        // Plain decimal digits without a leading 0 (every integer of the catalogue) read as
        // Int reads them, before the general path below (about 10k instructions an integer).
        let utf8 = text.utf8
        if let first = utf8.first, first >= 0x31 && first <= 0x39, utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return Int(text)
        }
        // (Not Foundation's replacingOccurrences: its protocol lookups were 3% of
        // start-up, run for every integer field of the catalogue.)
        let withSign = text.contains("_") ? text.filter { $0 != "_" } : text
        if withSign == "0" { return 0 }
        let negative = withSign.hasPrefix("-")
        let hasSign = negative || withSign.hasPrefix("+")
        let digits = withSign.dropFirst(hasSign ? 1 : 0)
        for (prefix, radix) in [("0x", 16), ("0b", 2), ("0o", 8), ("0", 8)] where digits.hasPrefix(prefix) {
            return Int((negative ? "-" : "") + digits.dropFirst(prefix.count), radix: radix)
        }
        if digits.contains(":") {
            var value = 0
            for part in digits.split(separator: ":", omittingEmptySubsequences: false) {
                guard let n = Int(part) else { return nil }
                let (times, o1) = value.multipliedReportingOverflow(by: 60)
                let (sum, o2) = times.addingReportingOverflow(n)
                guard !o1 && !o2 else { return nil }
                value = sum
            }
            return negative ? -value : value
        }
        return Int(withSign)
    }

    /// Why a text is not one YAML document: the message and its 1-based line.
    public struct LoadError: Error {
        public let message: String
        public let line: Int?
    }

    /// The single document in `text` (UTF-8), or nil when it holds none.
    public static func load(_ text: String) throws(LoadError) -> YAMLNode? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) != 0 else { throw LoadError(message: "YAML: out of memory", line: nil) }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        return try bytes.withUnsafeMutableBufferPointer { (buffer) throws(LoadError) -> YAMLNode? in
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var document = yaml_document_t()
            guard yaml_parser_load(&parser, &document) != 0 else { throw Self.problem(parser) }
            defer { yaml_document_delete(&document) }
            guard let root = yaml_document_get_root_node(&document) else { return nil }
            // Copies by node number (1-based, as libyaml numbers them).
            var copied = [YAMLNode?](repeating: nil, count: document.nodes.top - document.nodes.start + 1)
            let node = try YAMLNode(root, in: &document, depth: 1, copied: &copied)
            // A second document is an error (a detector or configuration file holds one).
            var next = yaml_document_t()
            guard yaml_parser_load(&parser, &next) != 0 else { throw Self.problem(parser) }
            defer { yaml_document_delete(&next) }
            if let second = yaml_document_get_root_node(&next) {
                throw LoadError(message: "YAML syntax: expected a single document in the stream",
                                line: Int(second.pointee.start_mark.line) + 1)
            }
            return node
        }
    }

    private static func problem(_ parser: yaml_parser_t) -> LoadError {
        let problem = parser.problem.map { String(cString: $0) } ?? "cannot parse the text"
        return LoadError(message: "YAML syntax: \(problem)", line: Int(parser.problem_mark.line) + 1)
    }

    /// Node `index` of the document (1-based, as libyaml numbers them), copied once.
    private static func copy(_ index: Int32, in document: inout yaml_document_t, depth: Int,
                             copied: inout [YAMLNode?]) throws(LoadError) -> YAMLNode {
        guard let node = yaml_document_get_node(&document, index), Int(index) < copied.count else {
            return YAMLNode(kind: .scalar("", plain: true), line: 1)
        }
        if let done = copied[Int(index)] { return done }
        let result = try YAMLNode(node, in: &document, depth: depth, copied: &copied)
        copied[Int(index)] = result
        return result
    }

    private init(kind: Kind, line: Int) {
        self.kind = kind
        self.line = line
    }

    /// Nesting deeper than this is refused (the copy below recurses once per level).
    static let maxDepth = 256

    /// The Swift copy of libyaml's node `node`. An alias is the node it names: each node
    /// is copied once (`copied`, by its number in the document) and shared by its
    /// aliases, so aliases of aliases ("billion laughs") cost no more than the text.
    private init(_ node: UnsafeMutablePointer<yaml_node_t>, in document: inout yaml_document_t, depth: Int,
                 copied: inout [YAMLNode?]) throws(LoadError) {
        line = Int(node.pointee.start_mark.line) + 1
        guard depth <= Self.maxDepth else {
            throw LoadError(message: "YAML nesting deeper than \(Self.maxDepth) levels", line: line)
        }
        switch node.pointee.type {
        case YAML_SCALAR_NODE:
            let scalar = node.pointee.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            kind = .scalar(text, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE || scalar.style == YAML_ANY_SCALAR_STYLE)
        case YAML_SEQUENCE_NODE:
            var items: [YAMLNode] = []
            var item = node.pointee.data.sequence.items.start
            // (Sized up front here and below: growing the arrays and the key table as they
            // filled was about 4M of the catalogue's 200M start-up instructions.)
            if let start = item, let top = node.pointee.data.sequence.items.top { items.reserveCapacity(top - start) }
            while item != node.pointee.data.sequence.items.top {
                items.append(try Self.copy(item!.pointee, in: &document, depth: depth + 1, copied: &copied))
                item = item! + 1
            }
            kind = .sequence(items)
        case YAML_MAPPING_NODE:
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            var seen: [String: Int] = [:]   // key -> line of its first use
            var duplicates: [String: Int] = [:]
            var pair = node.pointee.data.mapping.pairs.start
            if let start = pair, let top = node.pointee.data.mapping.pairs.top {
                pairs.reserveCapacity(top - start)
                seen.reserveCapacity(top - start)
            }
            while pair != node.pointee.data.mapping.pairs.top {
                let key = try Self.copy(pair!.pointee.key, in: &document, depth: depth + 1, copied: &copied)
                if let name = key.string {
                    if let first = seen[name] { duplicates[name] = first } else { seen[name] = key.line }
                }
                pairs.append((key, try Self.copy(pair!.pointee.value, in: &document, depth: depth + 1, copied: &copied)))
                pair = pair! + 1
            }
            if let first = duplicates.keys.sorted().first {
                throw LoadError(message: "duplicated keys: \(duplicates.keys.sorted().joined(separator: ", "))",
                                line: duplicates[first])
            }
            kind = .mapping(pairs)
        default:
            kind = .scalar("", plain: true)
        }
    }
}
